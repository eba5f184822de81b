// What fly-deploy and rollback output for a release. Its own entry point (@shipgate/fly/outputs): an action
// declares its outputs before it loads anything, so this file imports types only.
import type { Outputs } from '@shipgate/kit';
import type { ReleaseRecord } from './deploy/record';

/** The outputs of a release, with their kinds, as the actions' action.yml declares them. */
export const releaseOutputKinds = {
  'release-id': 'text',
  outcome: 'text',
  image: 'text',
  'previous-image': 'text',
  machines: 'number',
  'app-url': 'text',
  'record-file': 'text',
  record: 'json',
} as const;

/** What both fly-deploy and rollback output for a record. */
export function releaseOutputs(
  record: ReleaseRecord,
  recordFile: string,
  appUrl: string | undefined,
): Outputs<typeof releaseOutputKinds> & { 'app-url': string; image: string } {
  const running = record.machines.filter(
    (machine) =>
      machine.final !== 'created-destroyed' && machine.action !== 'destroyed' && machine.action !== 'canary',
  );
  return {
    'release-id': record.id,
    outcome: record.outcome,
    image: finalImage(record),
    'previous-image': record.previousImage ?? '',
    machines: running.length,
    'app-url': appUrl ?? `https://${record.app}.fly.dev`,
    'record-file': recordFile,
    record: compactRecord(record),
  };
}

/** The image the machines run once the release is over: the new one, unless it was rolled back. */
export function finalImage(record: ReleaseRecord): string {
  const rolledBack = record.outcome === 'rolled-back' || record.outcome === 'rollback-failed';
  return rolledBack ? (record.previousImage ?? record.image) : record.image;
}

/** The record without full configs: outputs share a 1 MB budget per job. */
export function compactRecord(record: ReleaseRecord): object {
  return {
    ...record,
    machines: record.machines.map(({ previous, ...machine }) => ({
      ...machine,
      previous: previous ? { image: previous.image, version: previous.version } : null,
    })),
  };
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { type ActionContext, InputError, type OutputValue } from '@shipgate/kit';
import { FlyClient } from './client/index';
import { type AppConfig, type DeploySettings, deploySettings, loadFlyToml } from './config/index';
import { type ReleaseRecord, releaseRecordText } from './deploy/index';
import { parseMaxUnavailable, parseTimeout } from './input-values';

export { resolveToken } from './token';

export function createClient(token: string, apiUrl: string, context: ActionContext): FlyClient {
  return new FlyClient({ token, baseUrl: apiUrl, log: context.log, userAgent: 'shipgate' });
}

/**
 * The run's signal (aborted when the runner cancels the job): the engine stops starting machines, undoes what
 * it changed and releases its leases before the runner's grace period ends.
 */
export function cancellation(context: ActionContext): AbortSignal {
  context.signal.addEventListener(
    'abort',
    () => context.log.info('stopping the rollout and undoing what changed'),
    { once: true },
  );
  return context.signal;
}

/** The record's file: the input relative to the workspace, else a file in RUNNER_TEMP. */
export async function recordPath(given: string | undefined, record: ReleaseRecord, context: ActionContext) {
  const path = given
    ? isAbsolute(given)
      ? given
      : resolve(context.run.workspace, given)
    : join(context.run.temp, `shipgate-release-${record.app}-${record.id}.json`);
  await context.writeFile(path, releaseRecordText(record));
  return path;
}

/** What both fly-deploy and rollback output for a record. */
export function releaseOutputs(
  record: ReleaseRecord,
  recordFile: string,
  appUrl: string | undefined,
): Record<string, OutputValue> {
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

const defaultFlyToml = ['fly', 'toml'].join('.');

/** The fly.toml an action deploys: the `config` input's file, else the workspace's fly.toml, else none. */
export async function readFlyToml(
  given: string | undefined,
  context: ActionContext,
): Promise<{ config: AppConfig; label: string } | undefined> {
  const { workspace } = context.run;
  // One resolve with a name that is not a constant: ncc would otherwise take `resolve(x, 'fly.toml')` for a
  // file of this repository and bundle a copy of examples/*/fly.toml.
  const path = resolve(workspace, given ?? defaultFlyToml);
  if (!existsSync(path)) {
    if (given) throw new InputError('config', `Input 'config' names ${given}, which does not exist.`);
    return undefined;
  }
  const label = relative(workspace, path) || path;
  const { config, warnings } = loadFlyToml(await readFile(path, 'utf8'), label);
  for (const warning of warnings) context.log.warning(warning);
  context.log.info(`config: ${label}`);
  return { config, label };
}

/**
 * What fly-deploy and canary-promote read alike: the app and image (the inputs, else the fly.toml) and the
 * rollout's pace (the inputs, else the fly.toml's [deploy], else flyctl's defaults).
 */
export function rolloutInputs(
  inputs: {
    app?: string | undefined;
    image?: string | undefined;
    'max-unavailable'?: string | undefined;
    'wait-timeout'?: string | undefined;
  },
  flyToml: { config: AppConfig } | undefined,
): { app: string; image: string; maxUnavailable: number; waitTimeoutMs: number; settings?: DeploySettings } {
  const settings = flyToml ? deploySettings(flyToml.config) : undefined;
  const app = inputs.app ?? flyToml?.config.app;
  if (!app) throw new InputError('app', "Input 'app' is required: no fly.toml names the app.");
  const image = inputs.image ?? flyToml?.config.build?.image;
  if (!image) {
    throw new InputError('image', "Input 'image' is required: the fly.toml has no [build] image to deploy.");
  }
  return {
    app,
    image,
    maxUnavailable: inputs['max-unavailable']
      ? parseMaxUnavailable('max-unavailable', inputs['max-unavailable'])
      : (settings?.maxUnavailable ?? 0.33),
    waitTimeoutMs: inputs['wait-timeout']
      ? parseTimeout('wait-timeout', inputs['wait-timeout'])
      : (settings?.waitTimeoutMs ?? 5 * 60_000),
    ...(settings ? { settings } : {}),
  };
}

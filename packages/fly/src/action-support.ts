import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Logger } from '@shipgate/kit';
import { FlyClient } from './client/index';
import {
  type AppConfig,
  type DeploySettings,
  defaultDeploySettings,
  deploySettings,
  loadFlyToml,
  processGroups,
} from './config/index';
import type { ReleaseRecord } from './deploy/index';

export { compactRecord, finalImage, releaseOutputKinds, releaseOutputs } from './release-outputs';
export { maskBareToken } from './token';

export function createClient(token: string, apiUrl: string, log: Logger): FlyClient {
  return new FlyClient({ token, baseUrl: apiUrl, log, userAgent: 'shipgate' });
}

/**
 * The run's signal, with a log line when it aborts: the engine stops starting machines, undoes what it changed
 * and releases its leases before the runner's grace period ends.
 */
export function cancellation(signal: AbortSignal, log: Logger): AbortSignal {
  signal.addEventListener('abort', () => log.info('stopping the rollout and undoing what changed'), {
    once: true,
  });
  return signal;
}

/** Where a release record goes when the workflow names no file: a file of its own in the runner's temp folder. */
export function defaultRecordPath(record: ReleaseRecord, tempDir: string): string {
  return join(tempDir, `shipgate-release-${record.app}-${record.id}.json`);
}

/** A fly.toml read: its config and how to name it in messages (relative to the workspace). */
export interface FlyToml {
  config: AppConfig;
  label: string;
}

/**
 * Reads and checks a fly.toml (`path` absolute), logging its warnings. `givenAs` says where the path came from
 * (`input 'config'`), so that a file of another kind is named with the input that pointed at it.
 */
export async function readFlyToml(
  path: string,
  workspace: string,
  log: Logger,
  givenAs?: string,
): Promise<FlyToml> {
  const relativePath = relative(workspace, path) || path;
  const label = givenAs ? `${relativePath} (${givenAs})` : relativePath;
  const { config, warnings } = loadFlyToml(await readFile(path, 'utf8'), label);
  for (const warning of warnings) log.warning(warning);
  log.info(`config: ${label}`);
  return { config, label };
}

/** Why `group` is not one of the fly.toml's process groups, as a sentence after "Input '…' "; undefined if it is. */
export function unknownProcessGroup(flyToml: FlyToml, group: string): string | undefined {
  const groups = processGroups(flyToml.config);
  if (groups.includes(group)) return undefined;
  return `must be one of the process groups of ${flyToml.label} (${groups.join(', ')}); got '${group}'.`;
}

/** What a release was given, each absent when the workflow left it to the fly.toml. */
export interface RolloutGiven {
  app?: string | undefined;
  image?: string | undefined;
  maxUnavailable?: number | undefined;
  waitTimeoutMs?: number | undefined;
}

/** A release's app, image and pace: as given, else the fly.toml's, else flyctl's defaults. */
export interface Rollout {
  /** undefined when neither the workflow nor the fly.toml names one. */
  app: string | undefined;
  image: string | undefined;
  maxUnavailable: number;
  waitTimeoutMs: number;
  settings?: DeploySettings;
}

/** Fills what the workflow left out from the fly.toml's top level, `[build]` and `[deploy]`. */
export function resolveRollout(given: RolloutGiven, flyToml: FlyToml | undefined): Rollout {
  const settings = flyToml ? deploySettings(flyToml.config) : undefined;
  const pace = settings ?? defaultDeploySettings;
  return {
    app: given.app ?? flyToml?.config.app,
    image: given.image ?? flyToml?.config.build?.image,
    maxUnavailable: given.maxUnavailable ?? pace.maxUnavailable,
    waitTimeoutMs: given.waitTimeoutMs ?? pace.waitTimeoutMs,
    ...(settings ? { settings } : {}),
  };
}

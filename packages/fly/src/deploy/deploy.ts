import type { FlyApi } from '../api';
import { defaultDeploySettings } from '../config/deploy-settings';
import type { Machine, MachineConfig } from '../machine-types';
import type { MachinePlan, RolloutSettings } from './context';
import { errorMessage } from './errors';
import { groupOf, hasChecks, isConverged, newReleaseId } from './plan';
import { type ReleaseRecord, type Strategy, strategies } from './record';
import { listDeployable, type RunOptions, runRelease } from './release';
import type { ReleaseCommandRequest } from './release-command';
import type { ScaleRequest } from './scale';
import { deployTarget, type GuestOverride, groupConfig } from './target';

/** What every release takes, a deploy and a rollback alike: where, how, and how patiently. */
export interface RolloutRequest {
  app: string;
  strategy: Strategy;
  /** Below 1 a share of the group's started machines (rounded up, at least 1); 1 and above a count. */
  maxUnavailable?: number;
  /** Per machine, for start and health together. */
  waitTimeoutMs: number;
  autoRollback?: boolean;
  leaseTtlSeconds?: number;
  healthPollMs?: number;
  bluegreenDrainMs?: number;
  releaseId?: string;
  primaryRegion?: string;
}

export interface DeployRequest extends RolloutRequest {
  image: string;
  /** Target config per process group (from fly.toml); absent: each machine keeps its own config. */
  groups?: Record<string, MachineConfig>;
  env?: Record<string, string>;
  guest?: Record<string, GuestOverride>;
  scale?: ScaleRequest;
  releaseCommand?: ReleaseCommandRequest;
  /**
   * Roll out to these machine ids only (one step of a canary promotion): only they are leased, updated,
   * health-checked and rolled back on failure. The app's other machines are left out of the release
   * entirely, so the record lists only these; a rollback from that record touches only them too.
   * Rolling or immediate only, and not with `scale`; a release command runs only if passed.
   */
  onlyMachines?: string[];
}

export type DeployOptions = RunOptions;

export const deployDefaults = {
  maxUnavailable: defaultDeploySettings.maxUnavailable,
  leaseTtlSeconds: 30,
  healthPollMs: 1000,
  bluegreenDrainMs: 10_000,
} as const;

/** Misuse: arguments no deploy could run with. A failed rollout never throws; this does. */
export function checkRequest(request: RolloutRequest): void {
  if (!request.app) throw new Error('deploy needs an app name');
  if (!(strategies as readonly string[]).includes(request.strategy)) {
    throw new Error(`unknown strategy '${request.strategy}': use one of ${strategies.join(', ')}`);
  }
  if (!(request.waitTimeoutMs > 0))
    throw new Error(`waitTimeoutMs must be positive, got ${request.waitTimeoutMs}`);
  if (request.maxUnavailable !== undefined && !(request.maxUnavailable > 0)) {
    throw new Error(`maxUnavailable must be positive, got ${request.maxUnavailable}`);
  }
  if (request.leaseTtlSeconds !== undefined && !(request.leaseTtlSeconds >= 2)) {
    throw new Error(`leaseTtlSeconds must be at least 2, got ${request.leaseTtlSeconds}`);
  }
}

export function rolloutSettings(request: RolloutRequest): RolloutSettings {
  return {
    maxUnavailable: request.maxUnavailable ?? deployDefaults.maxUnavailable,
    waitTimeoutMs: request.waitTimeoutMs,
    healthPollMs: request.healthPollMs ?? deployDefaults.healthPollMs,
    leaseTtlSeconds: request.leaseTtlSeconds ?? deployDefaults.leaseTtlSeconds,
    bluegreenDrainMs: request.bluegreenDrainMs ?? deployDefaults.bluegreenDrainMs,
    ...(request.primaryRegion ? { primaryRegion: request.primaryRegion } : {}),
  };
}

/** Misuse of `onlyMachines`, before anything is listed: a subset rolls in place, machine by machine. */
function checkSubset(request: DeployRequest): void {
  if (!request.onlyMachines) return;
  if (request.onlyMachines.length === 0) throw new Error('onlyMachines is empty: name at least one machine');
  if (request.strategy === 'bluegreen' || request.strategy === 'canary') {
    throw new Error(`onlyMachines works with the rolling or immediate strategy, not ${request.strategy}`);
  }
  if (request.scale) throw new Error('onlyMachines cannot be combined with scale');
}

/** The machines `onlyMachines` names, in deploy order; throws naming ids that are not deployable machines. */
function selectMachines(
  machines: readonly Machine[],
  onlyMachines: readonly string[],
  app: string,
): Machine[] {
  const known = new Set(machines.map((machine) => machine.id));
  const unknown = [...new Set(onlyMachines)].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(
      `onlyMachines names machines ${app} has no deployable machine for: ${unknown.join(', ')}`,
    );
  }
  const wanted = new Set(onlyMachines);
  return machines.filter((machine) => wanted.has(machine.id));
}

/**
 * Deploys `request.image` to every machine of the app (or the `onlyMachines` subset): leases, release
 * command, the strategy's rollout, scaling, and automatic rollback on failure. Resolves to the release
 * record whatever happened; throws only for a request no deploy could run.
 */
export async function deploy(
  api: FlyApi,
  request: DeployRequest,
  options: DeployOptions,
): Promise<ReleaseRecord> {
  checkRequest(request);
  if (!request.image) throw new Error('deploy needs an image');
  checkSubset(request);
  const now = options.now ?? Date.now;
  const startedAt = now();
  const releaseId = request.releaseId ?? newReleaseId(startedAt);
  const settings = rolloutSettings(request);
  const base = {
    kind: 'deploy' as const,
    app: request.app,
    image: request.image,
    strategy: request.strategy,
    releaseId,
    autoRollback: request.autoRollback ?? true,
    settings,
    startedAt,
  };

  let everyMachine: Machine[];
  try {
    everyMachine = await listDeployable(api, request.app);
  } catch (error) {
    const refuse = `could not list the machines of ${request.app}: ${errorMessage(error)}`;
    return runRelease(api, { ...base, machines: [], plans: [], refuse }, options);
  }
  const machines = request.onlyMachines
    ? selectMachines(everyMachine, request.onlyMachines, request.app)
    : everyMachine;
  const plans: MachinePlan[] = machines.map((machine) => {
    const target = deployTarget(machine, request, releaseId);
    return { machine, group: groupOf(machine), target, unchanged: isConverged(machine, target) };
  });

  let refuse: string | undefined;
  const changed = plans.filter((plan) => !plan.unchanged);
  if (
    request.strategy === 'bluegreen' &&
    changed.length > 0 &&
    !changed.some((plan) => hasChecks(plan.target))
  ) {
    refuse =
      'bluegreen needs at least one health check (a [checks] entry or http_service checks) to know the green machines work';
  }
  if (machines.length === 0 && !request.scale) {
    refuse = `${request.app} has no machines to deploy to; create one first or pass scale`;
  }

  warnAboutGroups(request, new Set(everyMachine.map(groupOf)), options);

  const template = (group: string): MachineConfig | undefined => {
    const plan = plans.find((candidate) => candidate.group === group);
    return plan ? plan.target : groupConfig(undefined, group, request);
  };
  return runRelease(
    api,
    {
      ...base,
      machines,
      plans,
      ...(request.releaseCommand ? { releaseCommand: request.releaseCommand } : {}),
      ...(request.scale ? { scale: { request: request.scale, template } } : {}),
      ...(refuse ? { refuse } : {}),
    },
    options,
  );
}

/** fly.toml and the app disagree about process groups: say what this deploy does about it (nothing drastic). */
function warnAboutGroups(request: DeployRequest, present: ReadonlySet<string>, options: DeployOptions): void {
  if (!request.groups) return;
  for (const group of Object.keys(request.groups)) {
    if (!present.has(group) && request.scale?.group !== group) {
      options.log.warning(
        `process group ${group} has no machines; pass scale with that group to create them`,
      );
    }
  }
  for (const group of present) {
    if (!(group in request.groups)) {
      options.log.warning(
        `process group ${group} is not in fly.toml; its machines keep their config and get the new image`,
      );
    }
  }
}

import type { FlyApi } from '../api';
import type { Machine, MachineConfig, MachineVersion } from '../machine-types';
import type { MachinePlan } from './context';
import { checkRequest, type RolloutRequest, rolloutSettings } from './deploy';
import { errorMessage } from './errors';
import {
  configsMatch,
  deepClone,
  groupOf,
  imageHistory,
  isHealthy,
  newReleaseId,
  releaseMetadata,
  withReleaseMetadata,
} from './plan';
import { mostCommonImage, type ReleaseRecord } from './record';
import { listDeployable, type RunOptions, runRelease } from './release';

export interface RollbackRequest extends RolloutRequest {
  /**
   * Undo this release: each machine it lists back to its recorded previous config, its created machines
   * destroyed. Machines the record does not list (outside an onlyMachines subset) are not leased or touched.
   */
  record?: ReleaseRecord;
  /** Put every machine on this image (with the config it last ran it with, when Fly still has it). */
  image?: string;
  /** Allow an image that never ran on this app. */
  force?: boolean;
}

/** The newest version whose config ran `image`, if Fly still keeps one. */
export function configForImage(
  versions: readonly MachineVersion[],
  image: string,
): MachineConfig | undefined {
  const matching = versions
    .filter((version) => version.user_config?.image === image)
    .sort((a, b) => b.version.localeCompare(a.version));
  return matching[0] ? deepClone(matching[0].user_config) : undefined;
}

/**
 * The metadata a rollback writes: like a deploy's, plus `shipgate_rolled_back_from`, so a rollback from
 * metadata run again sees the machine is already rolled back instead of flipping it forward.
 */
function rollbackTarget(machine: Machine, base: MachineConfig, releaseId: string): MachineConfig {
  const target = withReleaseMetadata(base, releaseMetadata(machine, releaseId));
  target.metadata = { ...target.metadata, shipgate_rolled_back_from: machine.config.image };
  return target;
}

function plan(machine: Machine, base: MachineConfig | undefined, releaseId: string): MachinePlan {
  if (!base || configsMatch(machine.config, base)) {
    // Already there (or nothing to go back to): left alone, described by its current config.
    return {
      machine,
      group: groupOf(machine),
      target: machine.config,
      unchanged: base ? isHealthy(machine) : true,
    };
  }
  return {
    machine,
    group: groupOf(machine),
    target: rollbackTarget(machine, base, releaseId),
    unchanged: false,
  };
}

/**
 * Rolls the app back: to a release record's previous configs, to an explicit image, or (with neither) to
 * each machine's `shipgate_previous_image`. Uses the deploy's rollout, leases and health waits; resolves to
 * a release record of its own. Refuses an image never seen on the app unless `force`.
 */
export async function rollback(
  api: FlyApi,
  request: RollbackRequest,
  options: RunOptions,
): Promise<ReleaseRecord> {
  checkRequest(request);
  if (request.record && request.record.app !== request.app) {
    throw new Error(`the release record is for app ${request.record.app}, not ${request.app}`);
  }
  if (request.record && request.image)
    throw new Error('roll back either to a record or to an image, not both');
  const now = options.now ?? Date.now;
  const startedAt = now();
  const releaseId = request.releaseId ?? newReleaseId(startedAt);
  const base = {
    kind: 'rollback' as const,
    app: request.app,
    strategy: request.strategy,
    releaseId,
    autoRollback: request.autoRollback ?? true,
    settings: rolloutSettings(request),
    startedAt,
  };
  const fail = (refuse: string, machines: Machine[] = []) =>
    runRelease(api, { ...base, image: request.image ?? '', machines, plans: [], refuse }, options);

  let machines: Machine[];
  const versions = new Map<string, MachineVersion[]>();
  try {
    machines = await listDeployable(api, request.app);
    if (!request.record) {
      await Promise.all(
        machines.map(async (machine) =>
          versions.set(machine.id, await api.listVersions(request.app, machine.id)),
        ),
      );
    }
  } catch (error) {
    return fail(`could not read the machines of ${request.app}: ${errorMessage(error)}`);
  }

  const plans: MachinePlan[] = [];
  const destroyAfter: Machine[] = [];
  if (request.record) {
    const entries = new Map(request.record.machines.map((entry) => [entry.id, entry]));
    // A release covers only the machines its record lists (all of them, or an onlyMachines subset);
    // undoing it leaves the others alone, unleased.
    machines = machines.filter((machine) => entries.has(machine.id));
    for (const machine of machines) {
      const entry = entries.get(machine.id);
      if (entry && !entry.previous && (entry.action === 'created' || entry.action === 'canary')) {
        destroyAfter.push(machine);
        continue;
      }
      plans.push(plan(machine, entry?.previous?.config, releaseId));
    }
    const gone = request.record.machines
      .filter((entry) => entry.final === 'destroyed')
      .map((entry) => entry.id);
    if (gone.length > 0) {
      options.log.warning(`the release destroyed ${gone.join(', ')}; a rollback cannot bring those back`);
    }
  } else if (request.image) {
    const image = request.image;
    const known = new Set<string>();
    for (const machine of machines) {
      known.add(machine.config.image);
      for (const seen of imageHistory(machine.config)) known.add(seen);
      for (const version of versions.get(machine.id) ?? []) known.add(version.user_config?.image);
    }
    if (!known.has(image) && !request.force) {
      return fail(`${image} never ran on ${request.app}; pass force to roll back to it anyway`, machines);
    }
    for (const machine of machines) {
      const config = configForImage(versions.get(machine.id) ?? [], image) ?? {
        ...deepClone(machine.config),
        image,
      };
      plans.push(plan(machine, config, releaseId));
    }
  } else {
    for (const machine of machines) {
      const metadata = machine.config.metadata ?? {};
      const previousImage = metadata.shipgate_previous_image;
      if (metadata.shipgate_rolled_back_from || !previousImage) {
        if (!previousImage)
          options.log.warning(`machine ${machine.id} has no previous image recorded; left alone`);
        plans.push(plan(machine, undefined, releaseId));
        continue;
      }
      const config = configForImage(versions.get(machine.id) ?? [], previousImage) ?? {
        ...deepClone(machine.config),
        image: previousImage,
      };
      plans.push(plan(machine, config, releaseId));
    }
  }

  const image =
    request.image ??
    mostCommonImage(plans.filter((entry) => !entry.unchanged).map((entry) => entry.target.image)) ??
    mostCommonImage(machines.map((machine) => machine.config.image)) ??
    '';
  return runRelease(api, { ...base, image, machines, plans, destroyAfter }, options);
}

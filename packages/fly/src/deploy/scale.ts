import type { Machine, MachineConfig } from '../machine-types';
import { keepGoing, type RolloutContext } from './context';
import { createMachine, destroyMachine } from './machine-ops';
import { releaseMetadataKeys } from './plan';
import { runPool } from './pool';

export interface ScaleRequest {
  /** Defaults to the only group with machines, else `app`. */
  group?: string;
  /** Machines per region. */
  count: number;
  regions: string[];
}

export interface ScalePlan {
  group: string;
  /** One entry per machine to create. */
  create: string[];
  /** Newest first: the order to destroy them in. */
  destroy: Machine[];
}

/**
 * What it takes to have `count` machines of the group in each listed region. Regions not listed are left
 * alone; surplus machines go newest first, because the oldest are the ones known to work.
 */
export function planScale(machines: readonly Machine[], group: string, scale: ScaleRequest): ScalePlan {
  if (!Number.isInteger(scale.count) || scale.count < 0) {
    throw new Error(`scale count must be a whole number of machines, got ${scale.count}`);
  }
  const create: string[] = [];
  const destroy: Machine[] = [];
  for (const region of new Set(scale.regions)) {
    const here = machines.filter((machine) => machine.region === region);
    for (let missing = scale.count - here.length; missing > 0; missing--) create.push(region);
    if (here.length > scale.count) {
      const newestFirst = [...here].sort(
        (a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.id.localeCompare(a.id),
      );
      destroy.push(...newestFirst.slice(0, here.length - scale.count));
    }
  }
  return { group, create, destroy };
}

/** A config for a brand-new machine cloned from the group's target: its own release history starts empty. */
export function freshMachineConfig(template: MachineConfig, releaseId: string): MachineConfig {
  const metadata: Record<string, string> = { ...(template.metadata ?? {}) };
  for (const key of releaseMetadataKeys) delete metadata[key];
  delete metadata.fly_canary;
  return {
    ...template,
    metadata: {
      ...metadata,
      shipgate_release_id: releaseId,
      fly_release_id: releaseId,
      shipgate_images: '[]',
    },
  };
}

/** Creates the missing machines; they count as changed, so a later failure destroys them again. */
export async function scaleUp(
  context: RolloutContext,
  plan: ScalePlan,
  template: MachineConfig,
  releaseId: string,
): Promise<void> {
  if (plan.create.length === 0) return;
  context.log.info(`scaling ${plan.group}: creating ${plan.create.length} machines`);
  const config = freshMachineConfig(template, releaseId);
  await runPool(
    plan.create,
    8,
    async (region) =>
      (await createMachine(context, { config, region, group: plan.group, action: 'created' })).ok,
    () => keepGoing(context),
  );
}

/** Destroys surplus machines, newest first, only once everything else worked: this cannot be undone. */
export async function scaleDown(context: RolloutContext, plan: ScalePlan): Promise<string[]> {
  const failed: string[] = [];
  if (plan.destroy.length > 0)
    context.log.info(`scaling ${plan.group}: destroying ${plan.destroy.length} machines`);
  for (const machine of plan.destroy) {
    if (!(await destroyMachine(context, machine.id, 'destroyed'))) failed.push(machine.id);
  }
  return failed;
}

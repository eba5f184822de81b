import { setTimeout as sleep } from 'node:timers/promises';
import type { Machine } from '../machine-types';
import { keepGoing, type MachinePlan, noteFailure, type RolloutContext } from './context';
import { errorMessage } from './errors';
import { createMachine, destroyMachine, updateMachine } from './machine-ops';
import { groupBy, hasChecks, isWarm, maxUnavailableCount, splitColdWarm } from './plan';
import { runPool } from './pool';
import type { Strategy } from './record';

/** flyctl's pool sizes: immediate updates at most 8 at once, cold machines go 30 at a time. */
export const immediateConcurrency = 8;
export const coldConcurrency = 30;

/**
 * Brings every changed plan to its target with the chosen strategy. Failures are noted on the context
 * (the first one stops every pool) and in the record; this function does not roll back.
 */
export async function runStrategy(
  context: RolloutContext,
  strategy: Strategy,
  plans: MachinePlan[],
): Promise<void> {
  const changed = plans.filter((plan) => !plan.unchanged);
  if (changed.length === 0) return;
  switch (strategy) {
    case 'immediate': {
      const result = await runPool(
        changed,
        immediateConcurrency,
        (plan) => updateMachine(context, plan, { waitForReady: false }),
        () => keepGoing(context),
      );
      cancel(context, result.notStarted);
      return;
    }
    case 'rolling':
    case 'canary': {
      const groups = groupBy(plans, (plan) => plan.group);
      await Promise.all(
        [...groups.values()].map((group) =>
          strategy === 'rolling' ? rollGroup(context, group, true) : canaryGroup(context, group),
        ),
      );
      return;
    }
    case 'bluegreen':
      await blueGreen(context, changed);
      return;
  }
}

/** Marks plans that never got their turn: they keep their previous config. */
function cancel(context: RolloutContext, plans: readonly MachinePlan[]): void {
  for (const plan of plans) {
    const entry = context.recorder.get(plan.machine.id);
    entry.action = 'canceled';
    entry.final = 'previous';
    context.log.info(
      `machine ${plan.machine.id} [${plan.group}] canceled: keeps ${plan.machine.config.image}`,
    );
  }
}

/**
 * One process group, rolling: cold machines first (they serve nothing, so many at once), then warm ones,
 * the first alone as a spearhead, the rest through a continuous pool of max-unavailable.
 */
async function rollGroup(context: RolloutContext, group: MachinePlan[], spearhead: boolean): Promise<void> {
  const started = group.filter((plan) => isWarm(plan.machine)).length;
  const poolSize = maxUnavailableCount(context.settings.maxUnavailable, started);
  const { cold, warm } = splitColdWarm(group.filter((plan) => !plan.unchanged));
  const update = (plan: MachinePlan) => updateMachine(context, plan, { waitForReady: true });
  const go = () => keepGoing(context);

  const coldResult = await runPool(cold, coldConcurrency, update, go);
  cancel(context, coldResult.notStarted);
  let rest = warm;
  if (spearhead && warm.length > 0) {
    const [first, ...others] = warm;
    rest = others;
    if (!go()) {
      cancel(context, warm);
      return;
    }
    if (!(await update(first!))) {
      cancel(context, others);
      return;
    }
  }
  const warmResult = await runPool(rest, poolSize, update, go);
  cancel(context, warmResult.notStarted);
}

/**
 * Canary: one extra machine per group on the new config, never registered with the proxy, must start and
 * pass its checks; it is destroyed either way, then the group's machines roll without a spearhead.
 */
async function canaryGroup(context: RolloutContext, group: MachinePlan[]): Promise<void> {
  const changed = group.filter((plan) => !plan.unchanged);
  const template = changed[0];
  if (!template) return;
  if (!keepGoing(context)) {
    cancel(context, changed);
    return;
  }
  const region =
    context.settings.primaryRegion &&
    group.some((plan) => plan.machine.region === context.settings.primaryRegion)
      ? context.settings.primaryRegion
      : template.machine.region;
  const config = {
    ...template.target,
    metadata: { ...(template.target.metadata ?? {}), fly_canary: 'true' },
  };
  const canary = await createMachine(context, {
    config,
    region,
    group: template.group,
    action: 'canary',
    skipServiceRegistration: true,
  });
  if (canary.machine) {
    if (!(await destroyMachine(context, canary.machine.id, 'created-destroyed'))) {
      noteFailure(context, `the canary ${canary.machine.id} could not be destroyed`);
    }
  }
  if (!canary.ok) {
    cancel(context, changed);
    return;
  }
  await rollGroup(context, group, false);
}

/**
 * Bluegreen: a green machine beside every blue, unregistered until all greens are started and healthy;
 * then greens take traffic, blues are drained, cordoned, stopped and destroyed. A failure before greens
 * take traffic destroys the greens and leaves blues untouched; after that there is no way back, and blues
 * that could not be removed are reported for removal by hand.
 */
async function blueGreen(context: RolloutContext, blues: MachinePlan[]): Promise<void> {
  const { api, app, recorder, leases, settings } = context;
  const startsPerGroup = new Set<string>();
  for (const blue of blues) if (isWarm(blue.machine)) startsPerGroup.add(blue.group);
  const greens: Array<{ blue: MachinePlan; green: Machine }> = [];
  const createGreen = async (blue: MachinePlan): Promise<boolean> => {
    // flyctl keeps a stopped blue's green stopped, but starts at least one per group so checks get a say.
    let skipLaunch = !isWarm(blue.machine);
    if (skipLaunch && !startsPerGroup.has(blue.group) && hasChecks(blue.target)) {
      startsPerGroup.add(blue.group);
      skipLaunch = false;
    }
    const result = await createMachine(context, {
      config: blue.target,
      region: blue.machine.region,
      group: blue.group,
      action: 'created',
      skipServiceRegistration: true,
      skipLaunch,
      standsInFor: blue.machine,
    });
    if (result.machine) greens.push({ blue, green: result.machine });
    return result.ok;
  };
  const created = await runPool(blues, immediateConcurrency, createGreen, () => keepGoing(context));

  let live = created.ok && keepGoing(context);
  if (live) {
    const uncordoned = await Promise.all(
      greens.map(async ({ green }) => {
        recorder.mark(green.id, 'uncordon');
        try {
          const nonce = leases.nonce(green.id);
          await api.uncordonMachine(app, green.id, nonce ? { nonce } : {});
          return true;
        } catch (error) {
          noteFailure(context, `machine ${green.id}: uncordon failed: ${errorMessage(error)}`);
          recorder.get(green.id).error = `uncordon failed: ${errorMessage(error)}`;
          return false;
        }
      }),
    );
    live = uncordoned.every(Boolean);
  }
  if (!live) {
    context.log.warning('bluegreen: destroying the green machines; the blue ones were not touched');
    await Promise.all(greens.map(({ green }) => destroyMachine(context, green.id, 'created-destroyed')));
    cancel(context, blues);
    return;
  }
  context.log.info(`bluegreen: ${greens.length} green machines take traffic; draining the blue ones`);

  const leftovers: string[] = [];
  const retire = async (step: 'cordon' | 'stop', blue: MachinePlan): Promise<boolean> => {
    const id = blue.machine.id;
    recorder.mark(id, step);
    context.log.info(`machine ${id} [${blue.group}] ${step === 'cordon' ? 'cordoned' : 'stopping'}`);
    try {
      const nonce = leases.nonce(id);
      if (step === 'cordon') await api.cordonMachine(app, id, nonce ? { nonce } : {});
      else {
        await api.stopMachine(app, id, nonce ? { nonce } : {});
        await context.log.waitingFor(`machine ${id} [${blue.group}] to stop`, () =>
          api.waitForState(app, id, {
            states: ['stopped'],
            deadline: context.now() + settings.waitTimeoutMs,
          }),
        );
      }
      return true;
    } catch (error) {
      recorder.get(id).error = `${step} failed: ${errorMessage(error)}`;
      leftovers.push(id);
      return false;
    }
  };
  const drain = (what: string) =>
    context.log.waitingFor(`the blue machines to drain before they are ${what}`, () =>
      sleep(settings.bluegreenDrainMs),
    );
  await drain('cordoned');
  const cordoned = (
    await Promise.all(blues.map(async (blue) => ((await retire('cordon', blue)) ? blue : undefined)))
  ).filter((blue): blue is MachinePlan => blue !== undefined);
  await drain('stopped');
  const stopped = (
    await Promise.all(cordoned.map(async (blue) => ((await retire('stop', blue)) ? blue : undefined)))
  ).filter((blue): blue is MachinePlan => blue !== undefined);
  for (const blue of stopped) {
    if (!(await destroyMachine(context, blue.machine.id, 'destroyed'))) leftovers.push(blue.machine.id);
  }
  for (const id of leftovers) {
    const entry = recorder.get(id);
    entry.action = 'canceled';
    entry.final = 'previous';
  }
  if (leftovers.length > 0) {
    const list = leftovers.join(', ');
    context.warnings.push(`blue machines left running or stopped, destroy them by hand: ${list}`);
    context.log.warning(
      `bluegreen: destroy these blue machines by hand: fly machine destroy --force ${list}`,
    );
  }
}

import {
  configForImage,
  type DeployRequest,
  deploy,
  deployableMachines,
  type FlyApi,
  groupOf,
  type Machine,
  type MachineRecord,
  mostCommonImage,
  newReleaseId,
  type Outcome,
  type ReleaseRecord,
  rollback,
} from '@shipgate/fly';
import { formatDuration, type Logger } from '@shipgate/kit';
import type { CanaryPolicy } from '@shipgate/probe/canary';
import { bakeStep, type MetricsSource, type ProbeSettings, type StepAnalysis } from './bake';
import { canaryOrder, inGroup, type PlanEntry, type PlannedStep, planSteps, stepMachines } from './plan';
import { type CanaryDecision, type CanarySection, combineRecords, type StepReport } from './record';

export interface CanaryRequest {
  app: string;
  image: string;
  /** The `steps` input, parsed: shares of the group's machines, each with an optional bake of its own. */
  plan: PlanEntry[];
  /** The bake of a step that names none. */
  bakeMs: number;
  /** The process group whose machines are the canaries and the baseline. */
  group: string;
  /** How the machines left after the last analysed step follow. */
  strategy: 'rolling' | 'immediate';
  maxUnavailable?: number;
  waitTimeoutMs: number;
  /** What fly-deploy would also pass (fly.toml's groups, env, …), the same for every step. */
  deploy?: Pick<DeployRequest, 'groups' | 'env' | 'primaryRegion' | 'leaseTtlSeconds' | 'healthPollMs'>;
  releaseId?: string;
  probes: ProbeSettings;
  policy: CanaryPolicy;
  metrics?: MetricsSource;
}

export interface CanaryOptions {
  log: Logger;
  signal?: AbortSignal;
  now?: () => number;
  /** Called as each step ends (moved, analysed), for progress output. */
  onStep?: (step: StepReport) => void;
}

export interface CanaryResult {
  decision: CanaryDecision;
  stepReached: number;
  stepCount: number;
  record: ReleaseRecord;
}

/** A request no promotion can run with (too few machines, a bad plan): thrown, not recorded. */
export class CanaryRequestError extends Error {}

/**
 * Promotes `image` on the app step by step. Each step moves more of the group's machines with the deploy
 * engine (leases, health waits, automatic rollback of the step), then bakes: probes canary and baseline
 * machines alike and lets the analysis decide. An abort, a failed step or a cancellation puts every canary
 * machine back on its previous config with the engine's rollback, health-checked. After the last analysed
 * step the remaining machines, every process group's, follow with `strategy`.
 */
export async function promoteCanary(
  api: FlyApi,
  request: CanaryRequest,
  options: CanaryOptions,
): Promise<CanaryResult> {
  const { log, signal } = options;
  const now = options.now ?? Date.now;
  const startedAt = now();
  const releaseId = request.releaseId ?? newReleaseId(startedAt);

  const everyMachine = deployableMachines(await api.listMachines(request.app));
  const group = inGroup(everyMachine, request.group);
  if (group.length < 2) {
    throw new CanaryRequestError(
      `a canary needs at least 2 machines in process group ${request.group} of ${request.app} (it has ${group.length}): ` +
        'one to try the image and one to compare it with; use fly-deploy for a single machine',
    );
  }
  const onImage = (machine: Machine) => machine.config.image === request.image;
  let steps: PlannedStep[];
  try {
    steps = planSteps(request.plan, group.length, request.bakeMs);
  } catch (error) {
    throw new CanaryRequestError((error as Error).message);
  }
  if (steps.length < 2) {
    throw new CanaryRequestError(
      `the plan '${request.plan.map((entry) => entry.share).join(', ')}' goes to 100% in one step on ${group.length} machines: nothing would be measured`,
    );
  }

  const baselineImage = mostCommonImage(
    group.filter((machine) => !onImage(machine)).map((m) => m.config.image),
  );
  const section: CanarySection = {
    decision: 'promoted',
    stepReached: 0,
    stepCount: steps.length,
    group: request.group,
    baselineImage,
    steps: [],
  };
  const rollout = {
    app: request.app,
    image: request.image,
    maxUnavailable: request.maxUnavailable,
    waitTimeoutMs: request.waitTimeoutMs,
    autoRollback: true,
    releaseId,
    ...request.deploy,
  } satisfies Partial<DeployRequest>;
  let adopted: MachineRecord[] = [];
  /** The promotion's record so far: what every part of it shares, around the parts that differ. */
  const combined = (
    parts: Pick<Parameters<typeof combineRecords>[0], 'steps' | 'restore' | 'outcome' | 'error'>,
  ) =>
    combineRecords({
      id: releaseId,
      app: request.app,
      image: request.image,
      startedAt,
      finishedAt: now(),
      canary: section,
      adopted,
      ...parts,
    });
  const resultOf = (record: ReleaseRecord): CanaryResult => ({
    decision: section.decision,
    stepReached: section.stepReached,
    stepCount: section.stepCount,
    record,
  });

  if (everyMachine.every(onImage)) {
    const record = await log.group(`Deploying ${request.image} to ${request.app}`, () =>
      deploy(api, { ...rollout, strategy: request.strategy }, { log, ...(signal ? { signal } : {}) }),
    );
    section.decision = 'unchanged';
    log.info(`every machine of ${request.app} already runs ${request.image}; nothing to promote`);
    return resultOf(
      combined({
        steps: [record],
        outcome: record.outcome,
        ...(record.error ? { error: record.error } : {}),
      }),
    );
  }

  // Machines of the group already on the image (a promotion that died midway) are the first canaries.
  const adoptedMachines = group.filter(onImage);
  adopted = await adopt(api, request.app, adoptedMachines, baselineImage, log);
  const order = [...adoptedMachines, ...canaryOrder(group.filter((machine) => !onImage(machine)))];
  const records: ReleaseRecord[] = [];
  let placed = adoptedMachines.length;
  let stop: { decision: 'aborted' | 'failed'; error: string } | undefined;

  for (const step of steps) {
    const stepStarted = now();
    const moving = step.final
      ? everyMachine.filter((machine) => !order.slice(0, placed).includes(machine))
      : order.slice(placed, Math.max(placed, step.count));
    const what = step.final ? 'promotion' : `step ${step.number} of ${steps.length} (${stepMachines(step)})`;
    let moved: ReleaseRecord | undefined;
    if (moving.length > 0) {
      const movingWhat = `${what}: ${moving.length} machine${moving.length === 1 ? '' : 's'} to ${request.image}`;
      moved = await log.group(movingWhat, () =>
        deploy(
          api,
          {
            ...rollout,
            strategy: step.final ? request.strategy : 'rolling',
            onlyMachines: moving.map((machine) => machine.id),
          },
          { log, ...(signal ? { signal } : {}) },
        ),
      );
      records.push(moved);
    }
    placed = step.final ? order.length : Math.max(placed, step.count);
    section.stepReached = step.number;
    const report: StepReport = {
      number: step.number,
      shares: step.shares,
      count: step.final ? group.length : placed,
      groupSize: group.length,
      final: step.final,
      moved: moving.map((machine) => machine.id),
      rollout: moved
        ? {
            outcome: moved.outcome,
            ...(moved.error ? { error: moved.error } : {}),
            durationMs: moved.durationMs,
          }
        : null,
      startedAt: new Date(stepStarted).toISOString(),
      finishedAt: '',
    };
    section.steps.push(report);
    const finish = () => {
      report.finishedAt = new Date(now()).toISOString();
      options.onStep?.(report);
    };

    if (moved && moved.outcome !== 'succeeded' && moved.outcome !== 'unchanged') {
      finish();
      stop = { decision: 'failed', error: `${what} failed: ${moved.error ?? moved.outcome}` };
      break;
    }
    if (step.final) {
      finish();
      break;
    }

    const canary = order.slice(0, placed).map((machine) => machine.id);
    const baseline = order.slice(placed).map((machine) => machine.id);
    let analysis: StepAnalysis;
    try {
      const baking = `${what}: baking ${formatDuration(step.bakeMs)}, ${canary.length} canary vs ${baseline.length} baseline machine${baseline.length === 1 ? '' : 's'}`;
      analysis = await log.group(baking, async () => {
        const analysed = await bakeStep(
          {
            step: what,
            app: request.app,
            canary,
            baseline,
            bakeMs: step.bakeMs,
            probes: request.probes,
            policy: request.policy,
            ...(request.metrics ? { metrics: request.metrics } : {}),
          },
          log,
          signal,
        );
        log.info(`${what}: ${analysed.decision} — ${analysed.reasons.join('; ')}`);
        return analysed;
      });
    } catch (error) {
      finish();
      stop = signal?.aborted
        ? { decision: 'failed', error: `${what}: the run was canceled during the bake` }
        : { decision: 'aborted', error: `${what}: the analysis could not run: ${(error as Error).message}` };
      break;
    }
    report.analysis = analysis;
    finish();
    if (analysis.decision === 'abort') {
      stop = { decision: 'aborted', error: `${what} aborted: ${analysis.reasons.join('; ')}` };
      break;
    }
  }

  if (!stop) {
    section.decision = 'promoted';
    return resultOf(combined({ steps: records, outcome: 'succeeded' }));
  }

  // Put the canaries back: a rollback from everything moved so far restores each machine's own previous config.
  section.decision = stop.decision;
  const partial = combined({ steps: records, outcome: 'failed' });
  log.warning(
    `${stop.error}; putting the canary machines back on ${baselineImage ?? 'their previous release'}`,
  );
  const restore = await log.group('Putting the canaries back', () =>
    rollback(
      api,
      {
        app: request.app,
        record: partial,
        strategy: 'rolling',
        maxUnavailable: request.maxUnavailable,
        waitTimeoutMs: request.waitTimeoutMs,
      },
      // Not the run's signal: a canceled run must still put its canaries back.
      { log },
    ),
  );
  const restored = restore.outcome === 'succeeded' || restore.outcome === 'unchanged';
  const outcome: Outcome = restored ? 'rolled-back' : 'rollback-failed';
  const error = restored
    ? stop.error
    : `${stop.error}; putting the canaries back failed: ${restore.error ?? restore.outcome}`;
  return resultOf(combined({ steps: records, restore, outcome, error }));
}

/**
 * Record entries for machines already on the new image when the promotion starts, with the config they ran
 * the baseline image with (from Fly's machine versions), so putting the canaries back includes them.
 */
async function adopt(
  api: FlyApi,
  app: string,
  machines: readonly Machine[],
  baselineImage: string | null,
  log: Logger,
): Promise<MachineRecord[]> {
  if (machines.length === 0) return [];
  log.warning(
    `${machines.length} machine${machines.length === 1 ? '' : 's'} of the group already run the image (an earlier promotion stopped midway?); they count as the first canaries`,
  );
  return Promise.all(
    machines.map(async (machine): Promise<MachineRecord> => {
      const config = baselineImage
        ? configForImage(await api.listVersions(app, machine.id), baselineImage)
        : undefined;
      if (!config)
        log.warning(
          `machine ${machine.id} has no version on ${baselineImage ?? 'the baseline'}; an abort leaves it as it is`,
        );
      return {
        id: machine.id,
        region: machine.region,
        group: groupOf(machine),
        action: 'unchanged',
        previous: config ? { image: config.image, config } : null,
        next: { image: machine.config.image },
        final: 'new',
        state: machine.state,
        checks: [],
        timings: {},
      };
    }),
  );
}

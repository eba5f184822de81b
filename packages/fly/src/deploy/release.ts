import type { Logger } from '@shipgate/kit';
import type { FlyApi } from '../api';
import type { Machine, MachineConfig } from '../machine-types';
import type { MachinePlan, RolloutContext, RolloutSettings } from './context';
import { errorMessage } from './errors';
import { LeaseConflictError, LeaseSet } from './leases';
import { destroyMachine } from './machine-ops';
import { deployableMachines, groupOf } from './plan';
import { mostCommonImage, type Outcome, type ReleaseRecord, type Strategy } from './record';
import { Recorder } from './recorder';
import { type ReleaseCommandRequest, runReleaseCommand } from './release-command';
import { restorePrevious } from './restore';
import { planScale, type ScalePlan, type ScaleRequest, scaleDown, scaleUp } from './scale';
import { runStrategy } from './strategies';

export interface RunOptions {
  log: Logger;
  signal?: AbortSignal;
  now?: () => number;
}

/** Everything a release needs once the target of every machine is known; deploy and rollback both build one. */
export interface ReleaseInput {
  kind: 'deploy' | 'rollback';
  app: string;
  /** The image the release is about (for a rollback from a record, the most common target). */
  image: string;
  strategy: Strategy;
  releaseId: string;
  autoRollback: boolean;
  settings: RolloutSettings;
  /** The machines as listed before anything changed. */
  machines: Machine[];
  plans: MachinePlan[];
  releaseCommand?: ReleaseCommandRequest;
  scale?: { request: ScaleRequest; template: (group: string) => MachineConfig | undefined };
  /** Machines to destroy once everything else worked (a rollback removes what the release created). */
  destroyAfter?: Machine[];
  /** A reason to stop before touching anything (bluegreen without checks, a refused rollback). */
  refuse?: string;
  startedAt: number;
}

/** Lists the machines a deploy may touch; exported for rollback, which starts from the same list. */
export async function listDeployable(api: FlyApi, app: string): Promise<Machine[]> {
  return deployableMachines(await api.listMachines(app));
}

/**
 * The common path of deploy and rollback: leases, release command, rollout, scaling, automatic rollback,
 * and the record. Never throws for a failed rollout; the record's outcome says what happened.
 */
export async function runRelease(
  api: FlyApi,
  input: ReleaseInput,
  options: RunOptions,
): Promise<ReleaseRecord> {
  const now = options.now ?? Date.now;
  const recorder = new Recorder(input.startedAt, now);
  const leases = new LeaseSet(api, input.app, input.settings.leaseTtlSeconds, options.log);
  const context: RolloutContext = {
    api,
    app: input.app,
    log: options.log,
    leases,
    recorder,
    settings: input.settings,
    now,
    warnings: [],
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const before = new Map(input.machines.map((machine) => [machine.id, machine]));
  for (const plan of input.plans) {
    const entry = recorder.addExisting(plan.machine, plan.group, plan.unchanged ? 'unchanged' : 'canceled');
    if (plan.unchanged) {
      entry.final = 'new';
      entry.next = {
        image: plan.target.image,
        ...(plan.machine.version ? { version: plan.machine.version } : {}),
      };
    }
  }
  const finish = (outcome: Outcome, extra: Partial<ReleaseRecord> = {}) =>
    buildRecord(api, input, recorder, context, outcome, extra, now);

  if (input.refuse) {
    options.log.info(input.refuse);
    return finish('failed', { error: input.refuse });
  }

  const scaleGroup = input.scale ? pickScaleGroup(input) : undefined;
  const initialScale =
    input.scale && scaleGroup
      ? planScale(machinesOf(input.machines, scaleGroup), scaleGroup, input.scale.request)
      : undefined;
  const nothingToDo =
    input.plans.every((plan) => plan.unchanged) &&
    (!initialScale || (initialScale.create.length === 0 && initialScale.destroy.length === 0)) &&
    (input.destroyAfter ?? []).length === 0;
  if (nothingToDo) {
    options.log.info(`every machine of ${input.app} is already on the target: nothing to do`);
    return finish('unchanged');
  }

  try {
    await leases.acquireAll(
      input.machines.map((machine) => machine.id),
      `shipgate ${input.kind} ${input.releaseId}`,
    );
  } catch (error) {
    const message = errorMessage(error);
    if (error instanceof LeaseConflictError) recorder.mark(error.machineId, 'lease', message);
    options.log.info(message);
    return finish('failed', { error: message });
  }
  for (const machine of input.machines) recorder.mark(machine.id, 'lease');
  leases.startRefreshing();

  try {
    let releaseCommandSummary: Pick<ReleaseRecord, 'releaseCommand'> = {};
    if (input.releaseCommand) {
      const result = await runReleaseCommand(context, input.releaseCommand, input.settings.primaryRegion);
      const { machineId, exitCode, durationMs } = result;
      releaseCommandSummary = { releaseCommand: { machineId, exitCode, durationMs } };
      if (result.error) return await finish('failed', { error: result.error, ...releaseCommandSummary });
    }

    await runStrategy(context, input.strategy, input.plans);

    let scalePlan: ScalePlan | undefined;
    if (!context.failure && input.scale && scaleGroup) {
      const template = input.scale.template(scaleGroup);
      const current = machinesOf(await listDeployable(api, input.app), scaleGroup);
      scalePlan = planScale(current, scaleGroup, input.scale.request);
      if (scalePlan.create.length > 0 && !template) {
        context.failure = `cannot create machines for group ${scaleGroup}: no machine or config to clone`;
      } else if (template) await scaleUp(context, scalePlan, template, input.releaseId);
    }

    if (context.failure) {
      if (!input.autoRollback) {
        return await finish('failed', {
          error: `${context.failure}; ${describeMix(recorder)}`,
          ...releaseCommandSummary,
        });
      }
      const notRestored = await restorePrevious(context, before);
      if (notRestored.length > 0) {
        return await finish('rollback-failed', {
          error: `${context.failure}; rollback failed on ${notRestored.join(', ')}`,
          ...releaseCommandSummary,
        });
      }
      return await finish('rolled-back', { error: context.failure, ...releaseCommandSummary });
    }

    const undestroyed: string[] = [];
    if (scalePlan) undestroyed.push(...(await scaleDown(context, scalePlan)));
    for (const machine of input.destroyAfter ?? []) {
      if (!recorder.machines.has(machine.id)) recorder.addExisting(machine, groupOf(machine), 'destroyed');
      if (!(await destroyMachine(context, machine.id, 'destroyed'))) undestroyed.push(machine.id);
    }
    if (undestroyed.length > 0) {
      context.warnings.push(`could not destroy ${undestroyed.join(', ')}; the release itself is live`);
    }
    return await finish('succeeded', releaseCommandSummary);
  } catch (error) {
    // Only a bug or misuse gets here; still try to leave every machine where it was.
    context.failure ??= errorMessage(error);
    const notRestored = input.autoRollback ? await restorePrevious(context, before) : [];
    return await finish(
      notRestored.length > 0 ? 'rollback-failed' : input.autoRollback ? 'rolled-back' : 'failed',
      {
        error: context.failure,
      },
    );
  } finally {
    await leases.releaseAll();
  }
}

function machinesOf(machines: readonly Machine[], group: string): Machine[] {
  return machines.filter((machine) => groupOf(machine) === group);
}

function pickScaleGroup(input: ReleaseInput): string {
  if (input.scale?.request.group) return input.scale.request.group;
  const groups = new Set(input.machines.map(groupOf));
  return groups.size === 1 ? [...groups][0]! : 'app';
}

/** Without automatic rollback, a failed release lists plainly which machines run what. */
function describeMix(recorder: Recorder): string {
  const onNew: string[] = [];
  const onPrevious: string[] = [];
  const unknown: string[] = [];
  for (const entry of recorder.machines.values()) {
    if (entry.final === 'new') onNew.push(entry.id);
    else if (entry.final === 'previous') onPrevious.push(entry.id);
    else if (entry.final === 'unknown') unknown.push(entry.id);
  }
  const parts = [
    `on the new release: ${onNew.join(', ') || 'none'}`,
    `on the previous one: ${onPrevious.join(', ') || 'none'}`,
  ];
  if (unknown.length > 0) parts.push(`unknown: ${unknown.join(', ')}`);
  return `no automatic rollback; ${parts.join('; ')}`;
}

async function buildRecord(
  api: FlyApi,
  input: ReleaseInput,
  recorder: Recorder,
  context: RolloutContext,
  outcome: Outcome,
  extra: Partial<ReleaseRecord>,
  now: () => number,
): Promise<ReleaseRecord> {
  // One listing at the end gives each machine's real state and checks, whatever the steps believed.
  if (outcome !== 'unchanged' || recorder.machines.size > 0) {
    try {
      const current = new Map((await api.listMachines(input.app)).map((machine) => [machine.id, machine]));
      for (const entry of recorder.machines.values()) {
        const machine = current.get(entry.id);
        if (!machine) {
          if (entry.final === 'created-destroyed' || entry.final === 'destroyed') entry.state = 'destroyed';
          continue;
        }
        entry.state = machine.state;
        if (machine.checks)
          entry.checks = machine.checks.map((check) => ({ name: check.name, status: check.status }));
      }
    } catch (error) {
      context.log.debug(`could not read the machines' final state: ${errorMessage(error)}`);
    }
  }
  const finishedAt = now();
  const error = extra.error;
  const warnings = context.warnings;
  const record: ReleaseRecord = {
    version: 1,
    id: input.releaseId,
    kind: input.kind,
    app: input.app,
    image: input.image,
    previousImage: mostCommonImage(input.machines.map((machine) => machine.config.image)),
    strategy: input.strategy,
    startedAt: new Date(input.startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - input.startedAt,
    outcome,
    ...(error ? { error } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(extra.releaseCommand ? { releaseCommand: extra.releaseCommand } : {}),
    machines: [...recorder.machines.values()],
    timeline: recorder.timeline,
  };
  // Said as a line, not an error: the action reports a failed release once, as the step's failure.
  context.log.info(
    `${input.kind} ${input.releaseId} of ${input.app}: ${outcome}${error ? ` (${error})` : ''}`,
  );
  return record;
}

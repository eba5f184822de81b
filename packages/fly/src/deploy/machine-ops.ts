import type { Machine, MachineConfig } from '../machine-types';
import type { MachinePlan, RolloutContext } from './context';
import { noteFailure } from './context';
import { errorMessage, wasRefused } from './errors';
import { waitHealthy, waitStarted } from './health';
import { shouldSkipLaunch } from './plan';
import type { MachineAction, MachineFinal } from './record';

function label(id: string, group: string): string {
  return `machine ${id} [${group}]`;
}

/** Waits for started and healthy, stamping the record; throws with the reason. */
export async function waitReady(
  context: RolloutContext,
  id: string,
  config: MachineConfig,
  startedBy: number,
  version?: string,
): Promise<void> {
  const { api, app, recorder, settings, now } = context;
  const entry = recorder.get(id);
  const wait = {
    deadline: startedBy + settings.waitTimeoutMs,
    timeoutMs: settings.waitTimeoutMs,
    pollMs: settings.healthPollMs,
    now,
  };
  const machine = label(id, entry.group);
  await context.log.waitingFor(`${machine} to start`, () =>
    waitStarted(api, app, id, { ...wait, ...(version ? { version } : {}) }),
  );
  entry.timings.startedAt = recorder.iso();
  recorder.mark(id, 'started');
  context.log.info(`${machine} started`);
  const checked = await context.log.waitingFor(`${machine} to pass its health checks`, () =>
    waitHealthy(api, app, id, config, wait),
  );
  if (checked) {
    entry.checks = (checked.checks ?? []).map((check) => ({ name: check.name, status: check.status }));
    entry.timings.healthyAt = recorder.iso();
    recorder.mark(id, 'healthy');
    context.log.info(`${machine} healthy`);
  }
}

function recordFailure(context: RolloutContext, id: string, error: unknown): string {
  const entry = context.recorder.get(id);
  const message = errorMessage(error);
  entry.error = message;
  entry.timings.finishedAt = context.recorder.iso();
  context.recorder.mark(id, 'failed', message);
  // A warning on the machine: the release's failure, which names it, is the step's one error.
  context.log.warning(`${label(id, entry.group)} failed: ${message}`);
  return message;
}

/**
 * Updates one machine to its target: the whole config in one call (with our lease nonce), then, unless it
 * stays stopped or `waitForReady` is off, waits for started and for its checks. Returns false on failure,
 * which is also noted on the context so pools stop feeding.
 */
export async function updateMachine(
  context: RolloutContext,
  plan: MachinePlan,
  options: { waitForReady: boolean },
): Promise<boolean> {
  const { api, app, recorder, leases } = context;
  const { machine, target, group } = plan;
  const entry = recorder.get(machine.id);
  const skipLaunch = shouldSkipLaunch(machine.state);
  const startedBy = context.now();
  entry.timings.updateStartedAt = recorder.iso();
  recorder.mark(machine.id, 'update', target.image);
  context.log.info(
    `${label(machine.id, group)} updating to ${target.image}${skipLaunch ? ' (stays stopped)' : ''}`,
  );
  let updated: Machine;
  try {
    const nonce = leases.nonce(machine.id);
    updated = await api.updateMachine(
      app,
      machine.id,
      { config: target, region: machine.region, skip_launch: skipLaunch },
      nonce ? { nonce } : {},
    );
  } catch (error) {
    // A refused update changed nothing; anything else (a timeout, a 5xx) may have been applied.
    entry.final = wasRefused(error) ? 'previous' : 'unknown';
    entry.action = 'updated';
    noteFailure(context, `machine ${machine.id}: ${recordFailure(context, machine.id, error)}`);
    return false;
  }
  entry.action = 'updated';
  entry.final = 'new';
  entry.next = { image: target.image, ...(updated.version ? { version: updated.version } : {}) };
  if (options.waitForReady && !skipLaunch) {
    try {
      await waitReady(context, machine.id, target, startedBy, updated.version);
    } catch (error) {
      noteFailure(context, `machine ${machine.id}: ${recordFailure(context, machine.id, error)}`);
      return false;
    }
  }
  entry.timings.finishedAt = recorder.iso();
  return true;
}

export interface CreateOptions {
  config: MachineConfig;
  region: string;
  group: string;
  action: MachineAction;
  /** Proxy does not route to it until uncordoned (canary, bluegreen greens). */
  skipServiceRegistration?: boolean;
  skipLaunch?: boolean;
  /** The previous state this new machine stands in for (a bluegreen green for its blue). */
  standsInFor?: Machine;
}

/**
 * Creates a machine already leased to us (`lease_ttl`) and, unless created stopped, waits for it to be
 * started and healthy. On failure (noted on the context) `machine` is still set when the create itself
 * went through, so the caller can destroy it.
 */
export async function createMachine(
  context: RolloutContext,
  options: CreateOptions,
): Promise<{ ok: boolean; machine?: Machine }> {
  const { api, app, recorder, leases, settings } = context;
  const startedBy = context.now();
  let created: Machine;
  try {
    created = await api.createMachine(app, {
      config: options.config,
      region: options.region,
      lease_ttl: settings.leaseTtlSeconds,
      ...(options.skipLaunch ? { skip_launch: true } : {}),
      ...(options.skipServiceRegistration ? { skip_service_registration: true } : {}),
    });
  } catch (error) {
    const message = errorMessage(error);
    recorder.mark(`new-${options.group}`, 'failed', `create in ${options.region}: ${message}`);
    context.log.warning(
      `creating a ${options.action} machine in ${options.region} [${options.group}] failed: ${message}`,
    );
    noteFailure(context, `create in ${options.region}: ${message}`);
    return { ok: false };
  }
  leases.adopt(created.id, created.nonce);
  const entry = recorder.addCreated(created, options.group, options.action, 'new');
  if (options.standsInFor) {
    const blue = options.standsInFor;
    entry.previous = {
      image: blue.config.image,
      config: blue.config,
      ...(blue.version ? { version: blue.version } : {}),
    };
  }
  recorder.mark(created.id, 'create', `${options.action} in ${created.region}`);
  const role =
    options.action === 'canary'
      ? 'canary'
      : options.standsInFor
        ? `green for ${options.standsInFor.id}`
        : 'new';
  context.log.info(`${label(created.id, options.group)} created in ${created.region} (${role})`);
  if (!options.skipLaunch) {
    try {
      await waitReady(context, created.id, options.config, startedBy, created.version);
    } catch (error) {
      noteFailure(context, `machine ${created.id}: ${recordFailure(context, created.id, error)}`);
      return { ok: false, machine: created };
    }
  }
  entry.timings.finishedAt = recorder.iso();
  return { ok: true, machine: created };
}

/** Destroys a machine (forcefully: it may be running) and records where it ends up. */
export async function destroyMachine(
  context: RolloutContext,
  id: string,
  final: MachineFinal,
): Promise<boolean> {
  const { api, app, recorder, leases } = context;
  const entry = recorder.machines.get(id);
  recorder.mark(id, 'destroy');
  context.log.info(`${label(id, entry?.group ?? '?')} destroying`);
  try {
    const nonce = leases.nonce(id);
    await api.destroyMachine(app, id, { force: true, ...(nonce ? { nonce } : {}) });
  } catch (error) {
    const message = errorMessage(error);
    if (entry) entry.error = `destroy failed: ${message}`;
    context.log.error(`${label(id, entry?.group ?? '?')} could not be destroyed: ${message}`);
    return false;
  }
  leases.forget(id);
  if (entry) {
    entry.final = final;
    entry.state = 'destroyed';
    if (final === 'destroyed') entry.action = 'destroyed';
  }
  return true;
}

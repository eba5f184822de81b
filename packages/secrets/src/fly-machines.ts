// Fly machines read secrets when they start: after a secrets write, the started machines whose last start is
// older than the write still run with the old values. List them, and on request restart them one at a time,
// each under a lease and back to started and healthy before the next.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FlyApi, Machine } from '@shipgate/fly';
import { errorMessage } from '@shipgate/kit';

export interface FlyMachineNote {
  id: string;
  state: string;
  /** When it last started (ISO), from its events. */
  lastStart?: string;
  needsRestart: boolean;
  restarted?: boolean;
  error?: string;
}

export interface FlyRestartNote {
  app: string;
  secretsVersion: number;
  writtenAt: string;
  machines: FlyMachineNote[];
  /** One line for people. */
  message: string;
}

export interface RestartOptions {
  restart: boolean;
  /** Per machine: started and checks passing within this (default 120 s). */
  timeoutMs?: number;
  pollMs?: number;
  leaseTtlSeconds?: number;
  now?: () => number;
}

/** After a secrets write at `writtenAt`: which machines must restart, and (with `restart`) restart them. */
export async function flyMachinesAfterWrite(
  fly: FlyApi,
  app: string,
  write: { version: number; at: Date },
  options: RestartOptions,
): Promise<FlyRestartNote> {
  const machines = await fly.listMachines(app);
  const notes: FlyMachineNote[] = machines
    .filter((machine) => machine.state !== 'destroyed' && machine.state !== 'destroying')
    .map((machine) => {
      const started = lastStart(machine);
      return {
        id: machine.id,
        state: machine.state,
        ...(started !== undefined ? { lastStart: new Date(started).toISOString() } : {}),
        needsRestart: machine.state === 'started' && (started === undefined || started < write.at.getTime()),
      };
    });
  const stale = notes.filter((note) => note.needsRestart);
  if (options.restart) {
    for (const note of stale) {
      try {
        await restartOne(fly, app, note.id, options);
        note.restarted = true;
      } catch (thrown) {
        note.restarted = false;
        note.error = errorMessage(thrown);
        // Stop here: restarting more machines while one does not come back would take the app down.
        break;
      }
    }
  }
  return {
    app,
    secretsVersion: write.version,
    writtenAt: write.at.toISOString(),
    machines: notes,
    message: restartMessage(app, stale, options.restart),
  };
}

function restartMessage(app: string, stale: FlyMachineNote[], restart: boolean): string {
  if (stale.length === 0) return `${app}: no started machine runs with the old secrets`;
  const ids = stale.map((note) => note.id).join(', ');
  if (!restart) {
    return `${app}: ${stale.length} machine(s) still run with the old secrets until restarted: ${ids} (restart-fly-machines: true restarts them)`;
  }
  const failed = stale.find((note) => note.error);
  const done = stale.filter((note) => note.restarted).length;
  return failed
    ? `${app}: restarted ${done} of ${stale.length} machine(s); ${failed.id} failed: ${failed.error}; the rest were left alone`
    : `${app}: restarted ${done} machine(s) one at a time: ${ids}`;
}

/** The newest `start` event; else when the machine was created. */
function lastStart(machine: Machine): number | undefined {
  const start = (machine.events ?? []).find((event) => event.type === 'start');
  if (start) return start.timestamp;
  const created = machine.created_at ? Date.parse(machine.created_at) : Number.NaN;
  return Number.isNaN(created) ? undefined : created;
}

async function restartOne(fly: FlyApi, app: string, id: string, options: RestartOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const lease = await fly.acquireLease(app, id, {
    ttlSeconds: options.leaseTtlSeconds ?? Math.ceil(timeoutMs / 1000) + 30,
    description: 'shipgate secret-mirror: restart to read new secrets',
  });
  try {
    await fly.restartMachine(app, id, { nonce: lease.nonce });
    const deadline = now() + timeoutMs;
    await fly.waitForState(app, id, { states: ['started'], deadline });
    await waitChecksPassing(fly, app, id, deadline, options.pollMs ?? 1000, now);
  } finally {
    await fly.releaseLease(app, id, lease.nonce).catch(() => undefined);
  }
}

/** Polls until every check passes (at once when the machine has none), failing at the deadline. */
async function waitChecksPassing(
  fly: FlyApi,
  app: string,
  id: string,
  deadline: number,
  pollMs: number,
  now: () => number,
): Promise<void> {
  for (;;) {
    const machine = await fly.getMachine(app, id);
    if (!hasChecks(machine)) return;
    const checks = machine.checks ?? [];
    if (checks.length > 0 && checks.every((check) => check.status === 'passing')) return;
    if (machine.state !== 'started') throw new Error(`${id} is ${machine.state} after the restart`);
    if (now() >= deadline) {
      const states = checks.map((check) => `${check.name}: ${check.status}`).join(', ') || 'none reported';
      throw new Error(`${id}: health checks did not pass in time (${states})`);
    }
    await sleep(Math.min(pollMs, Math.max(0, deadline - now())));
  }
}

function hasChecks(machine: Machine): boolean {
  const config = machine.config;
  if (config.checks && Object.keys(config.checks).length > 0) return true;
  return (config.services ?? []).some((service) => (service.checks ?? []).length > 0);
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { FlyApi } from '../api';
import type { Machine, MachineConfig } from '../machine-types';
import { errorMessage } from './errors';
import { checksPassing, hasChecks } from './plan';

export interface WaitOptions {
  deadline: number;
  timeoutMs: number;
  pollMs: number;
  now: () => number;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/** Waits for `started`; the error says whether the machine failed or was too slow. */
export async function waitStarted(
  api: FlyApi,
  app: string,
  id: string,
  options: WaitOptions & { version?: string },
): Promise<void> {
  try {
    await api.waitForState(app, id, {
      states: ['started'],
      deadline: options.deadline,
      ...(options.version ? { version: options.version } : {}),
    });
  } catch (error) {
    // Before the deadline the platform gave up on it (a 400: it failed); at the deadline it was just slow.
    const why =
      options.now() < options.deadline
        ? 'failed to start'
        : `did not start within ${seconds(options.timeoutMs)}`;
    throw new Error(`${why}: ${errorMessage(error)}`);
  }
}

/** States in which a machine's checks will never come to pass without someone starting it again. */
const deadStates = new Set(['stopped', 'failed', 'destroyed', 'destroying']);

class MachineDownError extends Error {}

/**
 * Polls the machine until its checks are reported and all passing. Returns at once when the config has no
 * checks. Fails early when the machine stops or fails, else at the deadline naming each check's status.
 */
export async function waitHealthy(
  api: FlyApi,
  app: string,
  id: string,
  config: MachineConfig,
  options: WaitOptions,
): Promise<Machine | undefined> {
  if (!hasChecks(config)) return undefined;
  let last: Machine | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await api.getMachine(app, id);
      lastError = undefined;
      if (checksPassing(last)) return last;
      if (deadStates.has(last.state)) {
        throw new MachineDownError(`${last.state} while waiting for health checks${describeChecks(last)}`);
      }
    } catch (error) {
      if (error instanceof MachineDownError) throw error;
      lastError = error;
    }
    const left = options.deadline - options.now();
    if (left <= 0) {
      const why = lastError ? `: ${errorMessage(lastError)}` : describeChecks(last);
      throw new Error(
        `health checks did not pass within ${seconds(options.timeoutMs)}${why || ': no checks reported'}`,
      );
    }
    await sleep(Math.min(options.pollMs, left));
  }
}

function describeChecks(machine: Machine | undefined): string {
  const checks = machine?.checks ?? [];
  if (checks.length === 0) return '';
  const parts = checks.map((check) =>
    `${check.name}: ${check.status}${check.output ? ` ${check.output.trim().slice(0, 200)}` : ''}`.trim(),
  );
  return `: ${parts.join('; ')}`;
}

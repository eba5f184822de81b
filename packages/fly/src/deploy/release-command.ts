import type { Machine, MachineConfig } from '../machine-types';
import type { RolloutContext } from './context';
import { errorMessage, isNotFoundError } from './errors';

export interface ReleaseCommandRequest {
  command: string[];
  timeoutMs: number;
  /** The ephemeral machine's whole config (see `releaseCommandConfig` in ../config). */
  config: MachineConfig;
}

export interface ReleaseCommandResult {
  machineId: string;
  exitCode: number | null;
  durationMs: number;
  /** Set when the command did not exit 0 in time. */
  error?: string;
}

/** The exit code of the newest `exit` event, or null when the machine has not exited. */
export function latestExitCode(machine: Machine): number | null {
  const exits = (machine.events ?? [])
    .filter((event) => event.type === 'exit')
    .sort((a, b) => b.timestamp - a.timestamp);
  const code = exits[0]?.request?.exit_event?.exit_code;
  return typeof code === 'number' ? code : null;
}

/**
 * Runs the release command on a one-off machine before any app machine is touched: created stopped, then
 * started, then awaited until it is destroyed (auto_destroy) or the timeout passes; the exit code comes
 * from the newest exit event, which Fly keeps readable on a destroyed machine.
 */
export async function runReleaseCommand(
  context: RolloutContext,
  request: ReleaseCommandRequest,
  region: string | undefined,
): Promise<ReleaseCommandResult> {
  const { api, app, recorder, log, now } = context;
  const begun = now();
  const deadline = begun + request.timeoutMs;
  const config: MachineConfig = request.config.init?.cmd?.length
    ? request.config
    : { ...request.config, init: { ...(request.config.init ?? {}), cmd: request.command } };
  await destroyStaleReleaseMachines(context);
  let machine: Machine;
  try {
    machine = await api.createMachine(app, { config, ...(region ? { region } : {}), skip_launch: true });
  } catch (error) {
    const message = `could not create the release command machine: ${errorMessage(error)}`;
    recorder.mark('release-command', 'failed', message);
    return { machineId: '', exitCode: null, durationMs: now() - begun, error: message };
  }
  const id = machine.id;
  recorder.mark(id, 'release-command', request.command.join(' '));
  log.info(`release command on machine ${id}: ${request.command.join(' ')}`);
  const finish = (exitCode: number | null, error?: string): ReleaseCommandResult => {
    const durationMs = now() - begun;
    if (error) {
      recorder.mark(id, 'failed', error);
      log.error(`release command failed: ${error}`);
    } else log.info(`release command finished in ${Math.round(durationMs / 100) / 10}s`);
    return { machineId: id, exitCode, durationMs, ...(error ? { error } : {}) };
  };
  try {
    await api.startMachine(app, id);
    await log.waitingFor(`the release command on machine ${id} to finish`, async () => {
      await api.waitForState(app, id, { states: ['started', 'destroyed'], deadline });
      await api.waitForState(app, id, { states: ['destroyed'], deadline });
    });
  } catch (error) {
    if (!isNotFoundError(error)) {
      await api.destroyMachine(app, id, { force: true }).catch(() => undefined);
      const timedOut = now() >= deadline;
      return finish(
        null,
        timedOut
          ? `release command did not finish within ${Math.round(request.timeoutMs / 1000)}s`
          : errorMessage(error),
      );
    }
  }
  let exitCode: number | null;
  try {
    exitCode = latestExitCode(await api.getMachine(app, id));
  } catch (error) {
    return finish(null, `could not read the release command's exit code: ${errorMessage(error)}`);
  }
  if (exitCode === 0) return finish(0);
  return finish(
    exitCode,
    exitCode === null
      ? `release command machine ${id} ended without an exit code`
      : `release command machine ${id} exited with status ${exitCode}`,
  );
}

/**
 * flyctl destroys an earlier release command's machine first. Once we hold every app machine's lease no
 * other deploy can be mid-release, so any such machine still around is a leftover.
 */
async function destroyStaleReleaseMachines(context: RolloutContext): Promise<void> {
  const { api, app, log } = context;
  try {
    const stale = (await api.listMachines(app)).filter(
      (machine) =>
        machine.config?.metadata?.fly_process_group === 'fly_app_release_command' &&
        machine.state !== 'destroyed' &&
        machine.state !== 'destroying',
    );
    for (const machine of stale) {
      log.info(`destroying the leftover release command machine ${machine.id}`);
      await api.destroyMachine(app, machine.id, { force: true });
    }
  } catch (error) {
    log.warning(`could not clear an old release command machine: ${errorMessage(error)}`);
  }
}

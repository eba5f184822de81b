// The wait endpoint's long-poll (reference §2 "wait").
import type { SimMachine } from './model';

export type WaitOutcome = 'reached' | 'timeout' | 'unreachable' | 'gone' | 'aborted';

/** `settled` is flyctl's pseudo-state: any state a machine rests in. */
const settledStates = new Set(['started', 'stopped', 'suspended']);

export function evaluateWait(
  machine: SimMachine,
  states: string[],
  version?: string,
): WaitOutcome | undefined {
  if (machine.state === 'destroyed') return states.includes('destroyed') ? 'reached' : 'gone';
  if (version !== undefined && machine.revertedVersions?.has(version)) return undefined;
  if (version !== undefined && version !== machine.version) return 'unreachable';
  // A created machine (never started) counts as stopped: flyctl waits for `stopped` on the release-command
  // machine it creates with skip_launch before it starts it (reference §release_command).
  const state = machine.state === 'created' ? 'stopped' : machine.state;
  if (states.includes(state) || (states.includes('settled') && settledStates.has(state))) return 'reached';
  // A failed machine only leaves that state by another API call, so a wait for anything but its
  // destruction cannot succeed.
  if (machine.state === 'failed' && !states.includes('destroyed')) return 'unreachable';
  return undefined;
}

export function waitForMachine(
  machine: SimMachine,
  states: string[],
  version: string | undefined,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<WaitOutcome> {
  const immediate = evaluateWait(machine, states, version);
  if (immediate) return Promise.resolve(immediate);
  return new Promise((resolve) => {
    const finish = (outcome: WaitOutcome) => {
      clearTimeout(timer);
      machine.listeners.delete(listener);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const listener = () => {
      const outcome = evaluateWait(machine, states, version);
      if (outcome) finish(outcome);
    };
    const onAbort = () => finish('aborted');
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    machine.listeners.add(listener);
    signal.addEventListener('abort', onAbort);
  });
}

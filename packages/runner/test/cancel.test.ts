// The cancellation contract, end to end: the runner's SIGINT → SIGTERM → SIGKILL sequence against a process
// running an action through the kit. An action that stops on the run's signal reports what it left; one that
// does not is given up on by the kit before the runner's SIGTERM, with the summary and one failure line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cancelSequence, runAction } from '../src/index';

const actionDir = join(import.meta.dirname, 'fixtures', 'cancellable');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cancelledRun(mode: 'stops' | 'ignores' | 'stalls', cancel = true) {
  const workspace = mkdtempSync(join(tmpdir(), 'cancel-'));
  dirs.push(workspace);
  return runAction({
    actionDir,
    workspace,
    runnerTemp: workspace,
    inputs: { mode },
    cancelWhen: (line) => cancel && line.startsWith('started:'),
  });
}

describe('cancelling a step as the runner does', () => {
  it('is the sequence GitHub documents: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that', () => {
    expect(cancelSequence).toEqual([
      { signal: 'SIGINT', afterMs: 0 },
      { signal: 'SIGTERM', afterMs: 7_500 },
      { signal: 'SIGKILL', afterMs: 2_500 },
    ]);
  });

  it('an action that stops on the signal writes outputs, summary and what it left, and exits 1 after SIGINT alone', async () => {
    const step = await cancelledRun('stops');
    expect(step.signalsSent).toEqual(['SIGINT']);
    expect(step.exitCode).toBe(1);
    expect(step.outputs).toEqual({ moved: '1' });
    expect(step.summary).toBe('## moved 1 of 3\n');
    expect(step.annotations.map(({ level, message }) => `${level}: ${message}`)).toEqual([
      'warning: SIGINT: the run is being cancelled; stopping',
      'error: cancellable: cancelled (SIGINT): stopped after machine m1; m2 and m3 still on v1',
    ]);
  });

  it('an action that does not stop is given up on before the runner sends SIGTERM', async () => {
    const step = await cancelledRun('ignores');
    expect(step.signalsSent).toEqual(['SIGINT']);
    expect(step.exitCode).toBe(1);
    expect(step.summary).toBe('## moved 1 of 3\n');
    expect(step.annotations.map(({ level, message }) => `${level}: ${message}`)).toEqual([
      'warning: SIGINT: the run is being cancelled; stopping',
      'error: cancellable: cancelled (SIGINT): still running 4.5 s later; stopped without waiting for it (what it had under way may be half-done: a re-run converges)',
    ]);
  });

  it('an action that stalls with nothing left to wait on fails instead of exiting 0', async () => {
    const step = await cancelledRun('stalls', false);
    expect(step.signalsSent).toEqual([]);
    expect(step.exitCode).toBe(1);
    expect(step.annotations.map(({ level, message }) => `${level}: ${message}`)).toEqual([
      'error: cancellable: the action stopped before its end, with nothing left to wait on',
    ]);
  });
});

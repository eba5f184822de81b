import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ActionHost,
  Cancellation,
  defineAction,
  executeAction,
  type Logger,
  type RunEnvironment,
} from '../src/index';
import { Progress, progressIntervalFromEnv } from '../src/progress';
import { sleep } from '../src/timing';

/** A host log as the runner shows it, in order: lines, `▸ group` and `◂ end` as core.group writes them. */
function transcript() {
  const lines: string[] = [];
  const log: Logger = {
    debug: (message) => lines.push(`debug: ${message}`),
    info: (message) => lines.push(message),
    notice: (message) => lines.push(`notice: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
    async group(name, fn) {
      lines.push(`▸ ${name}`);
      try {
        return await fn();
      } finally {
        lines.push('◂ end');
      }
    },
    waitingFor: (_what, fn) => fn(),
  };
  return { lines, log };
}

/** Lines written since the start, ignoring when: the assertions are about order and text, never time. */
const seconds = (s: number) => vi.advanceTimersByTimeAsync(s * 1000);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Progress: phases', () => {
  it('runs a phase as one group and returns what it returns', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log);
    const value = await progress.phase('Plan', async () => {
      progress.log.info('3 machines');
      return 42;
    });
    expect(value).toBe(42);
    expect(lines).toEqual(['▸ Plan', '3 machines', '◂ end']);
  });

  it('never nests groups: a phase inside a phase, or a package group inside one, is a line of it', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log);
    await progress.phase('Step 1 of 2', async () => {
      await progress.phase('Release command', async () => progress.log.info('ran'));
      await progress.log.group('Scan', async () => progress.log.info('scanned'));
    });
    await progress.log.group('Report', async () => {});
    expect(lines).toEqual([
      '▸ Step 1 of 2',
      'Release command',
      'ran',
      'Scan',
      'scanned',
      '◂ end',
      '▸ Report',
      '◂ end',
    ]);
  });

  it('ends the group before a failure inside it reaches the caller', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log);
    const failed = progress
      .phase('Deploy', async () => {
        progress.log.info('updating');
        throw new Error('machine 1 failed');
      })
      .catch((error: Error) => lines.push(`caught: ${error.message}`));
    await failed;
    expect(lines).toEqual(['▸ Deploy', 'updating', '◂ end', 'caught: machine 1 failed']);
  });

  it('close ends a phase still running, and later phases are lines', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log, { intervalMs: 30_000 });
    let finish!: () => void;
    const running = progress.phase('Bake', () => new Promise<void>((resolve) => (finish = resolve)));
    await progress.close();
    lines.push('verdict');
    await progress.phase('Late', async () => {});
    await seconds(120);
    finish();
    await running;
    expect(lines).toEqual(['▸ Bake', '◂ end', 'verdict', 'Late']);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Progress: a line at least every interval', () => {
  it('says which phase is still running, and for how long, when nothing else was logged', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log, { intervalMs: 30_000 });
    const running = progress.phase('Deploying 3 machines', () => sleep(95_000));
    await seconds(95);
    await running;
    expect(lines).toEqual([
      '▸ Deploying 3 machines',
      'still running: Deploying 3 machines (30s)',
      'still running: Deploying 3 machines (1m)',
      'still running: Deploying 3 machines (1m30s)',
      '◂ end',
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts the interval from the last line the phase logged', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log, { intervalMs: 30_000 });
    const running = progress.phase('Scan', async () => {
      await sleep(20_000);
      progress.log.warning('slow file');
      await sleep(40_000);
    });
    await seconds(60);
    await running;
    // 20 s + 30 s: one line at 50 s, none at 30 s.
    expect(lines).toEqual(['▸ Scan', 'warning: slow file', 'still running: Scan (50s)', '◂ end']);
  });

  it('names a wait, read again at each line, in preference to the phase', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log, { intervalMs: 30_000 });
    let written = 0;
    const running = progress.phase('Writing secrets', () =>
      progress.log.waitingFor(
        () => `the writes to github:staging: ${written} of 40 written`,
        async () => {
          for (; written < 40; written++) await sleep(2_000);
        },
      ),
    );
    await seconds(80);
    await running;
    expect(lines).toEqual([
      '▸ Writing secrets',
      // The line due at 30 s comes before the write due then: its timer was set first.
      'still waiting for the writes to github:staging: 14 of 40 written (30s)',
      'still waiting for the writes to github:staging: 29 of 40 written (1m)',
      '◂ end',
    ]);
  });

  it('survives a description that throws: the line says so, and the wait goes on', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log, { intervalMs: 30_000 });
    const running = progress.log.waitingFor(
      () => {
        throw new Error('no samples yet');
      },
      () => sleep(31_000).then(() => 'done'),
    );
    await seconds(31);
    expect(await running).toBe('done');
    expect(lines).toEqual(['still waiting for a wait that cannot say how far it has come (30s)']);
  });

  it('lists the waits running at once, the first three by name', async () => {
    const { lines, log } = transcript();
    const progress = new Progress(log, { intervalMs: 30_000 });
    const health = (id: number) =>
      progress.log.waitingFor(`machine ${id} to pass its health checks`, () => sleep(30_000 + id * 1000));
    const running = Promise.all([1, 2, 3, 4].map(health));
    await seconds(35);
    await running;
    expect(lines).toEqual([
      'still waiting for machine 1 to pass its health checks (30s); machine 2 to pass its health checks (30s); machine 3 to pass its health checks (30s); and 1 more',
    ]);
  });

  it('says nothing outside a phase or a wait, and nothing once the run is cancelled', async () => {
    const { lines, log } = transcript();
    const controller = new AbortController();
    const progress = new Progress(log, { intervalMs: 30_000, signal: controller.signal });
    await seconds(60);
    const running = progress.phase('Bake', () => sleep(100_000, controller.signal).catch(() => {}));
    await seconds(35);
    controller.abort(new Cancellation('SIGINT'));
    expect(vi.getTimerCount()).toBe(0);
    await running;
    await seconds(120);
    expect(lines).toEqual(['▸ Bake', 'still running: Bake (30s)', '◂ end']);
  });
});

describe('Progress through executeAction', () => {
  function host(extra: Partial<ActionHost> = {}) {
    const { lines, log } = transcript();
    const value: ActionHost = {
      readInput: () => undefined,
      mask: () => {},
      log,
      // Phases never read the run's facts.
      run: {} as RunEnvironment,
      setOutput: () => {},
      writeSummary: async () => {},
      fail: (message) => lines.push(`FAILED ${message}`),
      progressIntervalMs: 10_000,
      ...extra,
    };
    return { value, lines };
  }

  it('gives the action phase() and a log whose waits report progress, redacted like every line', async () => {
    const { value, lines } = host();
    const action = defineAction({
      name: 'slow',
      inputs: {},
      async run(_inputs, context) {
        context.mask('s3cret-value');
        await context.phase('Waiting on s3cret-value', () =>
          context.log.waitingFor('the bake (s3cret-value)', () => sleep(25_000)),
        );
        return { outputs: {} };
      },
    });
    const done = executeAction(action, value);
    await seconds(25);
    await done;
    expect(lines).toEqual([
      '▸ Waiting on ***',
      'still waiting for the bake (***) (10s)',
      'still waiting for the bake (***) (20s)',
      '◂ end',
    ]);
  });

  it('ends the group before the failure line when the action throws inside a phase', async () => {
    const { value, lines } = host();
    const action = defineAction({
      name: 'deploy',
      inputs: {},
      async run(_inputs, context) {
        await context.phase('Deploying', async () => {
          throw new Error('machine 1 did not start');
        });
        return { outputs: {} };
      },
    });
    await executeAction(action, value);
    expect(lines.filter((line) => !line.startsWith('debug:'))).toEqual([
      '▸ Deploying',
      '◂ end',
      'FAILED deploy: machine 1 did not start',
    ]);
  });

  it('ends the open group before saying it gave up on a cancelled action, and leaves no timer', async () => {
    const controller = new AbortController();
    const { value, lines } = host({ signal: controller.signal, cancelGraceMs: 4_500 });
    const action = defineAction({
      name: 'stuck',
      inputs: {},
      async run(_inputs, context) {
        // Ignores the signal: the kit gives up on it after the grace period.
        await context.phase('Baking', () => sleep(600_000));
        return { outputs: {} };
      },
    });
    const done = executeAction(action, value);
    await seconds(12);
    controller.abort(new Cancellation('SIGINT'));
    await seconds(5);
    await done;
    expect(lines).toEqual([
      '▸ Baking',
      'still running: Baking (10s)',
      '◂ end',
      'FAILED stuck: cancelled (SIGINT): still running 4.5 s later; stopped without waiting for it (what it had under way may be half-done: a re-run converges)',
    ]);
    // Only the action's own 600-s sleep is left.
    expect(vi.getTimerCount()).toBe(1);
  });
});

describe('progressIntervalFromEnv', () => {
  it('reads a duration and keeps 30 s for anything else', () => {
    expect(progressIntervalFromEnv({ SHIPGATE_PROGRESS_INTERVAL: '500ms' })).toBe(500);
    expect(progressIntervalFromEnv({ SHIPGATE_PROGRESS_INTERVAL: '2s' })).toBe(2000);
    expect(progressIntervalFromEnv({})).toBe(30_000);
    expect(progressIntervalFromEnv({ SHIPGATE_PROGRESS_INTERVAL: 'soon' })).toBe(30_000);
    expect(progressIntervalFromEnv({ SHIPGATE_PROGRESS_INTERVAL: '0ms' })).toBe(30_000);
  });
});

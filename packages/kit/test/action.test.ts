import { describe, expect, it } from 'vitest';
import {
  type ActionHost,
  Cancellation,
  createRecordingLogger,
  defineAction,
  executeAction,
  input,
} from '../src/index';

function host(inputs: Record<string, string>) {
  const outputs: Record<string, string> = {};
  const failures: string[] = [];
  const summaries: string[] = [];
  const masked: string[] = [];
  const log = createRecordingLogger();
  const value: ActionHost = {
    readInput: (name) => inputs[name],
    mask: (secret) => masked.push(secret),
    log,
    run: {
      workspace: '/w',
      temp: '/t',
      eventName: '',
      event: {},
      sha: '',
      ref: '',
      repository: '',
      serverUrl: '',
      apiUrl: '',
      runId: '',
      runAttempt: '',
      actor: '',
      debug: false,
    },
    setOutput: (name, out) => {
      outputs[name] = out;
    },
    writeSummary: async (markdown) => {
      summaries.push(markdown);
    },
    fail: (message) => failures.push(message),
  };
  return { value, outputs, failures, summaries, masked, log };
}

const echo = defineAction({
  name: 'echo',
  inputs: {
    word: input.requiredText(),
    mode: input.choice(['ok', 'fail', 'throw', 'throw-string'], { default: 'ok' }),
  },
  async run(inputs, { summary }) {
    summary.heading(`said ${inputs.word}`);
    if (inputs.mode === 'throw') throw new Error('remote said no\nwith detail');
    // A thrown string, not an Error, must still fail the step.
    if (inputs.mode === 'throw-string') throw 'a bare string';
    return {
      outputs: { word: inputs.word, count: 2, report: { a: 1 }, skipped: undefined },
      ...(inputs.mode === 'fail' ? { failure: '2 errors found' } : {}),
    };
  },
});

describe('executeAction', () => {
  it('writes outputs and the summary, and does not fail a good run', async () => {
    const h = host({ word: 'hi' });
    await executeAction(echo, h.value);
    expect(h.failures).toEqual([]);
    expect(h.outputs).toEqual({ word: 'hi', count: '2', report: '{"a":1}' });
    expect(h.summaries).toEqual(['## said hi\n']);
  });

  it('writes outputs before reporting a failed verdict, prefixed once with the action name', async () => {
    const h = host({ word: 'hi', mode: 'fail' });
    await executeAction(echo, h.value);
    expect(h.outputs.word).toBe('hi');
    expect(h.failures).toEqual(['echo: 2 errors found']);
  });

  it.each([
    ['throw', 'echo: remote said no with detail'],
    ['throw-string', 'echo: a bare string'],
  ])('turns a %s into one failure line and keeps the partial summary', async (mode, line) => {
    const h = host({ word: 'hi', mode });
    await executeAction(echo, h.value);
    expect(h.failures).toEqual([line]);
    expect(h.summaries).toEqual(['## said hi\n']);
  });

  it('fails on a bad input without running the action', async () => {
    const h = host({ mode: 'ok' });
    await executeAction(echo, h.value);
    expect(h.failures).toEqual(["echo: Input 'word' is required: expected one line of text."]);
    expect(h.summaries).toEqual([]);
  });
});

describe('cancellation', () => {
  /** A host whose run is cancelled by `cancel()`, as the runner's SIGINT does. */
  function cancellableHost(inputs: Record<string, string> = {}, cancelGraceMs = 50) {
    const h = host(inputs);
    const controller = new AbortController();
    let abandoned = 0;
    const value: ActionHost = {
      ...h.value,
      signal: controller.signal,
      cancelGraceMs,
      abandon: () => {
        abandoned += 1;
      },
    };
    return {
      ...h,
      value,
      cancel: () => controller.abort(new Cancellation('SIGINT')),
      abandoned: () => abandoned,
    };
  }

  // The ignoring action finishes only when a test releases it: the order is the test's, not the clock's.
  let release = () => {};
  const stopping = defineAction({
    name: 'mover',
    inputs: { mode: input.choice(['returns', 'throws', 'ignores'], { default: 'returns' }) },
    async run(inputs, { signal, summary, log }) {
      log.info('moving machines');
      summary.heading('moved 1 of 3');
      if (inputs.mode === 'ignores') {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        summary.heading('moved 3 of 3');
        return { outputs: { moved: 3 } };
      }
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      if (inputs.mode === 'throws') throw new Error('lease on machine m2 released, m2 left on v1');
      return { outputs: { moved: 1 }, failure: 'stopped after machine m1; m2 and m3 still on v1' };
    },
  });

  it('hands the action a signal, and an action that stops reports outputs, summary and what it left', async () => {
    const h = cancellableHost();
    const running = executeAction(stopping, h.value);
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.log.entries.map((entry) => entry.message)).toContain('moving machines');
    h.cancel();
    await running;
    expect(h.outputs).toEqual({ moved: '1' });
    expect(h.summaries).toEqual(['## moved 1 of 3\n']);
    expect(h.failures).toEqual([
      'mover: cancelled (SIGINT): stopped after machine m1; m2 and m3 still on v1',
    ]);
    expect(h.abandoned()).toBe(0);
  });

  it('says it was cancelled when the action throws on the signal', async () => {
    const h = cancellableHost({ mode: 'throws' });
    const running = executeAction(stopping, h.value);
    h.cancel();
    await running;
    expect(h.failures).toEqual(['mover: cancelled (SIGINT): lease on machine m2 released, m2 left on v1']);
  });

  it('gives up on an action that does not stop within the grace period, and drops what it reports later', async () => {
    const h = cancellableHost({ mode: 'ignores' });
    const running = executeAction(stopping, h.value);
    h.cancel();
    await running;
    expect(h.failures).toEqual([
      'mover: cancelled (SIGINT): still running 0.05 s later; stopped without waiting for it (what it had under way may be half-done: a re-run converges)',
    ]);
    expect(h.summaries).toEqual(['## moved 1 of 3\n']);
    expect(h.abandoned()).toBe(1);
    // The action finishes after the verdict: nothing more reaches the host.
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.outputs).toEqual({});
    expect(h.failures).toHaveLength(1);
  });

  it('runs to its own verdict when nothing cancels it', async () => {
    const h = cancellableHost({ mode: 'ignores' });
    const running = executeAction(stopping, h.value);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await running;
    expect(h.failures).toEqual([]);
    expect(h.outputs).toEqual({ moved: '3' });
  });
});

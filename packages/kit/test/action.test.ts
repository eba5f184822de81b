import { describe, expect, it } from 'vitest';
import { type ActionHost, createRecordingLogger, defineAction, executeAction, input } from '../src/index';

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
    expect(h.failures).toEqual(["echo: Input 'word' is required: expected a value."]);
    expect(h.summaries).toEqual([]);
  });
});

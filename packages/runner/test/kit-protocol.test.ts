// The kit writes the runner's protocol itself; these tests read what it writes with the runner's own parsing
// rules (this package), so the two sides cannot drift apart.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineAction, executeAction, input, Redactor } from '@shipgate/kit';
import { runnerHost } from '@shipgate/kit/runner';
import { afterEach, describe, expect, it } from 'vitest';
import { parseKeyValueFile, parseWorkflowCommand } from '../src/index';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runner(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'kit-protocol-'));
  dirs.push(dir);
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: NodeJS.ProcessEnv = { GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  let stdout = '';
  const host = runnerHost(env, { write: (text: string) => (stdout += text) });
  return {
    host,
    stdout: () => stdout,
    commands: () =>
      stdout
        .split('\n')
        .map((line) => parseWorkflowCommand(line.replace(/\r$/, '')))
        .filter((command) => command !== undefined),
    outputs: () => parseKeyValueFile(readFileSync(files.output, 'utf8')),
    summary: () => readFileSync(files.summary, 'utf8'),
  };
}

const talker = defineAction({
  name: 'talker',
  inputs: {
    token: input.secret({ required: true }),
    verdict: input.choice(['pass', 'fail'], { default: 'pass' }),
  },
  async run(inputs, { log, summary }) {
    await log.group('Phase: one, two', async () => {
      log.info('plain line with 100% and a %0A that is text');
      log.warning('two\nlines', {
        file: 'dir,a/b:c.ts',
        startLine: 3,
        startColumn: 5,
        endColumn: 9,
        title: 'rule: x',
      });
    });
    summary.heading('done');
    return {
      outputs: { multi: 'first\nsecond\n', tricky: 'a=b<<c', count: 3 },
      ...(inputs.verdict === 'fail' ? { failure: 'it failed' } : {}),
    };
  },
});

describe("the kit's runner host, read back as the runner reads it", () => {
  it('masks secrets first, then writes groups, annotations, outputs and the summary', async () => {
    const r = runner({ token: 'line-one\nline-two' });
    await executeAction(talker, r.host);

    const all = r.commands();
    // The secret itself first, then every other form the kit's redactor knows, before anything else.
    const masks = all.filter((c) => c.command === 'add-mask').map((c) => c.data);
    expect(all.slice(0, masks.length).every((c) => c.command === 'add-mask')).toBe(true);
    expect(masks[0]).toBe('line-one\nline-two');
    expect(masks).toEqual(new Redactor().add('line-one\nline-two'));
    const commands = all.slice(masks.length);
    expect(commands.map((c) => c.command)).toEqual(['group', 'warning', 'endgroup']);
    expect(commands[0]?.data).toBe('Phase: one, two');
    expect(commands[1]).toEqual({
      command: 'warning',
      properties: { file: 'dir,a/b:c.ts', line: '3', col: '5', endcolumn: '9', title: 'rule: x' },
      data: 'two\nlines',
    });
    expect(r.stdout()).toContain('plain line with 100% and a %0A that is text\n');

    const outputs = r.outputs();
    expect(outputs.error).toBeUndefined();
    expect(outputs.pairs).toEqual([
      ['multi', 'first\nsecond\n'],
      ['tricky', 'a=b<<c'],
      ['count', '3'],
    ]);
    expect(r.summary()).toBe('## done\n');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('fails with exit code 1 and one error line, after the outputs', async () => {
    const r = runner({ token: 't', verdict: 'fail' });
    try {
      await executeAction(talker, r.host);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = 0;
    }
    expect(r.commands().at(-1)).toEqual({ command: 'error', properties: {}, data: 'talker: it failed' });
    expect(r.outputs().pairs.map(([name]) => name)).toEqual(['multi', 'tricky', 'count']);
  });
});

// The kit writes the runner's protocol through @actions/core; these tests run an action through the kit in its
// own process and read what it wrote with the runner's own parsing rules (this package), so the two sides
// cannot drift apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redactor } from '@shipgate/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWorkflowCommand, runAction } from '../src/index';

const actionDir = join(import.meta.dirname, 'fixtures', 'talker');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function talk(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const workspace = mkdtempSync(join(tmpdir(), 'kit-protocol-'));
  dirs.push(workspace);
  const step = await runAction({ actionDir, workspace, runnerTemp: workspace, inputs, env });
  const commands = step.stdout
    .split('\n')
    .map((line) => parseWorkflowCommand(line.replace(/\r$/, '')))
    .filter((command) => command !== undefined);
  return { step, commands };
}

describe("the kit's runner host, read back as the runner reads it", () => {
  it('masks secrets first, then writes groups, annotations, outputs and the summary', async () => {
    const { step, commands: all } = await talk({ token: 'line-one\nline-two' });
    expect(step.errors).toEqual([]);
    expect(step.exitCode).toBe(0);

    // The secret itself first, then every other form the kit's redactor knows (its lines' too), before anything else.
    const masks = all.filter((c) => c.command === 'add-mask').map((c) => c.data);
    expect(all.slice(0, masks.length).every((c) => c.command === 'add-mask')).toBe(true);
    expect(masks[0]).toBe('line-one\nline-two');
    const forms = new Redactor().add('line-one\nline-two');
    expect(masks).toEqual([...new Set(['line-one\nline-two', ...forms])]);
    const commands = all.slice(masks.length);
    expect(commands.map((c) => c.command)).toEqual(['group', 'warning', 'endgroup']);
    expect(commands[0]?.data).toBe('Phase: one, two');
    expect(commands[1]).toEqual({
      command: 'warning',
      properties: { file: 'dir,a/b:c.ts', line: '3', col: '5', endcolumn: '9', title: 'rule: x' },
      data: 'two\nlines',
    });
    expect(step.stdout).toContain('plain line with 100% and a %0A that is text\n');

    expect(step.outputs).toEqual({
      multi: 'first\nsecond\n',
      tricky: 'a=b<<c',
      count: '3',
      run: JSON.stringify({ repository: '', apiUrl: 'https://api.github.com', runId: '1000000001' }),
    });
    expect(step.summary).toBe('## done\n');
  });

  it("reads the run's context as @actions/github gives it: GitHub Enterprise Server's API URL with no setting", async () => {
    const { step } = await talk(
      { token: 'a-token-value' },
      { GITHUB_REPOSITORY: 'octo/app', GITHUB_API_URL: 'https://ghe.example/api/v3' },
    );
    expect(JSON.parse(step.outputs.run ?? '')).toEqual({
      repository: 'octo/app',
      apiUrl: 'https://ghe.example/api/v3',
      runId: '1000000001',
    });
  });

  it('fails with exit code 1 and one error line, after the outputs', async () => {
    const { step, commands } = await talk({ token: 'a-token-value', verdict: 'fail' });
    expect(step.exitCode).toBe(1);
    expect(commands.at(-1)).toEqual({ command: 'error', properties: {}, data: 'talker: it failed' });
    expect(step.annotations.filter((a) => a.level === 'error')).toHaveLength(1);
    expect(Object.keys(step.outputs)).toEqual(['multi', 'tricky', 'count', 'run']);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../src/cli';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
let root: string;
let actions: string;
let workspace: string;

// A throwaway action that echoes its inputs and what the runner told it, using only fs and console.log.
const main = `import { appendFileSync } from 'node:fs';
const out = (text) => appendFileSync(process.env.GITHUB_OUTPUT, text);
out('target=' + process.env.INPUT_TARGET + '\\n');
out('mode=' + process.env['INPUT_FAIL-ON'] + '\\n');
out('event=' + process.env.GITHUB_EVENT_NAME + '\\n');
out('cwd=' + process.cwd() + '\\n');
out('report<<EOF\\n' + JSON.stringify({ items: Array.from({ length: 30 }, (_, i) => 'item-' + i) }) + '\\nEOF\\n');
console.log('::group::Checking');
console.log('looked at ' + process.env.INPUT_TARGET);
console.log('::endgroup::');
console.log('::error file=src/app.ts,line=4,col=2,title=no%3A remix::forbidden import');
appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## Result\\n\\n| File | Count |\\n| --- | ---: |\\n| a.ts | 1 |\\n');
process.exitCode = process.env.INPUT_TARGET === 'bad' ? 1 : 0;
`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shipgate-cli-test-'));
  actions = join(root, 'actions');
  workspace = join(root, 'ws');
  mkdirSync(join(actions, 'echo', 'dist'), { recursive: true });
  mkdirSync(workspace);
  writeFileSync(
    join(actions, 'echo', 'action.yml'),
    `name: shipgate echo
description: Echoes its inputs back.
inputs:
  target:
    description: What to look at.
    required: true
  fail-on:
    description: When to fail.
    default: error
  aim:
    description: The old name of target.
    deprecationMessage: Use target instead.
  loud:
    description: Say more.
    default: 'false'
outputs:
  target:
    description: The target.
runs:
  using: node24
  main: dist/index.js
`,
  );
  writeFileSync(join(actions, 'echo', 'dist', 'index.js'), main);
  writeFileSync(join(actions, 'echo', 'dist', 'package.json'), '{"type":"module"}');
  // An action that waits until a file appears in its workspace: it ends only if its log is seen while it runs.
  mkdirSync(join(actions, 'waiter', 'dist'), { recursive: true });
  writeFileSync(
    join(actions, 'waiter', 'action.yml'),
    'name: waiter\ndescription: Waits for a go file.\nruns:\n  using: node24\n  main: dist/index.js\n',
  );
  writeFileSync(
    join(actions, 'waiter', 'dist', 'index.js'),
    `import { existsSync } from 'node:fs';
console.log('waiting for the go file');
const timer = setInterval(() => {
  if (!existsSync('go')) return;
  clearInterval(timer);
  console.log('went');
}, 20);
`,
  );
  writeFileSync(join(actions, 'waiter', 'dist', 'package.json'), '{"type":"module"}');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function io(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: { SHIPGATE_ACTIONS_DIR: actions, PATH: process.env.PATH },
    cwd: workspace,
    out: () => out,
    err: () => err,
  };
}

describe('shipgate', () => {
  it('lists the actions, one line each, in --help and with no arguments: one screen', async () => {
    for (const argv of [['--help'], []]) {
      const streams = io();
      expect(await runCli(argv, streams)).toBe(0);
      expect(streams.out()).toContain('SHIPGATE_ACTIONS_DIR');
      expect(streams.out()).toContain('\n  echo    Echoes its inputs back\n  waiter  Waits for a go file\n');
      expect(streams.out()).toContain('shipgate <action> --help');
      expect(streams.out()).not.toContain('--target');
      expect(streams.out().split('\n').length).toBeLessThanOrEqual(40);
    }
  });

  it("shows an action's inputs and outputs with <action> --help", async () => {
    const streams = io();
    expect(await runCli(['echo', '--help'], streams)).toBe(0);
    expect(streams.out()).toContain('Outputs\n    target\n        The target.');
    // A deprecated alias still runs but is not offered.
    expect(streams.out()).toContain('--fail-on');
    expect(streams.out()).not.toContain('--aim');
  });

  it('rejects an unknown action or input in one line listing the allowed names, exit 2', async () => {
    const a = io();
    expect(await runCli(['nope'], a)).toBe(2);
    expect(a.err()).toBe("shipgate: unknown action 'nope'; available: echo, waiter\n");
    const b = io();
    expect(await runCli(['echo', '--taget', 'x'], b)).toBe(2);
    expect(b.err()).toMatch(
      /^shipgate: unknown input --taget for echo; allowed: --target, --fail-on, --loud, --output-file,[^\n]*\n$/,
    );
  });

  it('refuses an --output-file or --summary-file it cannot write, before the action runs, and never hangs on one', async () => {
    for (const [option, file, problem] of [
      ['--output-file', '/proc/nonexistent/x.json', 'cannot make the folder /proc/nonexistent (ENOENT)'],
      ['--summary-file', workspace, 'it is a folder'],
    ] as const) {
      const streams = io();
      expect(await runCli(['echo', '--target', 'x', option, file], streams)).toBe(2);
      expect(streams.err()).toBe(`shipgate: ${option} ${file}: ${problem}\n`);
      expect(streams.out()).toBe('');
    }
    const nested = join(root, 'records', 'deep', 'outputs.json');
    expect(await runCli(['echo', '--target', 'x', '--output-file', nested], io())).toBe(0);
    expect(JSON.parse(readFileSync(nested, 'utf8'))).toMatchObject({ target: 'x' });
  });

  it('takes a bare --<input> as true only for a boolean input; any other needs its value, exit 2', async () => {
    const missing = io();
    expect(await runCli(['echo', '--target'], missing)).toBe(2);
    expect(missing.err()).toBe('shipgate: --target needs a value (--target <value> or --target=<value>)\n');
    const followed = io();
    expect(await runCli(['echo', '--fail-on', '--target', 'x'], followed)).toBe(2);
    expect(followed.err()).toContain('--fail-on needs a value');
    const flag = io();
    expect(await runCli(['echo', '--target', 'x', '--loud', '--workspace', workspace], flag)).toBe(0);
  });

  it('runs the action and prints its log, annotations, summary and outputs', async () => {
    const streams = io();
    expect(await runCli(['echo', '--target', 'src', '--fail-on=warning'], streams)).toBe(0);
    const text = streams.out();
    expect(text).toContain('▸ Checking\nlooked at src\n');
    expect(text).toContain('error    src/app.ts:4:2  forbidden import  [no: remix]');
    expect(text).toContain('Result\n──────\n\nFile  Count\n────  ─────\na.ts      1');
    expect(text).toMatch(
      /outputs:\n {2}target += src\n {2}mode += warning\n {2}event += \n {2}cwd += .*\n {2}report += \{"items":.*use --json/,
    );
    expect(text.includes('\u001b[')).toBe(false);
  });

  it('shows the log as the action writes it, not only at its end', async () => {
    const streams = io();
    const go = join(workspace, 'go');
    rmSync(go, { force: true });
    let written = '';
    streams.stdout.write = (text: string) => {
      written += text;
      // The action is still running when its first line arrives: the go file lets it end.
      if (text.includes('waiting for the go file')) writeFileSync(go, '');
      return true;
    };
    try {
      expect(await runCli(['waiter'], streams)).toBe(0);
    } finally {
      rmSync(go, { force: true });
    }
    expect(written).toMatch(/^waiting for the go file\nwent\n\n✓ waiter succeeded/);
  });

  it('with --json prints only the outputs on stdout and writes --output-file; exits like the action', async () => {
    const streams = io();
    const code = await runCli(
      ['echo', '--target', 'bad', '--json', '--output-file', 'out.json', '--event', 'schedule'],
      streams,
    );
    expect(code).toBe(1);
    const outputs = JSON.parse(streams.out());
    expect(outputs).toMatchObject({ target: 'bad', mode: 'error', event: 'schedule', cwd: workspace });
    expect(JSON.parse(readFileSync(join(workspace, 'out.json'), 'utf8'))).toEqual(outputs);
    expect(streams.err()).toContain('✗ echo failed (exit code 1)');
  });

  it('writes the step summary Markdown to --summary-file, beside the outputs of --output-file', async () => {
    const streams = io();
    const code = await runCli(
      [
        'echo',
        '--target',
        'bad',
        '--summary-file',
        'records/summary.md',
        '--output-file',
        'records/out.json',
      ],
      streams,
    );
    expect(code).toBe(1);
    expect(readFileSync(join(workspace, 'records', 'summary.md'), 'utf8')).toBe(
      '## Result\n\n| File | Count |\n| --- | ---: |\n| a.ts | 1 |\n',
    );
    expect(JSON.parse(readFileSync(join(workspace, 'records', 'out.json'), 'utf8'))).toMatchObject({
      target: 'bad',
    });
    const help = io();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out()).toContain('--summary-file FILE');
    const missing = io();
    expect(await runCli(['echo', '--target', 'x', '--summary-file'], missing)).toBe(2);
    expect(missing.err()).toBe('shipgate: --summary-file needs a value\n');
  });

  it('runs from its entry file with the exit code of the action', () => {
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    const run = spawnSync(
      tsx,
      [join(repoRoot, 'packages/cli/src/main.ts'), 'echo', '--target', 'bad', '--json'],
      {
        cwd: workspace,
        env: { PATH: process.env.PATH, SHIPGATE_ACTIONS_DIR: actions },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).target).toBe('bad');
  });

  it('builds a pull_request event from the workspace git when no --event-path is given', async () => {
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', '-c', 'commit.gpgsign=false', ...args],
        {
          cwd: workspace,
        },
      );
    git('init', '--quiet', '--initial-branch', 'main');
    git('commit', '--quiet', '--allow-empty', '-m', 'base');
    git('checkout', '--quiet', '-b', 'feature');
    const streams = io();
    expect(await runCli(['echo', '--target', 'x', '--event', 'pull_request', '--json'], streams)).toBe(0);
    expect(JSON.parse(streams.out()).event).toBe('pull_request');
    const bad = io();
    expect(await runCli(['echo', '--target', 'x', '--event', 'release'], bad)).toBe(2);
    expect(bad.err()).toContain(
      "unknown event 'release'; allowed: pull_request, workflow_dispatch, schedule, push",
    );
  });
});

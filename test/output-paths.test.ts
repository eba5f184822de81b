// Every input naming a file an action writes (records, reports, SARIF, JUnit, the evidence manifest, a baseline)
// must lead, after symbolic links, inside the workspace or RUNNER_TEMP. Each is given a path under /proc (where
// a recursive mkdir never returns: these inputs used to hang), a link out of the workspace, a path climbing out
// of it, and a folder, through the bundles against the Fly and GitHub sandboxes: one `::error::` line naming the
// input, exit 1, promptly, nothing written outside and no request that changes anything. A control run per
// action writes every such file at a good path, so the refusals are the paths' doing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describeInputs } from '@shipgate/kit';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionsDir, runStep, tempDir } from './harness/index';
import { type OkSite, startOkSite } from './harness/ok-site';
import { scaledTimeout } from './harness/timeouts';
import { actionDefinition, actionNames, type ValidRun, validRuns } from './harness/valid-runs';

const repoRoot = join(import.meta.dirname, '..');
const flyToken = 'fm2_sandbox_output_paths_5e2b7c1d';
const githubToken = 'ghs_sandboxOutputPaths3c9d1e7f2a';
const commit = '3f6c0a1e9b2d4c5f8a7e6d5c4b3a29181716f5e4';
/** The goal for any bad input is one error line within 5 s; a slow host scales it. */
const refusalTimeoutMs = scaledTimeout(5_000);

/** The file-writing inputs this test must find; any other the kit says writes a file is tried too. */
const knownOutputInputs = [
  'canary-promote record-file',
  'evidence-gate manifest',
  'fly-deploy record-file',
  'rollback record-out-file',
  'secret-mirror report-file',
  'smoke-test junit-file',
  'smoke-test report-file',
  'stack-guard report-file',
  'stack-guard sarif-file',
  'stack-guard write-baseline',
];

let fly: FlySandbox;
let github: GitHubSandbox;
let site: OkSite;
/** A folder outside every workspace and RUNNER_TEMP; the links in the workspaces point into it. */
let outside: string;
let setups: Map<string, ValidRun>;

const actions = actionNames();

/** Every input of every action.yml that the kit reads as a file to write, as `action input`. */
async function outputInputs(): Promise<string[]> {
  const found: string[] = [];
  for (const action of actions) {
    const manifest = parse(readFileSync(join(actionsDir, action, 'action.yml'), 'utf8')) as {
      inputs?: Record<string, unknown>;
    };
    const infos = describeInputs((await actionDefinition(action)).inputs);
    for (const input of Object.keys(manifest.inputs ?? {})) {
      if (infos[input]?.kind === 'output-file') found.push(`${action} ${input}`);
    }
  }
  return found;
}

const writtenFileExpected = 'a file to write in the workspace or RUNNER_TEMP';
const found = await outputInputs();

const badPaths = [
  { label: 'under /proc', value: '/proc/nonexistent/x', why: 'which is outside both' },
  { label: 'through a link out of the workspace', value: 'escape/x.json', why: 'which leads to ' },
  { label: 'climbing out of the workspace', value: '../../outside', why: 'which is outside both' },
  { label: 'a folder', value: 'folder', why: 'which is a folder' },
];

const cases = found.flatMap((entry) => {
  const [action = '', input = ''] = entry.split(' ');
  return badPaths.map((bad) => ({ action, input, ...bad }));
});

/** Requests that change something on Fly or GitHub. */
function changes(): string[] {
  const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);
  return [...fly.requests, ...github.requests]
    .filter((request) => !readOnly.has(request.method))
    .map((request) => `${request.method} ${request.path}`);
}

function runEnv(): Record<string, string> {
  return { GITHUB_API_URL: github.apiUrl, GITHUB_REPOSITORY: 'shop-co/output-paths', GITHUB_SHA: commit };
}

beforeAll(async () => {
  fly = await startFlySandbox({ token: flyToken, timeScale: 0.02 });
  github = await startGitHubSandbox({ token: githubToken });
  site = await startOkSite();
  outside = tempDir('outside');
  setups = await validRuns({
    fly,
    flyToken,
    github,
    githubToken,
    siteUrl: site.url,
    prefix: 'output-paths',
  });
  // In each workspace: a folder, and a link to the folder outside.
  for (const { workspace } of setups.values()) {
    mkdirSync(join(workspace, 'folder'));
    symlinkSync(outside, join(workspace, 'escape'));
  }
  fly.resetRequests();
  github.resetRequests();
});

afterAll(async () => {
  await fly?.close();
  await github?.close();
  await site?.close();
});

describe('inputs naming a file to write', () => {
  it('are found in every action that writes one', () => {
    expect(found).toEqual(expect.arrayContaining(knownOutputInputs));
  });

  it.each(cases.map((item) => [`${item.action} ${item.input}`, item.label, item] as const))(
    '%s %s: one error line naming the input, exit 1, promptly, nothing written or changed',
    async (_name, _label, { action, input, value, why }) => {
      const setup = setups.get(action);
      if (!setup) throw new Error(`no setup for ${action}`);
      const step = await runStep(action, {
        workspace: setup.workspace,
        inputs: { ...setup.inputs, [input]: value },
        env: { ...runEnv(), ...setup.env },
        token: githubToken,
        secrets: [flyToken, githubToken],
        timeoutMs: refusalTimeoutMs,
      });
      expect(step.timedOut, step.log).toBe(false);
      expect(step.exitCode, step.log).toBe(1);
      const errors = step.annotations
        .filter((entry) => entry.level === 'error')
        .map((entry) => entry.message);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(
        `${action}: Input '${input}' must be ${writtenFileExpected}; got '${value}', ${why}`,
      );
      expect(readdirSync(outside)).toEqual([]);
      expect(changes()).toEqual([]);
    },
  );
});

describe('the same actions with good paths (the control)', () => {
  it.each(actions)('%s writes every file it is given, creating its folders', async (action) => {
    const setup = setups.get(action);
    if (!setup) throw new Error(`no setup for ${action}`);
    const inputs = found
      .filter((entry) => entry.startsWith(`${action} `))
      .map((entry) => entry.split(' ')[1]!);
    const step = await runStep(action, {
      workspace: setup.workspace,
      inputs: { ...setup.inputs, ...Object.fromEntries(inputs.map((input) => [input, `out/new/${input}`])) },
      env: { ...runEnv(), ...setup.env },
      token: githubToken,
      secrets: [flyToken, githubToken],
    });
    expect(step.exitCode, step.log).toBe(0);
    for (const input of inputs)
      expect(existsSync(join(setup.workspace, 'out', 'new', input)), input).toBe(true);
  });

  it('the command line allows its --workspace, else the current folder, and nothing outside', () => {
    const workspace = setups.get('stack-guard')?.workspace as string;
    const shipgate = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [join(repoRoot, 'packages', 'cli', 'bin', 'shipgate.js'), 'stack-guard', '--scope', 'full', ...args],
        { cwd: workspace, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: workspace } },
      );
    const refused = shipgate('--report-file', join(outside, 'report.json'));
    expect(refused.status).toBe(1);
    expect(`${refused.stdout}${refused.stderr}`).toContain(
      `Input 'report-file' must be ${writtenFileExpected}; got '${join(outside, 'report.json')}', which is outside both`,
    );
    expect(readdirSync(outside)).toEqual([]);
    const written = shipgate('--report-file', 'cli/report.json');
    expect(written.status, written.stdout + written.stderr).toBe(0);
    expect(existsSync(join(workspace, 'cli', 'report.json'))).toBe(true);
  });
});

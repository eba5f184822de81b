import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FlySandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoToken, flyTomlWorkspace, machineImages, runStep, versionsServed } from './harness/index';

const repoRoot = join(import.meta.dirname, '..');
const token = 'fm2_sandbox_5e0a7c3b9d1f2468';
const v1 = 'registry.fly.io/shop-app:v1';
const v2 = 'registry.fly.io/shop-app:v2';
const flaky = 'registry.fly.io/shop-app:flaky-v2';

let sandbox: FlySandbox;

beforeAll(async () => {
  sandbox = await startFlySandbox({ token, timeScale: 0.02 });
});

afterAll(async () => {
  await sandbox?.close();
});

/** Short bakes at a high probe rate: each step measures ~40 requests per side in 2 s. */
function promoteInputs(
  app: string,
  image: string,
  more: Record<string, string> = {},
): Record<string, string> {
  return {
    image,
    steps: '1, 50%, 100%',
    bake: '2s',
    'probe-rate': '20',
    'min-samples': '20',
    paths: '/, /version',
    'fly-api-url': sandbox.apiUrl,
    'app-url': sandbox.appUrl(app),
    'wait-timeout': '20s',
    ...more,
  };
}

describe('canary-promote against the Fly sandbox', () => {
  it('promotes a healthy image in measured steps, records a GitHub deployment, and rollback undoes it from the record', async () => {
    const app = 'canary-healthy';
    await sandbox.createApp(app, { machines: 4, image: v1 });
    const github = await startGitHubSandbox();
    try {
      github.addRepository('shop-co', 'shop-app', { environments: ['production'] });
      const env = {
        FLY_API_TOKEN: token,
        GITHUB_REPOSITORY: 'shop-co/shop-app',
        GITHUB_SHA: 'b'.repeat(40),
        GITHUB_API_URL: github.apiUrl,
        GITHUB_RUN_ID: '77',
      };
      const step = await runStep('canary-promote', {
        workspace: flyTomlWorkspace(app),
        inputs: promoteInputs(app, v2, {
          'github-token': github.token,
          'github-environment': 'production',
          // The commit promoted, older than the run's own (a dispatch from main's tip).
          commit: 'c'.repeat(40),
        }),
        secrets: [token],
        env,
      });
      expect(step.outcome, step.log).toBe('success');
      expect(step.outputs).toMatchObject({
        decision: 'promoted',
        'step-reached': '3',
        steps: '3',
        image: v2,
        'previous-image': v1,
        'app-url': sandbox.appUrl(app),
      });
      expect(machineImages(sandbox, app)).toEqual([v2, v2, v2, v2]);
      expect(await versionsServed(sandbox, app, 16)).toEqual(new Set(['v2']));

      const record = JSON.parse(readFileSync(step.outputs['record-file'] as string, 'utf8'));
      expect(record.strategy).toBe('canary');
      expect(record.canary.steps.map((entry: { moved: string[] }) => entry.moved.length)).toEqual([1, 1, 2]);
      expect(step.summary).toContain('canary-promote: shop-app:v2 promoted in 3 steps');
      expect(step.summary).toMatch(/\| 1: 1 machine \| 1 of 4 \| \d+ \/ \d+ \|/);
      expect(step.summary).toContain('xychart-beta');
      expect(step.log).toMatch(/step 1 of 3 \(1 machine\): continue/);
      expectNoToken(step, token);

      const deployments = github.deployments('shop-co', 'shop-app');
      expect(deployments.map((deployment) => deployment.statuses.map((status) => status.state))).toEqual([
        ['in_progress', 'success'],
      ]);
      expect(deployments[0]?.statuses[1]?.environmentUrl).toBe(sandbox.appUrl(app));
      expect(deployments[0]?.sha).toBe('c'.repeat(40));
      expect(github.specViolations).toEqual([]);

      const back = await runStep('rollback', {
        inputs: {
          app,
          'record-file': step.outputs['record-file'] as string,
          'fly-api-url': sandbox.apiUrl,
          'wait-timeout': '20s',
        },
        env: { FLY_API_TOKEN: token },
      });
      expect(back.outcome, back.log).toBe('success');
      expect(machineImages(sandbox, app)).toEqual([v1, v1, v1, v1]);
    } finally {
      await github.close();
    }
  });

  it('aborts a canary that answers errors, puts it back on the baseline, and fails the step', async () => {
    const app = 'canary-flaky';
    await sandbox.createApp(app, { machines: 4, image: v1 });
    const step = await runStep('canary-promote', {
      workspace: flyTomlWorkspace(app),
      inputs: promoteInputs(app, flaky),
      env: { FLY_API_TOKEN: token },
    });
    expect(step.outcome).toBe('failure');
    expect(step.outputs).toMatchObject({ decision: 'aborted', 'step-reached': '1', 'previous-image': v1 });
    expect(machineImages(sandbox, app)).toEqual([v1, v1, v1, v1]);
    expect(await versionsServed(sandbox, app, 16)).toEqual(new Set(['v1']));
    expect(step.annotations.at(-1)?.message).toMatch(
      /^canary-promote: step 1 of 3 \(1 machine\) aborted: .*(error rate|server errors)/,
    );
    expect(step.summary).toContain('aborted at step 1 of 3; the canaries are back on shop-app:v1');
    const record = JSON.parse(readFileSync(step.outputs['record-file'] as string, 'utf8'));
    expect(record.outcome).toBe('rolled-back');
    expect(record.machines.map((machine: { final: string }) => machine.final)).toEqual(['previous']);
  });

  it('fails bad input with one line naming it, before touching any machine', async () => {
    const app = 'canary-inputs';
    await sandbox.createApp(app, { machines: 2, image: v1 });
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ steps: '1, 30x, 100%' }, /Input 'steps': '30x' is not a count or a percentage/],
      [{ bake: 'soon' }, /Input 'bake' must be a duration/],
      [{ burst: 'lots' }, /Input 'burst' must be '<errors> in <requests>'/],
      [{ 'max-error-rate': '150%' }, /Input 'max-error-rate' must be a percentage/],
      [{ confidence: '2' }, /Input 'confidence' must be a number from 0.5/],
      [
        { 'prometheus-queries': '- name: x\n  query: up\n  max: 1' },
        /Input 'prometheus-url' and input 'prometheus-queries' go together: give both or neither\./,
      ],
    ];
    for (const [inputs, message] of cases) {
      const step = await runStep('canary-promote', {
        workspace: flyTomlWorkspace(app),
        inputs: promoteInputs(app, v2, inputs),
        env: { FLY_API_TOKEN: token },
      });
      expect(step.outcome).toBe('failure');
      const errors = step.annotations.filter((annotation) => annotation.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(message);
      expect(step.log).not.toMatch(/\n\s+at /);
    }
    expect(machineImages(sandbox, app)).toEqual([v1, v1]);
    const missing = await runStep('canary-promote', { inputs: promoteInputs(app, v2) });
    expect(missing.outcome).toBe('failure');
    expect(missing.log).toMatch(/fly-api-token/);
  });

  it('runs through the shipgate command line', async () => {
    const app = 'canary-cli';
    await sandbox.createApp(app, { machines: 2, image: v1 });
    const cwd = flyTomlWorkspace(app);
    const shipgate = join(repoRoot, 'node_modules', '.bin', 'shipgate');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        shipgate,
        'canary-promote',
        '--image',
        v2,
        '--steps',
        '1, 100%',
        '--bake',
        '2s',
        '--probe-rate',
        '20',
        '--min-samples',
        '20',
        '--fly-api-url',
        sandbox.apiUrl,
        '--app-url',
        sandbox.appUrl(app),
        '--json',
      ],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, FLY_API_TOKEN: token } },
    );
    expect(JSON.parse(stdout)).toMatchObject({ decision: 'promoted', 'step-reached': '2', image: v2 });
    expect(stdout + stderr).not.toContain(token);
    expect(machineImages(sandbox, app)).toEqual([v2, v2]);
  });
});

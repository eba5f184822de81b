// What users see while an action runs, through each bundle: its phases as groups of the log (never nested, each
// ended before the step's failure line), and a progress line during a long wait. SHIPGATE_PROGRESS_INTERVAL
// shortens the kit's 30-s interval so that a wait of a few seconds shows its progress lines.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { StepResult } from '@shipgate/runner';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRepo, flyTomlWorkspace, runStep, tempDir } from './harness/index';

const repoRoot = join(import.meta.dirname, '..');
const flyToken = 'fm2_sandbox_phases_7d3e1a9c5b';
const githubToken = 'ghs_sandboxPhasesToken8b2e4d';
const v1 = 'registry.fly.io/shop-app:v1';
const v2 = 'registry.fly.io/shop-app:v2';
const progress = { SHIPGATE_PROGRESS_INTERVAL: '400ms' };

let fly: FlySandbox;
let github: GitHubSandbox;

beforeAll(async () => {
  fly = await startFlySandbox({ token: flyToken, timeScale: 0.02 });
  github = await startGitHubSandbox({ token: githubToken });
});

afterAll(async () => {
  await fly?.close();
  await github?.close();
});

/**
 * The titles of a step's groups, in order. Fails on a group opened inside another (the runner does not nest
 * them), on one left open, and on the step's failure line (`<action>: …`, an error without a file) inside one.
 */
function groupsOf(step: StepResult, action: string): string[] {
  const titles: string[] = [];
  let open: string | undefined;
  for (const entry of step.entries) {
    if (entry.type === 'group') {
      expect(open, `group '${entry.title}' opened inside '${open}'`).toBeUndefined();
      open = entry.title;
      titles.push(entry.title);
    } else if (entry.type === 'endgroup') {
      expect(open, 'an endgroup with no group open').toBeDefined();
      open = undefined;
    } else if (entry.type === 'annotation' && entry.annotation.message.startsWith(`${action}: `)) {
      expect(open, `the failure line inside group '${open}'`).toBeUndefined();
    }
  }
  expect(open, `group '${open}' never ended`).toBeUndefined();
  return titles;
}

const flyInputs = (app: string, more: Record<string, string> = {}) => ({
  'fly-api-url': fly.apiUrl,
  'app-url': fly.appUrl(app),
  'wait-timeout': '20s',
  ...more,
});

describe('phases and progress in each action, bundled', () => {
  it('fly-deploy and rollback: the deploy and the record are phases; a failed deploy ends its group before the failure line', async () => {
    const app = 'phases-deploy';
    await fly.createApp(app, { machines: 2, image: v1 });
    const deployed = await runStep('fly-deploy', {
      workspace: flyTomlWorkspace(app),
      inputs: flyInputs(app, { image: v2 }),
      env: { FLY_API_TOKEN: flyToken },
      secrets: [flyToken],
    });
    expect(deployed.outcome, deployed.log).toBe('success');
    expect(groupsOf(deployed, 'fly-deploy')).toEqual([
      `Deploying shop-app:v2 to ${app} (rolling)`,
      'Release record',
    ]);
    expect(deployed.log).toMatch(
      /▸ Deploying[^▸]*machine \S+ \[app\] healthy[^▸]*▸ Release record\nrelease record: /,
    );

    const back = await runStep('rollback', {
      workspace: flyTomlWorkspace(app),
      inputs: flyInputs(app, { 'record-file': deployed.outputs['record-file'] as string }),
      env: { FLY_API_TOKEN: flyToken },
      secrets: [flyToken],
    });
    expect(back.outcome, back.log).toBe('success');
    expect(groupsOf(back, 'rollback')).toEqual([`Rolling back ${app}`, 'Release record']);

    const failed = await runStep('fly-deploy', {
      workspace: flyTomlWorkspace(app),
      inputs: flyInputs(app, { image: 'registry.fly.io/shop-app:unhealthy-v3', 'wait-timeout': '3s' }),
      env: { FLY_API_TOKEN: flyToken, ...progress },
      secrets: [flyToken],
    });
    expect(failed.outcome).toBe('failure');
    expect(groupsOf(failed, 'fly-deploy')).toEqual([
      `Deploying shop-app:unhealthy-v3 to ${app} (rolling)`,
      'Release record',
    ]);
    expect(failed.annotations.at(-1)?.message).toMatch(/^fly-deploy: .*health checks/);
    // Nothing else is logged while a machine fails its checks until the deadline: the wait names itself.
    expect(failed.log).toMatch(
      /\nstill waiting for machine \S+ \[app\] to pass its health checks \(\d+s\)\n/,
    );
  });

  it('canary-promote: a group for each step’s move and bake, and a bake says how far it has come while it runs', async () => {
    const app = 'phases-canary';
    await fly.createApp(app, { machines: 2, image: v1 });
    const step = await runStep('canary-promote', {
      workspace: flyTomlWorkspace(app),
      inputs: flyInputs(app, {
        image: v2,
        steps: '1, 100%',
        bake: '3s',
        'probe-rate': '20',
        'min-samples': '20',
      }),
      env: { FLY_API_TOKEN: flyToken, ...progress },
      secrets: [flyToken],
    });
    expect(step.outcome, step.log).toBe('success');
    expect(groupsOf(step, 'canary-promote')).toEqual([
      'step 1 of 2 (1 machine): 1 machine to registry.fly.io/shop-app:v2',
      'step 1 of 2 (1 machine): baking 3s, 1 canary vs 1 baseline machine',
      'promotion: 1 machine to registry.fly.io/shop-app:v2',
      'Release record',
    ]);
    // Nothing else is logged while the probes measure: the kit's progress line names the bake and its count.
    expect(step.log).toMatch(
      /▸ step 1 of 2 \(1 machine\): baking 3s[^▸]*\nstill waiting for step 1 of 2 \(1 machine\) to finish its 3s bake: \d+ canary requests \(0 errors\) and \d+ baseline so far \(\d+s\)\n/,
    );
  });

  it('smoke-test: readiness, the checks and the report are phases; a slow readiness wait logs progress', async () => {
    let requests = 0;
    // The first answer comes after a second: the wait has no poll line of its own until then.
    const server = createServer((_request, response) => {
      requests++;
      setTimeout(() => response.end('ok'), requests === 1 ? 1_500 : 0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const step = await runStep('smoke-test', {
        inputs: { 'base-url': url, paths: '/', 'ready-timeout': '30' },
        env: progress,
      });
      expect(step.outcome, step.log).toBe('success');
      expect(groupsOf(step, 'smoke-test')).toEqual([
        `Waiting for ${url}/ to be ready`,
        'Running 1 checks × 3',
        'Report',
      ]);
      expect(step.log).toContain(`still waiting for ${url}/ to be ready (`);
    } finally {
      server.close();
    }
  });

  it('stack-guard: the policy, the scan and the report are phases', async () => {
    const repo = fixtureRepo({ 'README.md': '# shop\n' });
    const step = await runStep('stack-guard', {
      workspace: repo.dir,
      inputs: { scope: 'full', preset: 'fly-supabase' },
    });
    expect(step.exitCode, step.log).toBe(0);
    expect(groupsOf(step, 'stack-guard')).toEqual(['Policy', 'Scan (full)', 'Report']);
  });

  it('evidence-gate: the evidence and the manifest are phases', async () => {
    const dir = tempDir('evidence');
    mkdirSync(join(dir, 'vitest'));
    copyFileSync(
      join(repoRoot, 'packages', 'evidence', 'test', 'fixtures', 'vitest', 'passing.json'),
      join(dir, 'vitest', 'passing.json'),
    );
    const step = await runStep('evidence-gate', {
      workspace: dir,
      inputs: { reports: 'vitest/passing.json', 'max-age': 'none' },
      env: { GITHUB_SHA: '3f6c0a1e9b2d4c5f8a7e6d5c4b3a29181716f5e4' },
    });
    expect(step.exitCode, step.log).toBe(0);
    expect(groupsOf(step, 'evidence-gate')).toEqual(['Evidence', 'Manifest']);
  });

  it('secret-mirror: sources, plan, writes, verification and report are phases; paced writes say how many are done', async () => {
    github.addRepository('shop-co', 'phases');
    const dir = tempDir('workspace');
    mkdirSync(join(dir, 'vault'));
    writeFileSync(
      join(dir, 'vault', 'staging.env'),
      'API_KEY="k-1a2b3c4d5e6f"\nSESSION_KEY="s-9f8e7d6c5b4a"\nWEBHOOK_KEY="w-0a1b2c3d4e5f"\n',
    );
    // Each secret write takes 700 ms: longer than the progress interval, as GitHub's paced writes are.
    const slow = github.faults.add({ kind: 'latency', method: 'PUT', path: '/secrets/[A-Z_]+$', ms: 700 });
    try {
      const step = await runStep('secret-mirror', {
        workspace: dir,
        inputs: {
          sources: 'vault/staging.env',
          'github-environment': 'staging',
          'create-environment': 'true',
          'github-api-url': github.apiUrl,
          'digest-key': 'phases-digest-key-5b0e9d2c',
        },
        env: { GITHUB_REPOSITORY: 'shop-co/phases', GH_TOKEN: githubToken, ...progress },
        secrets: [githubToken],
      });
      expect(step.outcome, step.log).toBe('success');
      expect(groupsOf(step, 'secret-mirror')).toEqual([
        'Sources',
        'Targets and plan',
        'Writing',
        'Verification',
        'Report',
      ]);
      expect(step.log).toContain(
        '▸ Verification\nverified 3 of 3 as the targets list them after the writes\n',
      );
      expect(step.log).toMatch(
        /still waiting for the writes to GitHub environment shop-co\/phases staging: [0-2] of 3 secrets written or deleted \(\d+s\)/,
      );
    } finally {
      github.faults.remove(slow);
    }
  });
});

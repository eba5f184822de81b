import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FlySandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoToken, machineImages, runStep, tempDir, versionsServed } from './harness/index';

const repoRoot = join(import.meta.dirname, '..');
const token = 'fm2_sandbox_9c1d7e2f4a6b8035';
const v1 = 'registry.fly.io/shop-app:v1';
const v2 = 'registry.fly.io/shop-app:v2';

let sandbox: FlySandbox;

beforeAll(async () => {
  sandbox = await startFlySandbox({ token, timeScale: 0.02 });
});

afterAll(async () => {
  await sandbox?.close();
});

/** A workspace holding the app's fly.toml, with checks fast enough for tests. */
function workspace(app: string, extra = ''): string {
  const dir = tempDir('workspace');
  writeFileSync(
    join(dir, 'fly.toml'),
    `app = "${app}"
primary_region = "iad"

[build]
  image = "${v2}"

[env]
  NODE_ENV = "production"

[deploy]
  strategy = "rolling"
${extra}
[http_service]
  internal_port = 3000
  force_https = true

  [[http_service.checks]]
    grace_period = "1s"
    interval = "2s"
    method = "GET"
    path = "/healthz"
    timeout = "2s"
`,
  );
  return dir;
}

function deployInputs(app: string | undefined, more: Record<string, string> = {}): Record<string, string> {
  const appUrl: Record<string, string> = app ? { 'app-url': sandbox.appUrl(app) } : {};
  return { 'fly-api-url': sandbox.apiUrl, ...appUrl, 'wait-timeout': '20s', ...more };
}

describe('fly-deploy and rollback against the Fly sandbox', () => {
  it('deploys v2 over three v1 machines, leaves a record, and the proxy answers v2', async () => {
    const app = 'shop-rolling';
    await sandbox.createApp(app, { machines: 3, image: v1 });
    const step = await runStep('fly-deploy', {
      workspace: workspace(app),
      inputs: deployInputs(app),
      secrets: [token],
      env: { FLY_API_TOKEN: token },
    });
    expect(step.outcome, step.log).toBe('success');
    expect(step.outputs).toMatchObject({
      outcome: 'succeeded',
      image: v2,
      'previous-image': v1,
      machines: '3',
      'app-url': sandbox.appUrl(app),
    });
    expect(machineImages(sandbox, app)).toEqual([v2, v2, v2]);
    expect(await versionsServed(sandbox, app)).toEqual(new Set(['v2']));
    const record = JSON.parse(readFileSync(step.outputs['record-file'] as string, 'utf8'));
    expect(record.machines).toHaveLength(3);
    expect(record.machines.every((machine: { final: string }) => machine.final === 'new')).toBe(true);
    expect(step.summary).toContain('```mermaid');
    expect(step.summary).toContain('gantt');
    expectNoToken(step, token);

    // A re-run converges: nothing to change.
    const again = await runStep('fly-deploy', {
      workspace: workspace(app),
      inputs: deployInputs(app),
      env: { FLY_API_TOKEN: token },
    });
    expect(again.outputs.outcome, again.log).toBe('unchanged');
  });

  it('rolls an unhealthy image back automatically and fails the step', async () => {
    const app = 'shop-bad-image';
    await sandbox.createApp(app, { machines: 3, image: v1 });
    const step = await runStep('fly-deploy', {
      workspace: workspace(app),
      inputs: deployInputs(app, { image: 'registry.fly.io/shop-app:unhealthy-v3', 'wait-timeout': '3s' }),
      env: { FLY_API_TOKEN: token },
    });
    expect(step.outcome).toBe('failure');
    expect(step.outputs.outcome).toBe('rolled-back');
    expect(step.annotations.at(-1)?.message).toMatch(/^fly-deploy: .*health checks/);
    // One error, the step's; the machine that failed is a warning on the way.
    expect(step.annotations.filter((annotation) => annotation.level === 'error')).toHaveLength(1);
    expect(machineImages(sandbox, app)).toEqual([v1, v1, v1]);
    expect(await versionsServed(sandbox, app)).toEqual(new Set(['v1']));
  });

  it('rolls back from the record, then converges on a re-run and redeploys', async () => {
    const app = 'shop-rollback';
    await sandbox.createApp(app, { machines: 2, image: v1 });
    const ws = workspace(app);
    const deployed = await runStep('fly-deploy', {
      workspace: ws,
      inputs: deployInputs(app, { 'record-file': 'release.json' }),
      env: { FLY_API_TOKEN: token },
    });
    expect(deployed.outputs.outcome, deployed.log).toBe('succeeded');

    const back = await runStep('rollback', {
      workspace: ws,
      inputs: { 'record-file': 'release.json', 'fly-api-url': sandbox.apiUrl, 'wait-timeout': '20s' },
      env: { FLY_API_TOKEN: token },
    });
    expect(back.outcome, back.log).toBe('success');
    expect(back.outputs).toMatchObject({ outcome: 'succeeded', image: v1, machines: '2' });
    expect(machineImages(sandbox, app)).toEqual([v1, v1]);
    expect(await versionsServed(sandbox, app)).toEqual(new Set(['v1']));

    const again = await runStep('rollback', {
      workspace: ws,
      inputs: { 'record-file': 'release.json', 'fly-api-url': sandbox.apiUrl },
      env: { FLY_API_TOKEN: token },
    });
    expect(again.outputs.outcome, again.log).toBe('unchanged');

    const redeployed = await runStep('fly-deploy', {
      workspace: ws,
      inputs: deployInputs(app),
      env: { FLY_API_TOKEN: token },
    });
    expect(redeployed.outputs.outcome, redeployed.log).toBe('succeeded');
    expect(machineImages(sandbox, app)).toEqual([v2, v2]);
  });

  it("rolls back from the machines' metadata with no record, and refuses an image that never ran", async () => {
    const app = 'shop-metadata';
    await sandbox.createApp(app, { machines: 2, image: v1 });
    const deployed = await runStep('fly-deploy', {
      workspace: workspace(app),
      inputs: deployInputs(app),
      env: { FLY_API_TOKEN: token },
    });
    expect(deployed.outputs.outcome, deployed.log).toBe('succeeded');

    const never = await runStep('rollback', {
      inputs: { app, image: 'registry.fly.io/shop-app:v0', 'fly-api-url': sandbox.apiUrl },
      env: { FLY_API_TOKEN: token },
    });
    expect(never.outcome).toBe('failure');
    expect(never.annotations.at(-1)?.message).toMatch(/never ran/);
    expect(machineImages(sandbox, app)).toEqual([v2, v2]);

    const back = await runStep('rollback', {
      inputs: { app, 'fly-api-url': sandbox.apiUrl, 'wait-timeout': '20s' },
      env: { FLY_API_TOKEN: token },
    });
    expect(back.outputs, back.log).toMatchObject({ outcome: 'succeeded', image: v1 });
    expect(machineImages(sandbox, app)).toEqual([v1, v1]);
  });

  it('records each release as a GitHub deployment of the commit when given a token', async () => {
    const app = 'shop-deployments';
    await sandbox.createApp(app, { machines: 2, image: v1 });
    const github = await startGitHubSandbox();
    try {
      github.addRepository('shop-co', 'shop-app', { environments: ['staging'] });
      const sha = 'a'.repeat(40);
      const runEnv = {
        FLY_API_TOKEN: token,
        GITHUB_REPOSITORY: 'shop-co/shop-app',
        GITHUB_SHA: sha,
        GITHUB_API_URL: github.apiUrl,
        GITHUB_RUN_ID: '4242',
      };
      const withGitHub = { 'github-token': github.token, 'github-environment': 'staging' };
      const good = await runStep('fly-deploy', {
        workspace: workspace(app),
        inputs: deployInputs(app, withGitHub),
        env: runEnv,
      });
      expect(good.outcome, good.log).toBe('success');
      const bad = await runStep('fly-deploy', {
        workspace: workspace(app),
        inputs: deployInputs(app, {
          ...withGitHub,
          image: 'registry.fly.io/shop-app:unhealthy-v3',
          'wait-timeout': '3s',
        }),
        env: runEnv,
      });
      expect(bad.outcome).toBe('failure');
      const back = await runStep('rollback', {
        inputs: { app, 'fly-api-url': sandbox.apiUrl, 'wait-timeout': '20s', ...withGitHub },
        env: runEnv,
      });
      expect(back.outcome, back.log).toBe('success');

      const deployments = github.deployments('shop-co', 'shop-app');
      expect(deployments.map((deployment) => [deployment.environment, deployment.sha])).toEqual([
        ['staging', sha],
        ['staging', sha],
        ['staging', sha],
      ]);
      const states = deployments.map((deployment) => deployment.statuses.map((status) => status.state));
      // A success marks every earlier deployment to the environment inactive (GitHub's auto_inactive).
      expect(states).toEqual([
        ['in_progress', 'success', 'inactive'],
        ['in_progress', 'failure', 'inactive'],
        ['in_progress', 'success'],
      ]);
      expect(deployments[0]?.statuses[1]?.environmentUrl).toBe(sandbox.appUrl(app));
      expect(deployments[0]?.statuses[0]?.logUrl).toBe(
        'https://github.com/shop-co/shop-app/actions/runs/4242',
      );
      expect(github.specViolations).toEqual([]);
    } finally {
      await github.close();
    }
  });

  it('stops with a clear error and changes nothing when another deploy holds a lease', async () => {
    const app = 'shop-leased';
    const [first] = await sandbox.createApp(app, { machines: 2, image: v1 });
    sandbox.faults.holdLease(app, first as string, 'deploy-bot@example.com');
    const step = await runStep('fly-deploy', {
      workspace: workspace(app),
      inputs: deployInputs(app),
      env: { FLY_API_TOKEN: token },
    });
    expect(step.outcome).toBe('failure');
    expect(step.annotations.at(-1)?.message).toContain(first as string);
    expect(step.annotations.at(-1)?.message).toMatch(/lease/i);
    expect(step.annotations.filter((annotation) => annotation.level === 'error')).toHaveLength(1);
    expect(machineImages(sandbox, app)).toEqual([v1, v1]);
  });

  it('says a refused token once: one error line, the 401 and its request id, nothing moved', async () => {
    const app = 'shop-wrong-token';
    await sandbox.createApp(app, { machines: 1, image: v1 });
    const step = await runStep('fly-deploy', {
      workspace: workspace(app),
      inputs: deployInputs(app),
      env: { FLY_API_TOKEN: 'fm2_not_the_sandbox_token_0000' },
    });
    expect(step.outcome).toBe('failure');
    const errors = step.annotations.filter((annotation) => annotation.level === 'error');
    expect(errors.map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(
        /^fly-deploy: could not list the machines of shop-wrong-token: .*401 Unauthorized.*\(request /,
      ),
    ]);
    expect(machineImages(sandbox, app)).toEqual([v1]);
  });

  it('undoes what it changed and releases every lease when the run is cancelled', async () => {
    const app = 'shop-canceled';
    await sandbox.createApp(app, { machines: 3, image: v1 });
    // The runner's cancel (SIGINT, then SIGTERM 7.5 s later, SIGKILL 2.5 s after) while the first machine is
    // being replaced.
    const step = await runStep('fly-deploy', {
      workspace: workspace(app),
      inputs: deployInputs(undefined),
      secrets: [token],
      env: { FLY_API_TOKEN: token },
      cancelWhen: (line) => /updating to/.test(line),
    });
    expect(step.signalsSent, step.log).toEqual(['SIGINT']);
    expect(step.exitCode, step.log).toBe(1);
    const lines = step.annotations.map(({ level, message }) => `${level}: ${message}`);
    expect(lines).toContain('warning: SIGINT: the run is being cancelled; stopping');
    // The step's verdict is the kit's line, last; the engine's own line about the release comes before it
    // (issue 16 makes a cancelled release say it once).
    expect(lines.filter((line) => line.startsWith('error: ')).at(-1)).toBe(
      'error: fly-deploy: cancelled (SIGINT): the deploy was canceled',
    );
    expect(step.log).toMatch(/rolled-back/);
    expect(machineImages(sandbox, app)).toEqual([v1, v1, v1]);
    expect(sandbox.machines(app).map((machine) => machine.leaseHolder)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it.each([
    [{ 'max-unavailable': '1.5' }, /^fly-deploy: Input 'max-unavailable' must be/],
    [{ 'wait-timeout': 'soon' }, /^fly-deploy: Input 'wait-timeout' must be/],
    [
      { strategy: 'yolo' },
      /^fly-deploy: Input 'strategy' must be one of rolling, immediate, bluegreen, canary/,
    ],
    [{ env: 'not a pair' }, /^fly-deploy: Input 'env' line 1 must be NAME=value/],
    [
      { config: 'missing.toml' },
      /^fly-deploy: Input 'config' must be a file to read, relative to the workspace; got 'missing.toml', which does not exist\.$/,
    ],
  ])('fails bad input %j with one line naming it', async (inputs, line) => {
    const step = await runStep('fly-deploy', {
      workspace: workspace('shop-inputs'),
      inputs: deployInputs(undefined, inputs),
      env: { FLY_API_TOKEN: token },
    });
    expect(step.exitCode).toBe(1);
    expect(step.annotations.map((a) => a.message)).toHaveLength(1);
    expect(step.annotations[0]?.message).toMatch(line);
  });

  it('asks for a token without printing anything secret', async () => {
    const step = await runStep('fly-deploy', {
      workspace: workspace('shop-token'),
      inputs: deployInputs(undefined),
    });
    expect(step.annotations.map((a) => a.message)).toEqual([
      "fly-deploy: Input 'fly-api-token' is required: pass a token from a secret, or set FLY_API_TOKEN.",
    ]);
  });

  it('refuses a token too short to be one, from the input or FLY_API_TOKEN, in one readable line', async () => {
    const expected = (where: string) =>
      `fly-deploy: Input 'fly-api-token' is too short for a token (fewer than 8 characters): pass the whole token, from a secret${where}.`;
    const requestsBefore = sandbox.requests.length;
    const fromInput = await runStep('fly-deploy', {
      workspace: workspace('shop-token'),
      inputs: deployInputs(undefined, { 'fly-api-token': 's' }),
    });
    // Masking a one-letter token would have turned this line into "Inpu*** 'fly-api-***oken'".
    expect(fromInput.annotations.map((a) => a.message)).toEqual([expected('')]);
    const fromEnv = await runStep('fly-deploy', {
      workspace: workspace('shop-token'),
      inputs: deployInputs(undefined),
      env: { FLY_API_TOKEN: 'FlyV1 s' },
    });
    expect(fromEnv.annotations.map((a) => a.message)).toEqual([expected(', or set FLY_API_TOKEN to it')]);
    // Refused before any call to the Machines API.
    expect(sandbox.requests.length).toBe(requestsBefore);
  });

  it('runs fly-deploy and rollback through the shipgate command line', async () => {
    const app = 'shop-cli';
    await sandbox.createApp(app, { machines: 2, image: v1 });
    const cwd = workspace(app);
    const run = promisify(execFile);
    const shipgate = join(repoRoot, 'node_modules', '.bin', 'shipgate');
    const env = { PATH: process.env.PATH ?? '', HOME: cwd, FLY_API_TOKEN: token };
    const deployed = await run(
      process.execPath,
      [shipgate, 'fly-deploy', '--fly-api-url', sandbox.apiUrl, '--wait-timeout', '20s', '--json'],
      { cwd, env },
    );
    expect(JSON.parse(deployed.stdout)).toMatchObject({ outcome: 'succeeded', image: v2 });
    expect(deployed.stdout + deployed.stderr).not.toContain(token);
    const back = await run(
      process.execPath,
      [shipgate, 'rollback', '--app', app, '--fly-api-url', sandbox.apiUrl, '--json'],
      { cwd, env },
    );
    expect(JSON.parse(back.stdout)).toMatchObject({ outcome: 'succeeded', image: v1 });
    expect(machineImages(sandbox, app)).toEqual([v1, v1]);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApprovalRequest,
  fixtureRepo,
  githubActionStandIns,
  runWorkflow,
  tempDir,
  type WorkflowRun,
} from './harness/index';

const workflows = join(import.meta.dirname, 'fixtures', 'workflows');
const token = 'sg_fly_4f1c9e7a2b8d6053';

function jobResults(run: WorkflowRun): Record<string, string> {
  return Object.fromEntries(Object.values(run.jobs).map((job) => [job.id, job.result]));
}

describe('runWorkflow: contexts, needs, if, outputs, env, secrets, inputs, expressions', () => {
  let run: WorkflowRun;
  beforeAll(async () => {
    run = await runWorkflow(join(workflows, 'contexts.yml'), {
      inputs: { app: 'shop' },
      secrets: { 'deploy-token': token },
      vars: { DEFAULT_REGION: 'ams' },
      github: { sha: '5f2b7c3e9a1d4b6c8e0f2a4c6e8b0d2f4a6c8e0b', run_id: '4242', actor: 'release-bot' },
    });
  });

  it('runs jobs in dependency order; a false if skips a job, and what needs it', () => {
    expect(Object.keys(run.jobs), run.log).toEqual(['build', 'test', 'canary', 'after-canary', 'report']);
    expect(jobResults(run)).toEqual({
      build: 'success',
      test: 'success',
      canary: 'skipped',
      'after-canary': 'skipped',
      report: 'success',
    });
    expect(run.conclusion).toBe('success');
  });

  it('passes step outputs to job outputs, and job outputs to needs and to the workflow outputs', () => {
    const image = 'registry.fly.io/shop:5f2b7c3e9a1d4b6c8e0f2a4c6e8b0d2f4a6c8e0b';
    expect(run.jobs.build?.outputs.image).toBe(image);
    expect(run.outputs.image).toBe(image);
    // test's step checks $IMAGE against GITHUB_SHA with `test`, so its success is the check.
    expect(run.jobs.test?.steps[0]?.outcome).toBe('success');
    expect(run.jobs.test?.outputs.checks).toBe('success 3 false true true');
  });

  it('layers env: workflow < job < step, GITHUB_ENV for later steps, and the env context alike', () => {
    expect(run.jobs.build?.outputs.levels).toBe('step step from-job shop');
    expect(run.jobs.build?.outputs.exported).toBe('set-by-an-earlier-step/set-by-an-earlier-step');
  });

  it('runs block scalars with expressions as their YAML value: unindented heredoc, folded >-', () => {
    expect(run.jobs.build?.outputs.heredoc).toBe('app shop in ams');
    expect(run.jobs.build?.outputs.folded).toBe('shop on one line');
  });

  it("hashes files as the runner's hashFiles does: SHA-256 over each file's SHA-256, '' for no match", () => {
    const notes = createHash('sha256').update('app shop in ams\n').digest();
    const expected = createHash('sha256').update(notes).digest('hex');
    expect(run.jobs.build?.outputs.hashes).toBe(`${expected} ''`);
  });

  it('types inputs as declared, with defaults (one from vars), and skips steps whose if is false', () => {
    expect(run.inputs).toEqual({ app: 'shop', canary: false, replicas: 3, region: 'ams' });
    expect(run.jobs.build?.outputs['skipped-outcome']).toBe('skipped');
    expect(run.jobs.build?.steps.find((step) => step.id === 'never')?.outcome).toBe('skipped');
  });

  it('gives declared secrets (an unpassed one is empty) and masks them in the log', () => {
    expect(run.jobs.build?.outputs['token-shape']).toBe(`${token.length} chars, optional ''`);
    const secretStep = run.jobs.build?.steps.find((step) => step.id === 'secret');
    expect(secretStep?.log).toContain('the token is ***');
    expect(run.log).not.toContain(token);
  });

  it("evaluates GitHub's functions and contexts, and a status function lets a job run after skipped needs", () => {
    expect(run.outputs.summary?.split('\n')).toEqual([
      'results: success skipped skipped',
      'checks: success 3 false true true',
      'contains: true true',
      'starts/ends: true true',
      'format: shop-ams',
      'join: 1+2+3',
      'fromJSON: 7',
      "vars: ams ''",
      'github: shipgate/sample-app workflow_dispatch report 4242 release-bot',
      'runner: Linux success',
      `needs keys: ${JSON.stringify({
        test: { result: 'success', outputs: { checks: 'success3falsetruetrue' } },
        canary: { result: 'skipped', outputs: {} },
        'after-canary': { result: 'skipped', outputs: {} },
      })}`,
    ]);
  });

  it('gives each job its own workspace and RUNNER_TEMP', () => {
    const workspaces = Object.values(run.jobs).flatMap((job) => (job.workspace ? [job.workspace] : []));
    const temps = Object.values(run.jobs).flatMap((job) => (job.runnerTemp ? [job.runnerTemp] : []));
    expect(workspaces).toHaveLength(3);
    expect(new Set(workspaces).size).toBe(3);
    expect(new Set(temps).size).toBe(3);
  });
});

describe('runWorkflow: a failing run', () => {
  let run: WorkflowRun;
  beforeAll(async () => {
    run = await runWorkflow(join(workflows, 'failing.yml'));
  });

  it('fails the job at the failing step, skips the rest, and runs failure() and always() steps', () => {
    const build = run.jobs.build;
    expect(build?.result, run.log).toBe('failure');
    expect(build?.steps.map((step) => [step.id, step.outcome, step.conclusion])).toEqual([
      ['before', 'success', 'success'],
      ['tolerated', 'failure', 'success'],
      ['after-tolerated', 'success', 'success'],
      ['breaks', 'failure', 'failure'],
      ['never', 'skipped', 'skipped'],
      ['on-failure', 'success', 'success'],
      ['cleanup', 'success', 'success'],
    ]);
    expect(build?.outputs).toEqual({
      before: 'written before the failure',
      tolerated: 'failure/success',
      'after-tolerated': 'success',
      never: 'skipped',
      'on-failure': 'job.status=failure breaks=failure',
      cleanup: 'success',
    });
    const breaks = build?.steps.find((step) => step.id === 'breaks');
    expect(breaks?.log).toContain('about to fail');
    expect(breaks?.log).not.toContain('NOT REACHED');
    expect(breaks?.annotations).toEqual([{ level: 'error', message: 'Process completed with exit code 1.' }]);
    const printed = Object.values(run.jobs).flatMap((job) => job.steps.map((step) => step.log));
    expect(printed.join('\n')).not.toContain('NEVER');
  });

  it('skips what needs the failed job; failure() runs; success() looks up the whole chain', () => {
    expect(jobResults(run)).toEqual({
      build: 'failure',
      deploy: 'skipped',
      notify: 'success',
      'after-notify': 'skipped',
      summary: 'success',
    });
    expect(run.jobs.notify?.outputs.seen).toBe('deploy skipped');
    expect(run.jobs.summary?.outputs.results).toBe('failure skipped success skipped');
    expect(run.conclusion).toBe('failure');
  });
});

describe('runWorkflow: a release gated by the production environment, with shipgate smoke-test', () => {
  const servers: Server[] = [];
  const requests = { staging: 0, production: 0 };
  let stagingHealthy = true;
  let stagingUrl: string;
  let productionUrl: string;

  async function listen(name: keyof typeof requests): Promise<string> {
    const server = createServer((request, response) => {
      requests[name] += 1;
      const healthy = name === 'production' || stagingHealthy;
      response.writeHead(healthy ? 200 : 500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: healthy ? 'ok' : 'down', path: request.url }));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    stagingUrl = await listen('staging');
    productionUrl = await listen('production');
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  async function release(approve: boolean | ((request: ApprovalRequest) => boolean)) {
    requests.staging = 0;
    requests.production = 0;
    const ledger = join(tempDir('ledger'), 'ledger.txt');
    writeFileSync(ledger, '');
    const checkout = fixtureRepo({ VERSION: 'v42\n' }).dir;
    const run = await runWorkflow(join(workflows, 'gated-release.yml'), {
      inputs: { app: 'shop', ledger, 'staging-url': stagingUrl, 'production-url': productionUrl },
      secrets: { 'fly-api-token': token },
      environments: { production: { approve } },
      actions: githubActionStandIns({ checkout }),
    });
    return { run, ledger: readFileSync(ledger, 'utf8').trim().split('\n') };
  }

  it('with the approval given, deploys production, smoke-tests it and announces', async () => {
    const asked: ApprovalRequest[] = [];
    const { run, ledger } = await release((request) => {
      asked.push(request);
      return true;
    });
    expect(jobResults(run), run.log).toEqual({
      staging: 'success',
      production: 'success',
      announce: 'success',
      rollback: 'skipped',
    });
    expect(ledger).toEqual(['staging shop v42', 'production shop v42', 'announce 1/0']);
    expect(asked).toEqual([
      {
        job: 'production',
        environment: 'production',
        needs: { staging: { result: 'success', outputs: { release: 'v42' } } },
      },
    ]);
    expect(run.approvals).toEqual([{ job: 'production', environment: 'production', approved: true }]);
    expect(run.jobs.production?.environment).toEqual({
      name: 'production',
      url: productionUrl,
      approval: 'approved',
    });
    expect(run.jobs.staging?.environment?.approval).toBe('no protection rule');
    const smoke = run.jobs.production?.steps.find((step) => step.id === 'smoke');
    expect(smoke?.outputs).toMatchObject({ passed: '1', failed: '0' });
    expect(smoke?.summary).toContain('## ✅ smoke-test: the check passed');
    expect(requests.production).toBeGreaterThan(0);
    expect(run.outputs).toEqual({ release: 'v42', 'production-checks': '1/0' });
    expect(run.concurrency).toEqual({ group: 'gated-release-shop', 'cancel-in-progress': false });
    expect(run.log).not.toContain(token);
  });

  it('with the approval refused, production is untouched: its steps never run, what needs it is skipped, rollback runs', async () => {
    const { run, ledger } = await release(false);
    expect(jobResults(run), run.log).toEqual({
      staging: 'success',
      production: 'failure',
      announce: 'skipped',
      rollback: 'success',
    });
    expect(run.jobs.production?.environment?.approval).toBe('refused');
    expect(run.jobs.production?.steps).toEqual([]);
    expect(run.jobs.production?.workspace).toBeUndefined();
    expect(requests.production).toBe(0);
    expect(ledger).toEqual(['staging shop v42', 'rollback staging=success production=failure']);
    expect(run.outputs).toEqual({ release: 'v42', 'production-checks': '' });
    expect(run.conclusion).toBe('failure');
  });

  it('when staging fails its smoke test, production is never even put to its reviewers', async () => {
    stagingHealthy = false;
    let asked = 0;
    try {
      const { run, ledger } = await release(() => {
        asked += 1;
        return true;
      });
      expect(jobResults(run), run.log).toEqual({
        staging: 'failure',
        production: 'skipped',
        announce: 'skipped',
        rollback: 'success',
      });
      const smoke = run.jobs.staging?.steps.find((step) => step.id === 'smoke');
      expect(smoke?.outcome).toBe('failure');
      expect(smoke?.outputs).toMatchObject({ passed: '0', failed: '1' });
      // The upload after the failed smoke test did not run.
      expect(run.jobs.staging?.steps.at(-1)?.outcome).toBe('skipped');
      expect(existsSync(join(run.artifactsDir, 'staging-smoke'))).toBe(false);
      expect(asked).toBe(0);
      expect(requests.production).toBe(0);
      expect(ledger).toEqual(['staging shop v42', 'rollback staging=failure production=skipped']);
    } finally {
      stagingHealthy = true;
    }
  });
});

describe("runWorkflow: a called workflow's environment secrets, as GitHub hands them out", () => {
  // Each secret read as where its value came from, never as the value (a job output holding a secret is refused).
  const origin = (name: string) =>
    `\${{ secrets.${name} == '' && 'empty' || startsWith(secrets.${name}, 'environment') && 'environment' || 'caller' }}`;
  const job = (environment: string) => `    runs-on: ubuntu-latest
${environment}    outputs:
      seen: \${{ steps.read.outputs.seen }}
    steps:
      - id: read
        env:
          SEEN: ${['DEPLOY_TOKEN', 'OTHER_TOKEN', 'UNDECLARED'].map(origin).join(' ')}
        run: echo "seen=$SEEN" >> "$GITHUB_OUTPUT"
`;
  let called: string;
  beforeAll(() => {
    called = join(tempDir('called'), 'called.yml');
    writeFileSync(
      called,
      `name: called
on:
  workflow_call:
    secrets:
      DEPLOY_TOKEN:
        required: false
      OTHER_TOKEN:
        required: false
permissions:
  contents: read
jobs:
  plain:
${job('')}  deploy:
${job('    environment: production\n')}`,
    );
  });
  const environments = {
    production: {
      secrets: {
        DEPLOY_TOKEN: 'environment-deploy',
        OTHER_TOKEN: 'environment-other',
        UNDECLARED: 'environment-undeclared',
      },
    },
  };
  const seen = (run: WorkflowRun) =>
    Object.fromEntries(Object.values(run.jobs).map((ran) => [ran.id, ran.outputs.seen]));

  it('fills only the names the caller passed, an empty one included; a job without the environment keeps the caller’s', async () => {
    const run = await runWorkflow(called, {
      secrets: { DEPLOY_TOKEN: 'caller-deploy', OTHER_TOKEN: '' },
      environments,
    });
    expect(seen(run), run.log).toEqual({
      plain: 'caller empty empty',
      deploy: 'environment environment empty',
    });
  });

  it('leaves a declared name the caller did not pass empty, whatever the environment holds', async () => {
    const run = await runWorkflow(called, { secrets: { DEPLOY_TOKEN: 'caller-deploy' }, environments });
    expect(seen(run), run.log).toEqual({ plain: 'caller empty empty', deploy: 'environment empty empty' });
  });

  it('with secrets: inherit, gives every secret of the environment, declared or not', async () => {
    const run = await runWorkflow(called, {
      inheritSecrets: { DEPLOY_TOKEN: 'caller-deploy' },
      environments,
    });
    expect(seen(run), run.log).toEqual({
      plain: 'caller empty empty',
      deploy: 'environment environment environment',
    });
  });
});

describe('runWorkflow: what it refuses before any job runs', () => {
  const gated = join(workflows, 'gated-release.yml');
  const inputs = {
    app: 'shop',
    ledger: '/dev/null',
    'staging-url': 'http://127.0.0.1:9',
    'production-url': 'x',
  };

  it('names a third-party action that has no stand-in', async () => {
    await expect(runWorkflow(gated, { inputs, secrets: { 'fly-api-token': token } })).rejects.toThrow(
      /job 'staging', step 1: no stand-in for the third-party action 'actions\/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8'/,
    );
  });

  it('checks inputs and secrets against the declarations, as a caller would be refused', async () => {
    const actions = githubActionStandIns({ checkout: tempDir('empty') });
    const secrets = { 'fly-api-token': token };
    await expect(runWorkflow(gated, { inputs: { ...inputs, app: 3 }, secrets, actions })).rejects.toThrow(
      "input 'app' is a string: got 3 (number)",
    );
    await expect(runWorkflow(gated, { inputs: { ...inputs, extra: 'x' }, secrets, actions })).rejects.toThrow(
      'Invalid input, extra is not defined in the referenced workflow.',
    );
    await expect(runWorkflow(gated, { inputs, actions })).rejects.toThrow(
      'Secret fly-api-token is required, but not provided while calling.',
    );
    await expect(
      runWorkflow(gated, { inputs, secrets: { ...secrets, OTHER: 'x' }, actions }),
    ).rejects.toThrow('Invalid secret, OTHER is not defined in the referenced workflow.');
  });

  it("reports the workflow parser's findings", async () => {
    const file = join(tempDir('workflow'), 'broken.yml');
    writeFileSync(
      file,
      'on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        with: { x: 1 }\n      - if: secrets.X\n        run: echo\n',
    );
    const failure = runWorkflow(file);
    await expect(failure).rejects.toThrow(/broken\.yml:7:9: \[workflow-parser\] .*Unexpected value 'with'/);
    await expect(failure).rejects.toThrow(/Unrecognized named-value: 'secrets'/);
  });
});

import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApprovalRequest,
  type FixtureRepo,
  fixtureRepo,
  githubActionStandIns,
  machineImages,
  runStep,
  runWorkflow,
  tempDir,
  type WorkflowRun,
} from './harness/index';

// promote.yml itself, job by job, as GitHub would run it: the evidence gate, the secret parity check, staging
// with its smoke test, the production environment's approval, the canary and production's smoke test, each
// shipgate action from its bundle, against the Fly and GitHub sandboxes.

const repoRoot = join(import.meta.dirname, '..');
const promoteYml = join(repoRoot, '.github', 'workflows', 'promote.yml');
const passingVitest = join(repoRoot, 'packages', 'evidence', 'test', 'fixtures', 'vitest', 'passing.json');
const flyToken = 'fm2_sandbox_7d3a9c1e5b2f4068';
const workflowToken = 'ghs_workflowToken3b8e1f0a9c';
const secretsToken = 'github_pat_secretsRead5d2c7e4b';
const digestKey = 'promote-digest-key-0c9a4e7f21b6';
const v1 = 'registry.fly.io/shop-app:v1';
const v2 = 'registry.fly.io/shop-app:v2';
/** Every answer 300 ms later (the sandbox app's slow* tags): staging's smoke test passes, the canary's latency test does not. */
const slowV2 = 'registry.fly.io/shop-app:slow-v2';
const evidenceRunId = '9001';
const [owner, name] = ['shop-co', 'shop'];

const files = {
  'fly.toml': `app = "shop"
primary_region = "iad"

[http_service]
  internal_port = 3000

  [[http_service.checks]]
    grace_period = "1s"
    interval = "2s"
    method = "GET"
    path = "/healthz"
    timeout = "2s"
`,
  'vault/shop/staging.env': 'DATABASE_URL="postgresql://app:stg-Pw-41@db.example.co:5432/shop"\n',
  'vault/shop/prod.env': 'DATABASE_URL="postgresql://app:prd-Pw-93@db.example.co:5432/shop"\n',
  '.github/secret-mirror.yml': `mirrors:
  - name: staging
    sources: [{ vault: vault, environment: staging }]
    targets: [{ github: { environment: staging } }]
  - name: production
    sources: [{ vault: vault, environment: prod }]
    targets: [{ github: { environment: production } }]
parity:
  - [staging, production]
`,
};

let fly: FlySandbox;
let github: GitHubSandbox;
let repo: FixtureRepo;

beforeAll(async () => {
  fly = await startFlySandbox({ token: flyToken, timeScale: 0.02 });
  github = await startGitHubSandbox();
  github.addRepository(owner, name, { environments: ['staging', 'production'] });
  repo = fixtureRepo(files);
  // The vault mirrored once already, as secret-rotation.yml would have: the parity check then finds no drift.
  const workspace = tempDir('mirror');
  cpSync(repo.dir, workspace, { recursive: true });
  const mirrored = await runStep('secret-mirror', {
    workspace,
    inputs: {
      config: '.github/secret-mirror.yml',
      'github-token': secretsToken,
      'github-api-url': github.apiUrl,
      'digest-key': digestKey,
    },
    env: { GITHUB_REPOSITORY: `${owner}/${name}` },
  });
  expect(mirrored.outcome, mirrored.log).toBe('success');
});

afterAll(async () => {
  await fly?.close();
  await github?.close();
});

/** What pr-checks.yml uploaded for the commit in an earlier run: evidence-<sha> holding a passing Vitest run. */
function evidenceOfEarlierRun(sha: string): string {
  const artifacts = tempDir('artifacts-of-run');
  mkdirSync(join(artifacts, `evidence-${sha}`, 'vitest'), { recursive: true });
  cpSync(passingVitest, join(artifacts, `evidence-${sha}`, 'vitest', 'passing.json'));
  return artifacts;
}

const results = (run: WorkflowRun) =>
  Object.fromEntries(Object.values(run.jobs).map((job) => [job.id, job.result]));

interface Promotion {
  run: WorkflowRun;
  staging: string;
  production: string;
  /** Fly API requests for the production app during the run. */
  productionRequests: string[];
  /** GitHub deployments recorded during the run, as `environment: last status`. */
  deployments: string[];
}

async function promote(
  prefix: string,
  approve: boolean | ((request: ApprovalRequest) => boolean),
  inputs: Record<string, string | boolean> = {},
): Promise<Promotion> {
  const staging = `${prefix}-staging`;
  const production = `${prefix}-production`;
  await fly.createApp(staging, { machines: 2, image: v1 });
  await fly.createApp(production, { machines: 4, image: v1 });
  fly.resetRequests();
  const deploymentsBefore = github.deployments(owner, name).length;
  const run = await runWorkflow(promoteYml, {
    inputs: {
      sha: repo.baseSha,
      image: v2,
      'staging-app': staging,
      'production-app': production,
      'staging-url': fly.appUrl(staging),
      'production-url': fly.appUrl(production),
      'fly-api-url': fly.apiUrl,
      'evidence-run-id': evidenceRunId,
      // The Vitest fixture was recorded once, long ago.
      'evidence-max-age': 'none',
      'smoke-paths': '/healthz, /',
      'canary-steps': '1, 100%',
      'canary-bake': '2s',
      'canary-probe-rate': '20',
      'canary-min-samples': '20',
      'canary-paths': '/, /version',
      'wait-timeout': '20s',
      ...inputs,
    },
    secrets: { 'fly-api-token': flyToken, 'secrets-token': secretsToken, 'digest-key': digestKey },
    github: {
      repository: `${owner}/${name}`,
      // The dispatch ran on main's tip; the commit promoted is an older one.
      sha: 'a'.repeat(40),
      ref: 'refs/heads/main',
      event_name: 'workflow_dispatch',
      api_url: github.apiUrl,
      token: workflowToken,
    },
    environments: { production: { approve } },
    actions: githubActionStandIns({
      checkout: repo.dir,
      otherRuns: { [evidenceRunId]: evidenceOfEarlierRun(repo.baseSha) },
    }),
  });
  return {
    run,
    staging,
    production,
    productionRequests: fly.requests
      .filter((request) => request.app === production || request.path.includes(`/apps/${production}`))
      .map((request) => `${request.method} ${request.path}`),
    deployments: github
      .deployments(owner, name)
      .slice(deploymentsBefore)
      .map((deployment) => `${deployment.environment}: ${deployment.statuses.at(-1)?.state}`),
  };
}

function expectNoSecretInLogs(run: WorkflowRun) {
  for (const secret of [flyToken, workflowToken, secretsToken, digestKey, 'stg-Pw-41', 'prd-Pw-93']) {
    expect(run.log).not.toContain(secret);
  }
}

describe('promote.yml, run job by job against the Fly and GitHub sandboxes', () => {
  it('with the approval given: gates the evidence, checks parity, deploys staging, canaries production to v2', async () => {
    const asked: ApprovalRequest[] = [];
    const { run, staging, production, productionRequests, deployments } = await promote(
      'approved',
      (request) => {
        asked.push(request);
        return true;
      },
    );
    expect(results(run), run.log).toEqual({
      evidence: 'success',
      'secret-parity': 'success',
      staging: 'success',
      production: 'success',
    });
    expect(machineImages(fly, staging)).toEqual([v2, v2]);
    expect(machineImages(fly, production)).toEqual([v2, v2, v2, v2]);

    expect(run.outputs).toMatchObject({
      sha: repo.baseSha,
      'evidence-verdict': 'pass',
      'staging-url': fly.appUrl(staging),
      decision: 'promoted',
      'production-url': fly.appUrl(production),
      'rollback-outcome': '',
    });
    expect(run.outputs['staging-release-id']).toMatch(/\S/);
    expect(run.outputs['production-release-id']).toMatch(/\S/);

    // The reviewer was asked once, after staging, and saw what staging did.
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ job: 'production', environment: 'production' });
    expect(asked[0]?.needs.staging).toMatchObject({
      result: 'success',
      outputs: { 'app-url': fly.appUrl(staging), 'smoke-failed': '0' },
    });
    const summary = run.jobs.staging?.steps.find(
      (step) => step.name === "Summarise what production's reviewer approves",
    );
    expect(summary?.summary).toContain(`## Ready for production: ${repo.baseSha.slice(0, 12)}`);
    expect(run.jobs.production?.environment).toEqual({
      name: 'production',
      url: fly.appUrl(production),
      approval: 'approved',
    });
    expect(deployments).toEqual(['staging: success', 'production: success']);
    expect(productionRequests.length).toBeGreaterThan(0);
    expectNoSecretInLogs(run);
  });

  it('with the approval refused: staging is deployed, production is untouched', async () => {
    const { run, staging, production, productionRequests, deployments } = await promote('refused', false);
    expect(results(run), run.log).toEqual({
      evidence: 'success',
      'secret-parity': 'success',
      staging: 'success',
      production: 'failure',
    });
    expect(run.jobs.production?.environment?.approval).toBe('refused');
    expect(run.jobs.production?.steps).toEqual([]);
    expect(machineImages(fly, staging)).toEqual([v2, v2]);
    expect(machineImages(fly, production)).toEqual([v1, v1, v1, v1]);
    expect(productionRequests).toEqual([]);
    expect(deployments).toEqual(['staging: success']);
    expect(run.outputs).toMatchObject({ decision: '', 'production-release-id': '', 'rollback-outcome': '' });
    expect(run.conclusion).toBe('failure');
  });

  it('when staging fails its smoke test: staging is rolled back and production is never put to its reviewers', async () => {
    let asked = 0;
    const { run, staging, production, productionRequests } = await promote(
      'broken',
      () => {
        asked += 1;
        return true;
      },
      { 'smoke-paths': '/healthz, /no-such-page' },
    );
    expect(results(run), run.log).toEqual({
      evidence: 'success',
      'secret-parity': 'success',
      staging: 'failure',
      production: 'skipped',
    });
    const steps = Object.fromEntries((run.jobs.staging?.steps ?? []).map((step) => [step.id, step.outcome]));
    expect(steps).toMatchObject({ deploy: 'success', smoke: 'failure', rollback: 'success' });
    expect(run.jobs.staging?.outputs).toMatchObject({ 'smoke-failed': '1', 'rollback-outcome': 'succeeded' });
    expect(machineImages(fly, staging)).toEqual([v1, v1]);
    expect(asked).toBe(0);
    expect(machineImages(fly, production)).toEqual([v1, v1, v1, v1]);
    expect(productionRequests).toEqual([]);
  });

  it('when the production canary is worse than the baseline: the analysis aborts it and production stays on v1', async () => {
    const { run, staging, production, deployments } = await promote('slow', true, { image: slowV2 });
    expect(results(run), run.log).toEqual({
      evidence: 'success',
      'secret-parity': 'success',
      staging: 'success',
      production: 'failure',
    });
    expect(machineImages(fly, staging)).toEqual([slowV2, slowV2]);
    expect(machineImages(fly, production)).toEqual([v1, v1, v1, v1]);
    const steps = Object.fromEntries(
      (run.jobs.production?.steps ?? []).map((step) => [step.id, step.outcome]),
    );
    expect(steps).toMatchObject({ canary: 'failure' });
    expect(run.jobs.production?.outputs).toMatchObject({ decision: 'aborted', 'step-reached': '1' });
    const canary = run.jobs.production?.steps.find((step) => step.id === 'canary');
    expect(canary?.summary).toContain('aborted at step 1 of 2; the canaries are back on shop-app:v1');
    expect(canary?.summary).toMatch(/canary latency is significantly above baseline/);
    expect(run.outputs).toMatchObject({ decision: 'aborted' });
    expect(deployments).toEqual(['staging: success', 'production: failure']);
    expect(run.conclusion).toBe('failure');
  });

  it('without the secret parity check (check-secrets: false): production still runs after staging', async () => {
    const { run, production } = await promote('no-parity', true, { 'check-secrets': false });
    expect(results(run), run.log).toEqual({
      evidence: 'success',
      'secret-parity': 'skipped',
      staging: 'success',
      production: 'success',
    });
    expect(machineImages(fly, production)).toEqual([v2, v2, v2, v2]);
  });
});

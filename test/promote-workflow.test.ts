import { cpSync, mkdirSync } from 'node:fs';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApprovalRequest,
  type FixtureRepo,
  fixtureRepo,
  flyTomlText,
  githubActionStandIns,
  machineImages,
  runStep,
  runWorkflow,
  tempDir,
  type WorkflowRun,
} from './harness/index';

// promote.yml itself, job by job, as GitHub would run it: the evidence gate, the secret parity check, staging
// with its smoke test, the production environment's approval, the canary and production's smoke test, each
// shipgate action from its bundle, against the Fly and GitHub sandboxes. Each app's Fly deploy token is a secret
// of its environment, as docs/workflows.md tells teams to keep them.

const repoRoot = join(import.meta.dirname, '..');
const promoteYml = join(repoRoot, '.github', 'workflows', 'promote.yml');
const passingVitest = join(repoRoot, 'packages', 'evidence', 'test', 'fixtures', 'vitest', 'passing.json');
const stagingToken = 'fm2_staging_7d3a9c1e5b2f4068';
const productionToken = 'fm2_production_2e8b5d0c9a7f1364';
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
  'fly.toml': flyTomlText('shop'),
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

/** A request to the Machines API through `AppTokens`: the app it named and whose token it carried. */
interface TokenUse {
  app: string;
  token: 'staging' | 'production' | 'none';
}

/**
 * Fly deploy tokens limited to one app each, in front of the sandbox (which takes any token): a request about an
 * app passes only with that app's token, else 401. Records which token each request carried.
 */
interface AppTokens {
  url: string;
  used: TokenUse[];
  close(): Promise<void>;
}

async function appTokens(upstream: string, tokens: Record<string, TokenUse['token']>): Promise<AppTokens> {
  const used: TokenUse[] = [];
  const byToken = new Map<string, TokenUse['token']>([
    [stagingToken, 'staging'],
    [productionToken, 'production'],
  ]);
  const server: Server = createServer((incoming, answer) => {
    const app = /^\/v1\/apps\/([^/?]+)/.exec(incoming.url ?? '')?.[1] ?? '';
    const sent = /^(?:Bearer|FlyV1)\s+(.+)$/i.exec(incoming.headers.authorization ?? '')?.[1]?.trim() ?? '';
    const token = byToken.get(sent) ?? 'none';
    used.push({ app, token });
    if (token === 'none' || (app !== '' && tokens[app] !== token)) {
      answer.writeHead(401, { 'content-type': 'application/json' });
      answer.end(JSON.stringify({ error: `unauthorized: not a token of ${app || 'this organisation'}` }));
      return;
    }
    const upstreamRequest = forward(
      `${upstream}${incoming.url ?? '/'}`,
      { method: incoming.method, headers: incoming.headers },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    upstreamRequest.on('error', () => answer.destroy());
    incoming.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    used,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let fly: FlySandbox;
let github: GitHubSandbox;
let repo: FixtureRepo;

beforeAll(async () => {
  fly = await startFlySandbox({ timeScale: 0.02 });
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
  /** `app: token` of each Machines API request until production's reviewers were asked (the whole run if never). */
  tokensBeforeApproval: string[];
  /** The same, after. */
  tokensAfterApproval: string[];
}

/**
 * What the caller hands over (`NAME: ${{ secrets.NAME }}` each): the Fly tokens are empty there, since only the
 * environments hold them.
 */
const callerSecrets = {
  STAGING_FLY_API_TOKEN: '',
  PRODUCTION_FLY_API_TOKEN: '',
  SECRETS_READ_TOKEN: secretsToken,
  SECRET_MIRROR_DIGEST_KEY: digestKey,
};

async function promote(
  prefix: string,
  approve: boolean | ((request: ApprovalRequest) => boolean),
  inputs: Record<string, string | boolean> = {},
  {
    secrets = callerSecrets,
    stagingSecrets = { STAGING_FLY_API_TOKEN: stagingToken },
  }: { secrets?: Record<string, string>; stagingSecrets?: Record<string, string> } = {},
): Promise<Promotion> {
  const staging = `${prefix}-staging`;
  const production = `${prefix}-production`;
  await fly.createApp(staging, { machines: 2, image: v1 });
  await fly.createApp(production, { machines: 4, image: v1 });
  fly.resetRequests();
  const deploymentsBefore = github.deployments(owner, name).length;
  const tokens = await appTokens(fly.apiUrl, { [staging]: 'staging', [production]: 'production' });
  let askedAt: number | undefined;
  const decide = (request: ApprovalRequest) => {
    askedAt = tokens.used.length;
    return typeof approve === 'function' ? approve(request) : approve;
  };
  const run = await runWorkflow(promoteYml, {
    inputs: {
      sha: repo.baseSha,
      image: v2,
      'staging-app': staging,
      'production-app': production,
      'staging-url': fly.appUrl(staging),
      'production-url': fly.appUrl(production),
      'fly-api-url': tokens.url,
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
    secrets,
    github: {
      repository: `${owner}/${name}`,
      // The dispatch ran on main's tip; the commit promoted is an older one.
      sha: 'a'.repeat(40),
      ref: 'refs/heads/main',
      event_name: 'workflow_dispatch',
      api_url: github.apiUrl,
      token: workflowToken,
    },
    environments: {
      staging: { secrets: stagingSecrets },
      production: { approve: decide, secrets: { PRODUCTION_FLY_API_TOKEN: productionToken } },
    },
    actions: githubActionStandIns({
      checkout: repo.dir,
      otherRuns: { [evidenceRunId]: evidenceOfEarlierRun(repo.baseSha) },
    }),
  }).finally(() => tokens.close());
  const described = (uses: TokenUse[]) => [...new Set(uses.map((use) => `${use.app}: ${use.token}`))];
  const asked = askedAt ?? tokens.used.length;
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
    tokensBeforeApproval: described(tokens.used.slice(0, asked)),
    tokensAfterApproval: described(tokens.used.slice(asked)),
  };
}

function expectNoSecretInLogs(run: WorkflowRun) {
  for (const secret of [
    stagingToken,
    productionToken,
    workflowToken,
    secretsToken,
    digestKey,
    'stg-Pw-41',
    'prd-Pw-93',
  ]) {
    expect(run.log).not.toContain(secret);
  }
}

describe('promote.yml, run job by job against the Fly and GitHub sandboxes', () => {
  it('with the approval given: gates the evidence, checks parity, deploys staging, canaries production to v2', async () => {
    const asked: ApprovalRequest[] = [];
    const promotion = await promote(
      'approved',
      (request) => {
        asked.push(request);
        return true;
      },
      {},
      // Production's token passed from a repository secret, so every job could name it: only production's does.
      { secrets: { ...callerSecrets, PRODUCTION_FLY_API_TOKEN: productionToken } },
    );
    const { run, staging, production, productionRequests, deployments } = promotion;
    expect(results(run), run.log).toEqual({
      evidence: 'success',
      'secret-parity': 'success',
      staging: 'success',
      production: 'success',
    });
    expect(machineImages(fly, staging)).toEqual([v2, v2]);
    expect(machineImages(fly, production)).toEqual([v2, v2, v2, v2]);
    // Each app only ever saw its own environment's token, and production's only after the approval.
    expect(promotion.tokensBeforeApproval).toEqual([`${staging}: staging`]);
    expect(promotion.tokensAfterApproval).toEqual([`${production}: production`]);

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
    // The jobs name their environments, so GitHub records those deployments; the actions record none of their own.
    expect(deployments).toEqual([]);
    expect(productionRequests.length).toBeGreaterThan(0);
    expectNoSecretInLogs(run);
  });

  it('with the approval refused: staging is deployed, production is untouched', async () => {
    const {
      run,
      staging,
      production,
      productionRequests,
      deployments,
      tokensBeforeApproval,
      tokensAfterApproval,
    } = await promote('refused', false);
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
    expect(tokensBeforeApproval).toEqual([`${staging}: staging`]);
    expect(tokensAfterApproval).toEqual([]);
    expect(deployments).toEqual([]);
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
    expect(deployments).toEqual([]);
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

  it("without staging's token in its environment: the staging job stops at once, and production's token does not stand in", async () => {
    const { run, staging, production, tokensBeforeApproval } = await promote(
      'no-token',
      true,
      {},
      {
        // As if the caller passed production's token from a repository secret: the staging job still never reads it.
        secrets: { ...callerSecrets, PRODUCTION_FLY_API_TOKEN: productionToken },
        stagingSecrets: {},
      },
    );
    expect(results(run), run.log).toEqual({
      evidence: 'success',
      'secret-parity': 'success',
      staging: 'failure',
      production: 'skipped',
    });
    const check = run.jobs.staging?.steps[0];
    expect(check?.name).toBe('Check the Fly token of staging');
    expect(check?.annotations).toEqual([
      {
        level: 'error',
        message: `Secret STAGING_FLY_API_TOKEN is empty: store a deploy token of ${staging} (fly tokens create deploy -a ${staging}) as the secret STAGING_FLY_API_TOKEN of the staging environment and hand the name over in the caller's secrets, or pass it from a repository secret.`,
      },
      { level: 'error', message: 'Process completed with exit code 1.' },
    ]);
    const steps = Object.fromEntries((run.jobs.staging?.steps ?? []).map((step) => [step.id, step.outcome]));
    expect(steps).toMatchObject({ deploy: 'skipped', smoke: 'skipped', rollback: 'skipped' });
    expect(tokensBeforeApproval).toEqual([]);
    expect(machineImages(fly, staging)).toEqual([v1, v1]);
    expect(machineImages(fly, production)).toEqual([v1, v1, v1, v1]);
    expectNoSecretInLogs(run);
  });
});

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FlyClient } from '@shipgate/fly';
import { createGitHubClient, type GitHubClient, type SecretScope } from '@shipgate/github';
import { createRecordingLogger, type RecordingLogger, secretForms } from '@shipgate/kit';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadMirrorConfig } from '../src/config';
import { type MirrorDeps, type MirrorOptions, runMirror } from '../src/run';

// The mirror end to end: GitHub through GitHubClient and the GitHub sandbox (sealed boxes opened there),
// Fly through FlyClient and the Fly sandbox. Each test has its own repository and app.

const owner = 'shop-co';
const digestKey = 'test-digest-key-0123456789abcdef';
let github: GitHubSandbox;
let fly: FlySandbox;
let githubApi: GitHubClient;
let flyApi: FlyClient;
let count = 0;

beforeAll(async () => {
  [github, fly] = await Promise.all([startGitHubSandbox(), startFlySandbox({ timeScale: 0.02 })]);
  githubApi = createGitHubClient({
    token: github.token,
    baseUrl: github.apiUrl,
    throttle: { writeIntervalMs: 0 },
    retry: { retries: 0, baseDelayMs: 1 },
    timeoutMs: 5000,
  });
  flyApi = new FlyClient({
    token: fly.token,
    baseUrl: fly.apiUrl,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    waitRetryDelayMs: { min: 10, max: 40 },
  });
});

afterEach(() => {
  github.faults.clear();
  expect(github.specViolations).toEqual([]);
  expect(fly.specViolations).toEqual([]);
});

afterAll(async () => {
  await Promise.all([github?.close(), fly?.close()]);
});

const staging = {
  DATABASE_URL: 'postgres://shop:Pa55-w0rd!@db.internal:5432/shop',
  STRIPE_KEY: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  SMTP_PASSWORD: 'line one\nline two & #more',
};

interface Setup {
  repo: string;
  app: string;
  workspace: string;
  envScope: SecretScope;
  repoScope: SecretScope;
  log: RecordingLogger;
  values: string[];
  run: (options?: MirrorOptions, extra?: Partial<MirrorDeps>) => ReturnType<typeof runMirror>;
  writeVault: (values: Record<string, string>) => Promise<void>;
}

async function setup(
  mirrorYaml: (names: { app: string }) => string,
  values: Record<string, string> = staging,
): Promise<Setup> {
  const index = ++count;
  const repo = `shop-${index}`;
  const app = `shop-staging-${index}`;
  github.addRepository(owner, repo, { environments: [] });
  await fly.createApp(app, { machines: 2, image: `registry.fly.io/${app}:v1` });
  const workspace = await mkdtemp(join(tmpdir(), 'secret-mirror-'));
  const writeVault = async (entries: Record<string, string>) => {
    const path = join(workspace, 'vault/shop-app/staging.env');
    await mkdir(dirname(path), { recursive: true });
    const text = Object.entries(entries)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join('\n');
    await writeFile(path, `# staging\n${text}\n`);
  };
  await writeVault(values);
  const config = loadMirrorConfig(mirrorYaml({ app }), 'secret-mirror.yml');
  const log = createRecordingLogger();
  const seen: string[] = [];
  const run = (options: MirrorOptions = {}, extra: Partial<MirrorDeps> = {}) =>
    runMirror(
      config,
      {
        github: githubApi,
        fly: flyApi,
        repository: { owner, repo },
        digestKey,
        env: {},
        workspace,
        log,
        onValue: (value) => seen.push(value),
        ...extra,
      },
      { flyRestartPollMs: 20, flyRestartTimeoutMs: 5000, ...options },
    );
  return {
    repo,
    app,
    workspace,
    envScope: { kind: 'environment', owner, repo, environment: 'staging' },
    repoScope: { kind: 'repository', owner, repo },
    log,
    values: seen,
    run,
    writeVault,
  };
}

const twoTargets = ({ app }: { app: string }) => `
mirrors:
  - name: staging
    sources: [{ vault: vault, environment: staging }]
    rules:
      - { names: DATABASE_URL, postgres: true }
    generated:
      - { name: SESSION_SECRET, length: 48, alphabet: base64url }
    targets:
      - github: { environment: staging, create-environment: true }
      - fly: { app: ${app} }
    max-age-days: 30
`;

async function flyValues(app: string): Promise<Record<string, string>> {
  const response = await fetch(`${fly.apiUrl}/v1/apps/${app}/secrets?show_secrets=true`, {
    headers: { authorization: `Bearer ${fly.token}` },
  });
  const body = (await response.json()) as { secrets: Array<{ name: string; value: string }> };
  return Object.fromEntries(body.secrets.map((secret) => [secret.name, secret.value]));
}

function githubWrites(repo: string): number {
  return github.requests.filter(
    (request) => request.method !== 'GET' && request.path.startsWith(`/repos/${owner}/${repo}/`),
  ).length;
}

function flyWrites(app: string): number {
  return fly.requests.filter((request) => request.method !== 'GET' && request.path.includes(`/apps/${app}/`))
    .length;
}

describe('secret mirror against the sandboxes', () => {
  it('applies, verifies, then a re-run makes no write at all', async () => {
    const mirror = await setup(twoTargets);
    const first = await mirror.run();
    expect(first.ok).toBe(true);
    expect(first.counts).toMatchObject({ create: 8, update: 0, unchanged: 0 });
    // environment, 4 secrets, state; one bulk Fly update, its state variable
    expect(
      first.results.map((result) => `${result.target} ${result.operation} ${result.names.join(',')}`),
    ).toEqual([
      `github:environment:${owner}/${mirror.repo}/staging create-environment `,
      `github:environment:${owner}/${mirror.repo}/staging put-secret DATABASE_URL`,
      `github:environment:${owner}/${mirror.repo}/staging put-secret STRIPE_KEY`,
      `github:environment:${owner}/${mirror.repo}/staging put-secret SMTP_PASSWORD`,
      `github:environment:${owner}/${mirror.repo}/staging put-secret SESSION_SECRET`,
      `github:environment:${owner}/${mirror.repo}/staging write-state `,
      `fly:${mirror.app} update-secrets DATABASE_URL,STRIPE_KEY,SMTP_PASSWORD,SESSION_SECRET`,
      `fly:${mirror.app} write-state `,
    ]);
    expect(first.writes).toBe(8);
    for (const [name, value] of Object.entries(staging)) {
      expect(github.secretValue(mirror.envScope, name)).toBe(value);
    }
    const session = github.secretValue(mirror.envScope, 'SESSION_SECRET')!;
    expect(session).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(await flyValues(mirror.app)).toEqual({ ...staging, SESSION_SECRET: session });
    expect(first.verification.every((item) => item.status === 'ok')).toBe(true);
    expect(first.verification).toHaveLength(8);
    expect(first.ages.map((age) => age.ageDays)).toEqual(new Array(8).fill(0));
    expect(mirror.values).toEqual(expect.arrayContaining([...Object.values(staging), session]));
    expect(github.variables(mirror.envScope).map((variable) => variable.name)).toEqual([
      'SHIPGATE_SECRET_DIGESTS',
    ]);
    expect(github.variables(mirror.repoScope).map((variable) => variable.name)).toEqual([
      `SHIPGATE_SECRET_DIGESTS_FLY_SHOP_STAGING_${count}`,
    ]);
    // The Fly machines started before the write: listed, not restarted.
    expect(first.fly[0]!.machines.filter((machine) => machine.needsRestart)).toHaveLength(2);
    expect(first.fly[0]!.message).toMatch(/2 machine\(s\) still run with the old secrets/);

    const githubBefore = githubWrites(mirror.repo);
    const flyBefore = flyWrites(mirror.app);
    const second = await mirror.run();
    expect(second.ok).toBe(true);
    expect(second.counts).toMatchObject({ create: 0, update: 0, unchanged: 8, drift: 0, rotate: 0 });
    expect(second.writes).toBe(0);
    expect(githubWrites(mirror.repo)).toBe(githubBefore);
    expect(flyWrites(mirror.app)).toBe(flyBefore);
    expect(second.fly).toEqual([]);
  });

  it('reports drift made outside the mirror and writes the vault value back (or only reports it)', async () => {
    const mirror = await setup(twoTargets);
    await mirror.run();
    // Someone edits the secrets by hand: gh secret set / fly secrets set.
    await new Promise((resolve) => setTimeout(resolve, 1100)); // GitHub's updated_at has whole seconds
    await githubApi.putSecret(mirror.envScope, 'STRIPE_KEY', 'sk_test_edited_by_hand');
    await flyApi.updateSecrets(mirror.app, { DATABASE_URL: 'postgres://hand:edit@db.internal:5432/shop' });

    const reported = await mirror.run({ onDrift: 'report' });
    expect(
      reported.plan.filter((item) => item.action === 'drift').map((item) => `${item.target} ${item.name}`),
    ).toEqual([
      `github:environment:${owner}/${mirror.repo}/staging STRIPE_KEY`,
      `fly:${mirror.app} DATABASE_URL`,
    ]);
    expect(reported.writes).toBe(0);
    expect(github.secretValue(mirror.envScope, 'STRIPE_KEY')).toBe('sk_test_edited_by_hand');

    const rewritten = await mirror.run();
    expect(rewritten.counts.drift).toBe(2);
    expect(rewritten.ok).toBe(true);
    expect(github.secretValue(mirror.envScope, 'STRIPE_KEY')).toBe(staging.STRIPE_KEY);
    expect((await flyValues(mirror.app)).DATABASE_URL).toBe(staging.DATABASE_URL);
    expect((await mirror.run()).writes).toBe(0);
  });

  it('updates a changed value and prunes only what it wrote', async () => {
    const mirror = await setup(
      ({ app }) => `
mirrors:
  - name: staging
    sources: [{ vault: vault, environment: staging }]
    targets:
      - github: { environment: staging, create-environment: true }
      - fly: { app: ${app} }
    prune: true
`,
    );
    await mirror.run();
    await githubApi.putSecret(mirror.envScope, 'HAND_MADE', 'kept-because-not-ours');
    await mirror.writeVault({
      DATABASE_URL: `${staging.DATABASE_URL}?sslmode=require`,
      STRIPE_KEY: staging.STRIPE_KEY,
    });

    const report = await mirror.run();
    expect(report.ok).toBe(true);
    expect(report.plan.map((item) => `${item.target.split(':')[0]} ${item.name} ${item.action}`)).toEqual([
      'github DATABASE_URL update',
      'github STRIPE_KEY unchanged',
      'github SMTP_PASSWORD delete',
      'fly DATABASE_URL update',
      'fly STRIPE_KEY unchanged',
      'fly SMTP_PASSWORD delete',
    ]);
    expect(github.secrets(mirror.envScope).map((secret) => secret.name)).toEqual([
      'DATABASE_URL',
      'HAND_MADE',
      'STRIPE_KEY',
    ]);
    expect(Object.keys(await flyValues(mirror.app)).sort()).toEqual(['DATABASE_URL', 'STRIPE_KEY']);
    expect(
      report.verification.filter((item) => item.name === 'SMTP_PASSWORD').map((item) => item.status),
    ).toEqual(['ok', 'ok']);
  });

  it('a rotation writes one new value to every target and restarts Fly machines one at a time', async () => {
    const mirror = await setup(twoTargets);
    await mirror.run();
    const before = github.secretValue(mirror.envScope, 'SESSION_SECRET')!;

    const report = await mirror.run({ rotate: true, restartFlyMachines: true });
    expect(report.ok).toBe(true);
    expect(report.plan.filter((item) => item.action === 'rotate').map((item) => item.target)).toEqual([
      `github:environment:${owner}/${mirror.repo}/staging`,
      `fly:${mirror.app}`,
    ]);
    const after = github.secretValue(mirror.envScope, 'SESSION_SECRET')!;
    expect(after).not.toBe(before);
    expect((await flyValues(mirror.app)).SESSION_SECRET).toBe(after);
    expect(report.verification.find((item) => item.name === 'SESSION_SECRET' && item.written)?.status).toBe(
      'ok',
    );
    const note = report.fly[0]!;
    expect(note.machines.map((machine) => machine.restarted)).toEqual([true, true]);
    for (const { id } of fly.machines(mirror.app)) {
      const machine = await flyApi.getMachine(mirror.app, id);
      expect(machine.events?.filter((event) => event.type === 'restart')).toHaveLength(1);
      expect(machine.state).toBe('started');
    }
    expect(fly.machines(mirror.app).every((machine) => machine.leaseHolder === undefined)).toBe(true);
  });

  it('a missing permission on one target fails it alone, named; the next run converges', async () => {
    const mirror = await setup(twoTargets);
    const fault = github.faults.add({
      kind: 'permission',
      method: 'PUT',
      path: `^/repos/${owner}/${mirror.repo}/environments/staging/secrets/STRIPE_KEY$`,
    });
    const failed = await mirror.run();
    expect(failed.ok).toBe(false);
    expect(failed.failures).toEqual([
      expect.objectContaining({
        target: `github:environment:${owner}/${mirror.repo}/staging`,
        operation: 'put-secret',
        names: ['STRIPE_KEY'],
        permission: 'environments: write',
      }),
    ]);
    // The other names and the Fly target went through, and the state was written for what succeeded.
    expect(github.secretValue(mirror.envScope, 'DATABASE_URL')).toBe(staging.DATABASE_URL);
    expect((await flyValues(mirror.app)).STRIPE_KEY).toBe(staging.STRIPE_KEY);
    expect(
      failed.verification.find((item) => item.name === 'STRIPE_KEY' && item.target.startsWith('github'))
        ?.status,
    ).toBe('missing');

    github.faults.remove(fault);
    const converged = await mirror.run();
    expect(converged.ok).toBe(true);
    expect(
      converged.plan
        .filter((item) => item.action !== 'unchanged')
        .map((item) => `${item.name} ${item.action}`),
    ).toEqual(['STRIPE_KEY create']);
    expect(github.secretValue(mirror.envScope, 'STRIPE_KEY')).toBe(staging.STRIPE_KEY);
  });

  it('stops before any write on a rule violation, and a dry run writes nothing', async () => {
    const mirror = await setup(twoTargets, {
      ...staging,
      DATABASE_URL: 'postgres://shop:pw@db.internal:6543/shop',
    });
    const report = await mirror.run();
    expect(report.ok).toBe(false);
    expect(report.violations.map((violation) => violation.message)).toEqual([
      'DATABASE_URL (vault/shop-app/staging.env:2): postgres: uses port 6543, the pooler (transaction mode breaks prepared statements and migrations); use the direct port 5432',
    ]);
    expect(githubWrites(mirror.repo) + flyWrites(mirror.app)).toBe(0);

    await mirror.writeVault(staging);
    const dry = await mirror.run({ dryRun: true });
    expect(dry.counts.create).toBe(8);
    expect(dry.writes).toBe(0);
    expect(githubWrites(mirror.repo) + flyWrites(mirror.app)).toBe(0);
  });

  it("refuses, before any write, a plan that would pass GitHub's 100 secrets of an environment", async () => {
    const many = Object.fromEntries(
      Array.from({ length: 101 }, (_, index) => [`KEY_${index}`, `value-${index}`]),
    );
    const setUp = await setup(
      () => `
mirrors:
  - name: staging
    sources: [{ vault: vault, environment: staging }]
    targets:
      - github: { environment: staging, create-environment: true }
`,
      many,
    );
    github.resetRequests();
    for (const dryRun of [true, false]) {
      const report = await setUp.run({ dryRun });
      expect(report.ok).toBe(false);
      expect(report.failures[0]?.error).toMatch(/can hold at most 100 secrets .* would leave 101/);
    }
    expect(github.writes()).toBe(0);
  });

  it('reports ages and fails on overdue secrets when asked', async () => {
    const mirror = await setup(twoTargets);
    await mirror.run();
    const later = new Date(Date.now() + 45 * 24 * 3600 * 1000);
    const report = await mirror.run({ failOnOverdue: true }, { now: () => later });
    expect(report.overdue).toBe(8);
    expect(report.ages[0]).toMatchObject({ ageDays: 45, overdue: true });
    expect(report.ok).toBe(false);
  });

  it('writes repository and organization secrets, each with its state in its own scope', async () => {
    const org = `acme-${count + 1}`;
    github.addOrganization(org);
    const mirror = await setup(
      () => `
mirrors:
  - name: shared
    sources: [{ file: vault/shop-app/staging.env }]
    include: [STRIPE_KEY]
    targets:
      - github: {}
      - github: { organization: ${org}, visibility: private }
`,
    );
    const report = await mirror.run();
    expect(report.ok).toBe(true);
    const orgScope: SecretScope = { kind: 'organization', org };
    expect(github.secretValue(mirror.repoScope, 'STRIPE_KEY')).toBe(staging.STRIPE_KEY);
    expect(github.secretValue(orgScope, 'STRIPE_KEY')).toBe(staging.STRIPE_KEY);
    expect(github.variables(orgScope).map((variable) => variable.name)).toEqual(['SHIPGATE_SECRET_DIGESTS']);
    expect(github.variables(mirror.repoScope).map((variable) => variable.name)).toEqual([
      'SHIPGATE_SECRET_DIGESTS',
    ]);
    expect(JSON.parse(github.variables(orgScope)[0]!.value)).toMatchObject({
      version: 1,
      secrets: { STRIPE_KEY: { digest: expect.any(String), writtenAt: expect.any(String) } },
    });
    expect((await mirror.run()).writes).toBe(0);
  });

  it('keeps every value out of the report and the log, in any encoding', async () => {
    const mirror = await setup(twoTargets);
    github.faults.add({
      kind: 'status',
      status: 500,
      method: 'PUT',
      path: `^/repos/${owner}/${mirror.repo}/`,
      times: 1,
      message: staging.STRIPE_KEY,
    });
    const reports = [
      await mirror.run(),
      await mirror.run({ rotate: true }),
      await mirror.run({ dryRun: true }),
    ];
    const text = JSON.stringify({ reports, log: mirror.log.entries });
    expect(mirror.values.length).toBeGreaterThanOrEqual(5);
    for (const value of mirror.values) {
      for (const form of secretForms(value)) expect(text).not.toContain(form);
      expect(text).not.toContain(JSON.stringify(value));
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createGitHubClient } from '@shipgate/github';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep, tempDir } from './harness/index';

const repoRoot = join(import.meta.dirname, '..');
const githubToken = 'ghs_sandboxMirrorToken4f2a9c';
const flyToken = 'fm2_sandbox_mirror_81be37';
const digestKey = 'mirror-digest-key-5b0e9d2c7a41';

// Known values: none of them may appear anywhere a run leaves text, in any encoding.
const staging = {
  DATABASE_URL: 'postgresql://postgres.ref:s3cr3t-Stg-Pw@db.example.co:5432/postgres',
  SHOPIFY_API_SECRET: 'shpss_stg_5c1d2e3f4a5b6c7d',
  SUPABASE_SERVICE_ROLE_KEY: 'eyJstg.service.role+key/9Q==',
};
const production = {
  DATABASE_URL: 'postgresql://postgres.ref:s3cr3t-Prd-Pw@db.example.co:5432/postgres',
  SHOPIFY_API_SECRET: 'shpss_prd_8e9f0a1b2c3d4e5f',
};

let github: GitHubSandbox;
let fly: FlySandbox;

beforeAll(async () => {
  github = await startGitHubSandbox({ token: githubToken });
  fly = await startFlySandbox({ token: flyToken, timeScale: 0.02 });
});

afterAll(async () => {
  await github?.close();
  await fly?.close();
});

function dotenv(values: Record<string, string>): string {
  return `${Object.entries(values)
    .map(([name, value]) => `${name}="${value}"`)
    .join('\n')}\n`;
}

/** A workspace with the vault checked out into ./vault and a mirror file for staging and production. */
function workspace(repo: string, vault = { staging, production }): string {
  const dir = tempDir('workspace');
  mkdirSync(join(dir, 'vault', 'shop'), { recursive: true });
  writeFileSync(join(dir, 'vault', 'shop', 'staging.env'), dotenv(vault.staging));
  writeFileSync(join(dir, 'vault', 'shop', 'prod.env'), dotenv(vault.production));
  mkdirSync(join(dir, '.github'));
  writeFileSync(
    join(dir, '.github', 'secret-mirror.yml'),
    `mirrors:
  - name: staging
    sources: [{ vault: vault, environment: staging }]
    rules:
      - { names: DATABASE_URL, postgres: { port: 5432 } }
      - { names: "*", non-empty: true }
    generated: [{ name: SESSION_SECRET, length: 32 }]
    targets:
      - github: { environment: staging, create-environment: true }
      - fly: { app: ${repo}-staging }
  - name: production
    sources: [{ vault: vault, environment: prod }]
    rules:
      - { names: DATABASE_URL, postgres: { port: 5432 } }
    targets:
      - github: { environment: production, create-environment: true }
parity:
  - [staging, production]
`,
  );
  return dir;
}

function inputs(more: Record<string, string> = {}): Record<string, string> {
  return {
    config: '.github/secret-mirror.yml',
    'github-api-url': github.apiUrl,
    'fly-api-url': fly.apiUrl,
    ...more,
  };
}

async function setUp(repo: string) {
  github.addRepository('shop-co', repo);
  await fly.createApp(`${repo}-staging`, { machines: 1, image: 'registry.fly.io/shop:v1' });
  return {
    env: { GITHUB_REPOSITORY: `shop-co/${repo}`, GH_TOKEN: githubToken, FLY_API_TOKEN: flyToken },
    secrets: [githubToken, flyToken, digestKey],
  };
}

async function flySecrets(app: string): Promise<Record<string, string>> {
  const response = await fetch(`${fly.apiUrl}/v1/apps/${app}/secrets?show_secrets=true`, {
    headers: { authorization: `Bearer ${flyToken}` },
  });
  const body = (await response.json()) as { secrets: Array<{ name: string; value: string }> };
  return Object.fromEntries(body.secrets.map((secret) => [secret.name, secret.value]));
}

const env = (repo: string, environment: string) =>
  ({ kind: 'environment', owner: 'shop-co', repo, environment }) as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every place a step leaves text, checked for every known value raw, base64, URL-encoded and JSON-escaped. */
function expectNoValueLeaked(
  step: {
    stdout: string;
    stderr: string;
    log: string;
    summary: string;
    outputs: Record<string, string>;
    runnerTemp: string;
  },
  values: string[],
) {
  const stdout = step.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const texts = [stdout, step.stderr, step.log, step.summary, JSON.stringify(step.outputs)];
  for (const file of filesUnder(step.runnerTemp)) texts.push(readFileSync(file, 'utf8'));
  for (const value of values) {
    const forms = [
      value,
      Buffer.from(value).toString('base64'),
      encodeURIComponent(value),
      JSON.stringify(value).slice(1, -1),
    ];
    for (const text of texts) for (const form of forms) expect(text.includes(form), form).toBe(false);
  }
}

const known = [...Object.values(staging), ...Object.values(production), githubToken, flyToken, digestKey];

describe('secret-mirror against the GitHub and Fly sandboxes', () => {
  it('plans, applies, verifies, then makes no write when nothing changed — leaking nothing', async () => {
    const repo = 'shop-apply';
    const { env: runEnv, secrets } = await setUp(repo);
    const ws = workspace(repo);
    github.resetRequests();

    const plan = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey, 'dry-run': 'true' }),
      env: runEnv,
      secrets,
    });
    expect(plan.outcome, plan.log).toBe('success');
    expect(plan.outputs).toMatchObject({ created: '10', writes: '0' });
    expect(github.writes()).toBe(0);
    expect(plan.summary).toContain('plan only');
    expectNoValueLeaked(plan, known);

    const applied = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey }),
      env: runEnv,
      secrets,
    });
    expect(applied.outcome, applied.log).toBe('success');
    expect(applied.outputs).toMatchObject({ created: '10', updated: '0', drift: '0' });
    expect(Number(applied.outputs.writes)).toBeGreaterThan(0);
    expect(github.secretValue(env(repo, 'staging'), 'SHOPIFY_API_SECRET')).toBe(staging.SHOPIFY_API_SECRET);
    expect(github.secretValue(env(repo, 'production'), 'DATABASE_URL')).toBe(production.DATABASE_URL);
    const onFly = await flySecrets(`${repo}-staging`);
    expect(onFly.DATABASE_URL).toBe(staging.DATABASE_URL);
    // One generated value per mirror, the same at each of its targets.
    const session = github.secretValue(env(repo, 'staging'), 'SESSION_SECRET');
    expect(session).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(onFly.SESSION_SECRET).toBe(session);
    expect(applied.summary).toContain('only in staging');
    expect(applied.summary).toContain('SUPABASE_SERVICE_ROLE_KEY');
    expectNoValueLeaked(applied, [...known, session as string]);

    const writesBefore = github.writes();
    const again = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey }),
      env: runEnv,
      secrets,
    });
    expect(again.outcome, again.log).toBe('success');
    expect(again.outputs).toMatchObject({ created: '0', updated: '0', unchanged: '10', writes: '0' });
    expect(github.writes()).toBe(writesBefore);
  });

  it('mirrors only the mirrors named in input mirrors (one environment per job), and refuses a name that matches none', async () => {
    const repo = 'shop-select';
    const { env: runEnv, secrets } = await setUp(repo);
    const ws = workspace(repo);

    const stagingOnly = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey, mirrors: 'staging' }),
      env: runEnv,
      secrets,
    });
    expect(stagingOnly.outcome, stagingOnly.log).toBe('success');
    expect(stagingOnly.log).toContain("(1 mirror of 2, selected by 'mirrors')");
    expect(github.secretValue(env(repo, 'staging'), 'SHOPIFY_API_SECRET')).toBe(staging.SHOPIFY_API_SECRET);
    // Production's mirror was not run at all: its environment was not even created.
    expect(() => github.secretValue(env(repo, 'production'), 'SHOPIFY_API_SECRET')).toThrow(/no such scope/);
    // The parity pair needs both mirrors: with one selected it is not compared.
    expect(stagingOnly.summary).not.toContain('only in staging');

    const writesBefore = github.writes();
    const typo = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey, mirrors: 'prod' }),
      env: runEnv,
      secrets,
    });
    expect(typo.outcome).toBe('failure');
    expect(
      typo.annotations.filter((annotation) => annotation.level === 'error').map((a) => a.message),
    ).toEqual([
      "secret-mirror: Input 'mirrors': 'prod' matches no mirror; the mirrors are staging, production (.github/secret-mirror.yml).",
    ]);
    expect(github.writes()).toBe(writesBefore);
  });

  it('reports a secret changed outside the mirror and puts the vault value back; rotation renews generated ones', async () => {
    const repo = 'shop-drift';
    const { env: runEnv, secrets } = await setUp(repo);
    const ws = workspace(repo);
    const first = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey }),
      env: runEnv,
    });
    expect(first.outcome, first.log).toBe('success');

    // Someone runs `gh secret set` by hand.
    const client = createGitHubClient({
      token: githubToken,
      baseUrl: github.apiUrl,
      throttle: { writeIntervalMs: 0 },
    });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // updated_at has whole seconds
    await client.putSecret(env(repo, 'staging'), 'SHOPIFY_API_SECRET', 'changed-by-hand');
    const drift = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey }),
      env: runEnv,
      secrets,
    });
    expect(drift.outcome, drift.log).toBe('success');
    expect(drift.outputs.drift).toBe('1');
    expect(drift.summary).toContain('changed outside the mirror');
    expect(github.secretValue(env(repo, 'staging'), 'SHOPIFY_API_SECRET')).toBe(staging.SHOPIFY_API_SECRET);

    const before = github.secretValue(env(repo, 'staging'), 'SESSION_SECRET');
    const rotated = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey, rotate: 'true' }),
      env: runEnv,
      secrets,
    });
    expect(rotated.outcome, rotated.log).toBe('success');
    const after = github.secretValue(env(repo, 'staging'), 'SESSION_SECRET');
    expect(after).not.toBe(before);
    expect((await flySecrets(`${repo}-staging`)).SESSION_SECRET).toBe(after);
    expectNoValueLeaked(rotated, [...known, before as string, after as string]);
  });

  it('writes nothing when a value breaks a rule, and names the secret and the rule but not the value', async () => {
    const repo = 'shop-rules';
    const { env: runEnv, secrets } = await setUp(repo);
    const pooled = 'postgresql://postgres.ref:p00ler-Pw@db.example.co:6543/postgres';
    const ws = workspace(repo, { staging: { ...staging, DATABASE_URL: pooled }, production });
    github.resetRequests();
    const step = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey }),
      env: runEnv,
      secrets,
    });
    expect(step.outcome).toBe('failure');
    expect(step.annotations.at(-1)?.message).toMatch(
      /^secret-mirror: nothing was written: DATABASE_URL .*6543/,
    );
    expect(github.writes()).toBe(0);
    expectNoValueLeaked(step, [...known, pooled, 'p00ler-Pw']);
  });

  it('lists a target the token may not write, names the permission, and converges on a re-run', async () => {
    const repo = 'shop-permission';
    const { env: runEnv, secrets } = await setUp(repo);
    const ws = workspace(repo);
    const fault = github.faults.add({
      kind: 'permission',
      method: 'PUT',
      path: `/repos/shop-co/${repo}/environments/production/secrets/`,
    });
    const partial = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey }),
      env: runEnv,
      secrets,
    });
    expect(partial.outcome).toBe('failure');
    expect(partial.annotations.at(-1)?.message).toMatch(/production.*environments: write/);
    expect(github.secretValue(env(repo, 'staging'), 'DATABASE_URL')).toBe(staging.DATABASE_URL);
    github.faults.remove(fault);

    const rerun = await runStep('secret-mirror', {
      workspace: ws,
      inputs: inputs({ 'digest-key': digestKey }),
      env: runEnv,
      secrets,
    });
    expect(rerun.outcome, rerun.log).toBe('success');
    expect(rerun.outputs).toMatchObject({ created: '2', unchanged: '8' });
    expect(github.secretValue(env(repo, 'production'), 'DATABASE_URL')).toBe(production.DATABASE_URL);
  });

  it('leaks no value in any mode: plan, apply, re-run, drift report, rotation, prune, restart, overdue, rate limits', async () => {
    const repo = 'shop-leaks';
    const { env: runEnv, secrets } = await setUp(repo);
    const ws = workspace(repo);
    const modes: Array<Record<string, string>> = [
      { 'dry-run': 'true' },
      {},
      { 'report-file': 'mirror-report.json' },
      { 'on-drift': 'report' },
      { rotate: 'true', 'restart-fly-machines': 'true' },
      { prune: 'true' },
      { 'max-age-days': '1', 'fail-on-overdue': 'true' },
      { verify: 'false' },
    ];
    const seen: string[] = [];
    // A secondary rate limit and a 500 on the way: retried, and their error texts must carry no value either.
    github.faults.add({ kind: 'secondaryRateLimit', method: 'PUT', retryAfter: 1, times: 1 });
    github.faults.add({ kind: 'status', status: 500, method: 'GET', path: '/secrets$', times: 1 });
    for (const mode of modes) {
      const step = await runStep('secret-mirror', {
        workspace: ws,
        inputs: inputs({ 'digest-key': digestKey, ...mode }),
        env: runEnv,
        secrets,
      });
      expect(step.outcome, `${JSON.stringify(mode)}\n${step.log}`).toBe('success');
      // Absent after the dry run: the environment is created by the first apply.
      const environments = github.environments('shop-co', repo).map((environment) => environment.name);
      const session = environments.includes('staging')
        ? github.secretValue(env(repo, 'staging'), 'SESSION_SECRET')
        : undefined;
      if (session && !seen.includes(session)) seen.push(session);
      expectNoValueLeaked(step, [...known, ...seen]);
      const reportFile = join(ws, 'mirror-report.json');
      if (mode['report-file']) expect(readFileSync(reportFile, 'utf8')).toContain('"plan"');
      for (const value of [...known, ...seen]) {
        for (const file of filesUnder(ws).filter((path) => !path.includes(`${join(ws, 'vault')}`))) {
          expect(readFileSync(file, 'utf8').includes(value), file).toBe(false);
        }
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    [{}, /^secret-mirror: Input 'github-token' is required/],
    [
      { GH_TOKEN: githubToken, 'INPUT_DIGEST-KEY': 'short' },
      /^secret-mirror: Input 'digest-key' must be at least 16/,
    ],
  ])('fails bad input with one line naming it (%#)', async (extraEnv, line) => {
    const repo = 'shop-inputs';
    const step = await runStep('secret-mirror', {
      workspace: workspace(repo),
      inputs: inputs(),
      env: { GITHUB_REPOSITORY: `shop-co/${repo}`, FLY_API_TOKEN: flyToken, ...extraEnv },
    });
    expect(step.exitCode).toBe(1);
    expect(step.annotations).toHaveLength(1);
    expect(step.annotations[0]?.message).toMatch(line);
  });

  it('shows a plan through the shipgate command line', async () => {
    const repo = 'shop-cli';
    await setUp(repo);
    const cwd = workspace(repo);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(repoRoot, 'node_modules', '.bin', 'shipgate'),
        'secret-mirror',
        '--config',
        '.github/secret-mirror.yml',
        '--github-api-url',
        github.apiUrl,
        '--fly-api-url',
        fly.apiUrl,
        '--dry-run',
        '--json',
      ],
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: cwd,
          GITHUB_REPOSITORY: `shop-co/${repo}`,
          GH_TOKEN: githubToken,
          FLY_API_TOKEN: flyToken,
        },
      },
    );
    const outputs = JSON.parse(stdout) as Record<string, string>;
    expect(outputs).toMatchObject({ created: '10', writes: '0' });
    expect(JSON.parse(outputs.plan as string)).toContainEqual({
      mirror: 'staging',
      target: `github:environment:shop-co/${repo}/staging`,
      name: 'DATABASE_URL',
      action: 'create',
    });
    for (const value of known) expect(stdout).not.toContain(value);
  });
});

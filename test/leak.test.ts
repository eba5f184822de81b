// Issue 14's leak test: each of the seven actions runs as the runner runs it, with every secret input set
// to a value of its own, against the sandboxes answering errors that quote the token back encoded; every
// text the step emits (stdout and stderr but the mask commands, the log, annotations, outputs, the summary,
// every file it wrote in the workspace or RUNNER_TEMP) is searched for every secret in every form
// test/harness/secret-forms.ts knows. Any hit fails the run, reported as "<action>: <secret> as <form> in
// <where>: <the line, the secret cut out>".
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import {
  echoCredential,
  type FlySandbox,
  type GitHubSandbox,
  startFlySandbox,
  startGitHubSandbox,
} from '@shipgate/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { plantedSecrets, plantings } from '../examples/drift';
import {
  describeHits,
  findSecrets,
  fixtureRepo,
  flyTomlWorkspace,
  type RepoFiles,
  type RunStepOptions,
  runStep,
  secretForms,
  tempDir,
} from './harness/index';

const repoRoot = join(import.meta.dirname, '..');
const v1 = 'registry.fly.io/shop-app:v1';
const v2 = 'registry.fly.io/shop-app:v2';

// Each value is distinctive enough that no form of it turns up by chance.
const flyTokens = {
  /** Two macaroons under the scheme word, as `fly tokens create deploy` prints them. */
  'Fly token (FlyV1)':
    'FlyV1 fm2_lJPECAAAAAAAAmH7xBBq4Vb9+Kc2/Wd8Ye0Rf3Tg6Zh1Xs5Uo,fm2_lJPETz7Qw4+Ln9/Mb2Vc8Xa0Hs6Kd3Jf1Q==',
  /** A macaroon without the scheme word: the client adds `FlyV1 ` (6 bytes: the token at base64 offset 0). */
  'Fly token (bare)': 'fm2_lJPETbare9Qx+Yv3/Wm6Zp0Lk8Js4Rt7Nc2==',
  /** Not a macaroon: sent as `Bearer ` (7 bytes: the token at base64 offset 1). */
  'Fly token (personal)': 'fo1_LeakTestPersonal_7Qx2Vb9Kc4Wd8Ye0',
} as const;
type FlyTokenName = keyof typeof flyTokens;
const githubToken = 'ghs_LeakTest7Qx2Vb9Kc4Wd8Ye0Rf3Tg6Zh1Ab';
const digestKey = 'dk-leak+test/9Qz2=Xv5Wb8-digest-key';
const vault: Record<string, string> = {
  QUOTED_SECRET: `pa"ss'wo\\rd-"q7-leak`,
  PRIVATE_KEY:
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nleak7Zq8line3Xv5Wb\n-----END PRIVATE KEY-----',
  UNICODE_SECRET: 'pässwörd-密码-🔑-Zq9x',
  SPACES_AND_BASE64_CHARS: 'correct horse+battery/staple=42==',
  DATABASE_URL: 'postgresql://shop:Pw-leak-7Qz@db.example.co:5432/shop',
};
const probeAuthorization = 'Bearer sk_live_LeakProbe9Qx2+Vb/Kc4=';
const probeApiKey = 'key-leak "quoted" 7Zq+/=';
const probeHeaders = `Authorization: ${probeAuthorization}\nX-Api-Key: ${probeApiKey}`;
const prometheusToken = 'prom_leak_4Rt8+/Yw=Tk9';

let fly: FlySandbox;
let github: GitHubSandbox;
let prometheus: Server;
let prometheusUrl: string;
const allHits: string[] = [];

beforeAll(async () => {
  fly = await startFlySandbox({ timeScale: 0.02 });
  github = await startGitHubSandbox();
  // Prometheus is not simulated: this one refuses every query, quoting the token as the sandboxes do.
  prometheus = createServer((request, response) => {
    const echo = echoCredential(request.headers, true);
    response.writeHead(401, { 'content-type': 'application/json', ...echo.headers });
    response.end(JSON.stringify({ status: 'error', errorType: 'unauthorized', error: echo.text }));
  });
  await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
  prometheusUrl = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await fly?.close();
  await github?.close();
  prometheus?.closeAllConnections();
  await new Promise<void>((resolve) => (prometheus ? prometheus.close(() => resolve()) : resolve()));
  // Every hit of the file at once, for whoever fixes them.
  if (allHits.length > 0) console.log(`secrets leaked:\n${allHits.join('\n')}`);
});

afterEach(() => {
  fly.faults.clear();
  github.faults.clear();
});

type Step = Awaited<ReturnType<typeof runStep>>;

/** Files under `dir` by path, with their text. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, readFileSync(path, 'utf8'));
  }
  return files;
}

const fileCommands: Record<string, string> = {
  set_output: 'GITHUB_OUTPUT',
  step_summary: 'GITHUB_STEP_SUMMARY',
  set_env: 'GITHUB_ENV',
  save_state: 'GITHUB_STATE',
  add_path: 'GITHUB_PATH',
};

/** Every text the step emitted, by where it went. */
function emitted(step: Step, workspace: string, before: Map<string, string>): Record<string, string> {
  // The one place a secret belongs: the command that tells the runner to mask it.
  const withoutMaskCommands = (text: string) =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
  const texts: Record<string, string> = {
    stdout: withoutMaskCommands(step.stdout),
    stderr: withoutMaskCommands(step.stderr),
    log: step.log,
    annotations: step.annotations
      .map((annotation) => [annotation.title, annotation.message].filter(Boolean).join(': '))
      .join('\n'),
    summary: step.summary,
  };
  for (const [name, value] of Object.entries(step.outputs)) texts[`output ${name}`] = value;
  for (const [path, text] of readTree(step.runnerTemp)) {
    const name = relative(step.runnerTemp, path);
    const command = /^_runner_file_commands\/([a-z_]+?)_[0-9a-f-]{36}$/.exec(name)?.[1];
    texts[command ? (fileCommands[command] ?? name) : `RUNNER_TEMP/${name}`] = text;
  }
  for (const [path, text] of readTree(workspace)) {
    if (before.get(path) !== text) texts[`workspace/${relative(workspace, path)}`] = text;
  }
  return texts;
}

/** Runs the step and returns it with every hit of every secret, also kept for the file's closing list. */
async function scannedRun(
  action: string,
  secrets: Record<string, string>,
  options: RunStepOptions,
): Promise<{ step: Step; hits: string[] }> {
  const workspace = options.workspace ?? tempDir('workspace');
  const before = readTree(workspace);
  const step = await runStep(action, { ...options, workspace, runnerTemp: tempDir('runner-temp') });
  const hits = describeHits(action, findSecrets(emitted(step, workspace, before), secrets));
  allHits.push(...hits);
  return { step, hits };
}

/** True once the fault has answered: it retired after its `times`, or it counts hits. */
function faultHit(faults: { list(): Array<{ id: string; hits: number }> }, id: string): boolean {
  const rule = faults.list().find((candidate) => candidate.id === id);
  return rule === undefined || rule.hits > 0;
}

function flyWorkspace(app: string): string {
  return flyTomlWorkspace(app, `\n[build]\n  image = "${v2}"\n`);
}

/** The run's identity for GitHub deployments, against the GitHub sandbox. */
function gitHubEnv(repo: string): Record<string, string> {
  return {
    GITHUB_REPOSITORY: `shop-co/${repo}`,
    GITHUB_SHA: 'd'.repeat(40),
    GITHUB_API_URL: github.apiUrl,
    GITHUB_RUN_ID: '1414',
  };
}

const errorLines = (step: Step) => step.annotations.filter((annotation) => annotation.level === 'error');

describe('the form generator', () => {
  it('finds a secret in each form, embedded in base64 at every offset, and reports where', () => {
    const secret = 'Bearer tok_9Qx2+Vb/Kc4=';
    const texts: Record<string, string> = {};
    for (const prefix of ['', 'a', 'ab']) {
      texts[`base64 after ${prefix.length}`] = Buffer.from(`${prefix}${secret}~~`).toString('base64');
    }
    texts.form = `q=${new URLSearchParams({ q: 'correct horse battery staple' }).toString()}`;
    const hits = findSecrets(texts, { token: secret, phrase: 'correct horse battery staple' });
    expect(hits.map((hit) => `${hit.secret} ${hit.where}: ${hit.form}`)).toEqual([
      'token base64 after 0: base64 inside a longer string at offset 0',
      'token base64 after 1: base64 inside a longer string at offset 1',
      'token base64 after 2: base64 inside a longer string at offset 2',
      'phrase form: form-encoded',
    ]);
    expect(secretForms('short').map((form) => form.form)).toEqual(['base64']);
    expect(findSecrets({ log: 'token tok_9Qx2+Vb/Kc4= here' }, { token: secret })).toEqual([
      { secret: 'token', form: 'bare token raw', where: 'log', line: 'token <SECRET> here' },
    ]);
  });
});

describe('stack-guard', () => {
  const splitPassword = ['Spl1t', '-Dsn-', 'Pw-4e7a'].join('');
  const secrets = {
    'planted GitHub token': plantedSecrets[0] as string,
    'planted DSN password': plantedSecrets[1] as string,
    'split DSN password': splitPassword,
  };

  it.each(['pull-request', 'history'])(
    'scans a pull request planting a token and DSNs, one split across a concatenation (%s)',
    async (scope) => {
      const base: RepoFiles = {};
      for (const [path, text] of readTree(join(repoRoot, 'examples', 'shop-app'))) {
        base[relative(join(repoRoot, 'examples', 'shop-app'), path)] = text;
      }
      const head: RepoFiles = {};
      for (const planting of plantings)
        head[planting.path] = planting.edit(head[planting.path] ?? base[planting.path] ?? undefined);
      head['app/lib/db.server.ts'] =
        `export const databaseUrl = "postgresql://shop:${splitPassword}" +\n  "@db.example.co:5432/shop";\n`;
      const repo = fixtureRepo(base, { head });
      const { step, hits } = await scannedRun('stack-guard', secrets, {
        workspace: repo.dir,
        event: repo.pullRequestEvent(),
        inputs: { scope },
      });
      expect(Number(step.outputs.errors), step.log).toBeGreaterThan(0);
      expect(hits).toEqual([]);
    },
  );
});

describe('evidence-gate', () => {
  it('gates a Vitest report whose failure quotes a connection string with its password', async () => {
    const password = 'Rep0rt-Dsn-Pw-9c1f';
    const dir = tempDir('evidence');
    const fixture = join(repoRoot, 'packages', 'evidence', 'test', 'fixtures', 'vitest', 'failing.json');
    const report = JSON.parse(readFileSync(fixture, 'utf8'));
    const failed = report.testResults[0].assertionResults[1];
    failed.title = `connects to postgresql://ci:${password}@db.internal:5432/shop_test`;
    failed.fullName = `db ${failed.title}`;
    failed.failureMessages = [
      `Error: connect ECONNREFUSED postgresql://ci:${password}@db.internal:5432/shop_test\n    at test/db.test.js:11:36`,
    ];
    mkdirSync(join(dir, 'vitest'));
    writeFileSync(join(dir, 'vitest', 'report.json'), JSON.stringify(report));
    const { step, hits } = await scannedRun(
      'evidence-gate',
      { 'DSN password in a report': password },
      {
        workspace: dir,
        inputs: { reports: 'vitest/report.json', 'max-age': 'none', manifest: 'evidence-manifest.json' },
        env: { GITHUB_SHA: '3f6c0a1e9b2d4c5f8a7e6d5c4b3a29181716f5e4' },
      },
    );
    expect(step.outputs.verdict, step.log).toBe('fail');
    expect(hits).toEqual([]);
  });
});

describe('secret-mirror', () => {
  let repos = 0;

  /**
   * A fresh repository and Fly app, and a workspace with the vault as a JSON source, mirrored to the app
   * and, unless told not to, to a GitHub environment (GitHub spaces secret writes a second apart).
   */
  async function mirror(flyToken: FlyTokenName, toGitHub = true) {
    const repo = `leak-mirror-${++repos}`;
    github.addRepository('shop-co', repo);
    await fly.createApp(repo, { machines: 1, image: v1 });
    const dir = tempDir('workspace');
    writeFileSync(join(dir, 'vault.json'), JSON.stringify(vault, null, 2));
    const secrets = {
      ...vault,
      [flyToken]: flyTokens[flyToken],
      'GitHub token': githubToken,
      'digest key': digestKey,
    };
    const options: RunStepOptions = {
      workspace: dir,
      inputs: {
        sources: 'vault.json',
        ...(toGitHub ? { 'github-environment': 'staging', 'create-environment': 'true' } : {}),
        'fly-app': repo,
        'digest-key': digestKey,
        'github-token': githubToken,
        'github-api-url': github.apiUrl,
        repository: `shop-co/${repo}`,
        'fly-api-token': flyTokens[flyToken],
        'fly-api-url': fly.apiUrl,
      },
      env: { GITHUB_REPOSITORY: `shop-co/${repo}` },
    };
    return { repo, secrets, options };
  }

  it('applies every value', async () => {
    const { repo, secrets, options } = await mirror('Fly token (FlyV1)');
    const { step, hits } = await scannedRun('secret-mirror', secrets, options);
    expect(step.outcome, step.log).toBe('success');
    const scope = { kind: 'environment', owner: 'shop-co', repo, environment: 'staging' } as const;
    expect(github.secretValue(scope, 'PRIVATE_KEY')).toBe(vault.PRIVATE_KEY);
    expect(hits).toEqual([]);
  });

  it.each([
    ['its first request, in debug mode', { kind: 'echoCredential', times: 1 }, true],
    [
      'a secret write, mid-apply, with 422',
      { kind: 'echoCredential', method: 'PUT', path: '/secrets/', after: 1, times: 1, status: 422 },
      false,
    ],
  ] as const)('GitHub quotes the token back on %s', async (_case, rule, debug) => {
    const { secrets, options } = await mirror('Fly token (bare)');
    const id = github.faults.add(rule);
    const { step, hits } = await scannedRun('secret-mirror', secrets, { ...options, debug });
    expect(faultHit(github.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });

  it.each([
    ['Fly token (FlyV1)', 401],
    ['Fly token (personal)', 500],
  ] as const)('Fly quotes the %s back on its secrets call (%i)', async (flyToken, status) => {
    const { secrets, options } = await mirror(flyToken, false);
    const id = fly.faults.add({ path: '/secrets', echoCredential: true, status });
    const { step, hits } = await scannedRun('secret-mirror', secrets, options);
    expect(faultHit(fly.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });
});

describe('fly-deploy', () => {
  let apps = 0;

  async function deploy(flyToken: FlyTokenName) {
    const app = `leak-deploy-${++apps}`;
    github.addRepository('shop-co', app, { environments: ['staging'] });
    await fly.createApp(app, { machines: 2, image: v1 });
    const secrets = { [flyToken]: flyTokens[flyToken], 'GitHub token': githubToken };
    const options: RunStepOptions = {
      workspace: flyWorkspace(app),
      inputs: {
        'fly-api-token': flyTokens[flyToken],
        'github-token': githubToken,
        'github-environment': 'staging',
        'api-url': fly.apiUrl,
        'app-url': fly.appUrl(app),
        'wait-timeout': '20s',
        'record-file': 'release.json',
      },
      env: gitHubEnv(app),
    };
    return { secrets, options };
  }

  it('deploys and records a GitHub deployment', async () => {
    const { secrets, options } = await deploy('Fly token (FlyV1)');
    const { step, hits } = await scannedRun('fly-deploy', secrets, options);
    expect(step.outputs.outcome, step.log).toBe('succeeded');
    expect(hits).toEqual([]);
  });

  it('Fly quotes the bare token back on the first machines call (401)', async () => {
    const { secrets, options } = await deploy('Fly token (bare)');
    const id = fly.faults.add({ path: '/machines$', echoCredential: true, times: 1 });
    const { step, hits } = await scannedRun('fly-deploy', secrets, options);
    expect(faultHit(fly.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });

  it('Fly quotes the personal token back on a machine update, mid-deploy (500)', async () => {
    const { secrets, options } = await deploy('Fly token (personal)');
    const id = fly.faults.add({
      method: 'POST',
      path: '/machines/[^/]+$',
      echoCredential: true,
      status: 500,
      after: 1,
    });
    const { step, hits } = await scannedRun('fly-deploy', secrets, options);
    expect(faultHit(fly.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });

  it('GitHub quotes its token back when the deployment is recorded (a warning)', async () => {
    const { secrets, options } = await deploy('Fly token (FlyV1)');
    const id = github.faults.add({ kind: 'echoCredential', method: 'POST', path: '/deployments$' });
    const { step, hits } = await scannedRun('fly-deploy', secrets, options);
    expect(faultHit(github.faults, id)).toBe(true);
    expect(step.outputs.outcome, step.log).toBe('succeeded');
    expect(hits).toEqual([]);
  });
});

describe('rollback', () => {
  let apps = 0;

  /** An app deployed from v1 to v2 (a setup step, not scanned), so there is a release to go back from. */
  async function deployed(flyToken: FlyTokenName) {
    const app = `leak-rollback-${++apps}`;
    github.addRepository('shop-co', app, { environments: ['staging'] });
    await fly.createApp(app, { machines: 2, image: v1 });
    const workspace = flyWorkspace(app);
    const setUp = await runStep('fly-deploy', {
      workspace,
      inputs: { 'api-url': fly.apiUrl, 'wait-timeout': '20s', 'record-file': 'release.json' },
      env: { FLY_API_TOKEN: 'fm2_setup' },
    });
    expect(setUp.outputs.outcome, setUp.log).toBe('succeeded');
    const secrets = { [flyToken]: flyTokens[flyToken], 'GitHub token': githubToken };
    const options: RunStepOptions = {
      workspace,
      inputs: {
        'record-file': 'release.json',
        'fly-api-token': flyTokens[flyToken],
        'github-token': githubToken,
        'github-environment': 'staging',
        'api-url': fly.apiUrl,
        'app-url': fly.appUrl(app),
        'wait-timeout': '20s',
        'record-out-file': 'rollback.json',
      },
      env: gitHubEnv(app),
    };
    return { secrets, options };
  }

  it('rolls back and records a GitHub deployment, whose status call GitHub answers quoting its token', async () => {
    const { secrets, options } = await deployed('Fly token (FlyV1)');
    const id = github.faults.add({ kind: 'echoCredential', method: 'POST', path: '/statuses$' });
    const { step, hits } = await scannedRun('rollback', secrets, options);
    expect(faultHit(github.faults, id)).toBe(true);
    expect(step.outputs.outcome, step.log).toBe('succeeded');
    expect(hits).toEqual([]);
  });

  it('Fly quotes the bare token back on its first call (401)', async () => {
    const { secrets, options } = await deployed('Fly token (bare)');
    const id = fly.faults.add({ path: '/v1/apps/', echoCredential: true, times: 1 });
    const { step, hits } = await scannedRun('rollback', secrets, options);
    expect(faultHit(fly.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });

  it('Fly quotes the personal token back on a machine update, mid-rollback (500)', async () => {
    const { secrets, options } = await deployed('Fly token (personal)');
    const id = fly.faults.add({
      method: 'POST',
      path: '/machines/[^/]+$',
      echoCredential: true,
      status: 500,
      after: 1,
    });
    const { step, hits } = await scannedRun('rollback', secrets, options);
    expect(faultHit(fly.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });
});

describe('smoke-test', () => {
  const app = 'leak-smoke';
  const secrets = { 'probe Authorization header': probeAuthorization, 'probe X-Api-Key header': probeApiKey };
  const checks = `- path: /healthz
- path: /
  expect: { status: 200, body-contains: machine, headers: { www-authenticate: false } }
`;

  beforeAll(async () => {
    await fly.createApp(app, { machines: 1, image: v1 });
  });

  const smoke = () =>
    scannedRun('smoke-test', secrets, {
      inputs: { 'base-url': fly.appUrl(app), checks, headers: probeHeaders, repeat: '2' },
    });

  it('passes with the headers sent', async () => {
    const { step, hits } = await smoke();
    expect(step.outcome, step.log).toBe('success');
    expect(hits).toEqual([]);
  });

  it.each([
    ['Authorization', true, 401],
    ['X-Api-Key', 'X-Api-Key', 403],
  ] as const)('the app quotes the %s header back', async (_name, header, status) => {
    const id = fly.faults.add({ scope: 'proxy', app, path: '^/$', echoCredential: header, status });
    const { step, hits } = await smoke();
    expect(faultHit(fly.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });
});

describe('canary-promote', () => {
  let apps = 0;

  async function promote(flyToken: FlyTokenName, more: Record<string, string> = {}) {
    const app = `leak-canary-${++apps}`;
    github.addRepository('shop-co', app, { environments: ['production'] });
    await fly.createApp(app, { machines: 2, image: v1 });
    const secrets = {
      [flyToken]: flyTokens[flyToken],
      'GitHub token': githubToken,
      'probe Authorization header': probeAuthorization,
      'probe X-Api-Key header': probeApiKey,
      'Prometheus token': prometheusToken,
    };
    const options: RunStepOptions = {
      workspace: flyWorkspace(app),
      inputs: {
        image: v2,
        steps: '1, 100%',
        bake: '1s',
        'probe-rate': '20',
        'min-samples': '10',
        paths: '/, /version',
        headers: probeHeaders,
        'prometheus-token': prometheusToken,
        'fly-api-token': flyTokens[flyToken],
        'github-token': githubToken,
        'github-environment': 'production',
        'api-url': fly.apiUrl,
        'app-url': fly.appUrl(app),
        'wait-timeout': '20s',
        ...more,
      },
      env: gitHubEnv(app),
    };
    return { app, secrets, options };
  }

  it('promotes, probing with the headers, and records a GitHub deployment', async () => {
    const { secrets, options } = await promote('Fly token (FlyV1)');
    const { step, hits } = await scannedRun('canary-promote', secrets, options);
    expect(step.outputs.decision, step.log).toBe('promoted');
    expect(hits).toEqual([]);
  });

  it('Fly quotes the bare token back on the first machines call (401)', async () => {
    const { secrets, options } = await promote('Fly token (bare)');
    const id = fly.faults.add({ path: '/machines$', echoCredential: true, times: 1 });
    const { step, hits } = await scannedRun('canary-promote', secrets, options);
    expect(faultHit(fly.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });

  it('Prometheus quotes its token back on every query; GitHub quotes its own on the deployment', async () => {
    const { secrets, options } = await promote('Fly token (personal)', {
      'prometheus-url': prometheusUrl,
      'prometheus-queries': '- { name: errors, query: "sum(rate(errors[{{interval}}]))", max: 1 }',
    });
    const id = github.faults.add({ kind: 'echoCredential', method: 'POST', path: '/deployments$' });
    const { step, hits } = await scannedRun('canary-promote', secrets, options);
    expect(faultHit(github.faults, id)).toBe(true);
    expect(step.outcome, step.log).toBe('failure');
    expect(hits).toEqual([]);
  });

  it("the app quotes the probes' Authorization header back", async () => {
    const { app, secrets, options } = await promote('Fly token (FlyV1)');
    const id = fly.faults.add({ scope: 'proxy', app, path: '^/$', echoCredential: true });
    const { step, hits } = await scannedRun('canary-promote', secrets, options);
    expect(faultHit(fly.faults, id)).toBe(true);
    expect(step.outputs.decision, step.log).toBeTruthy();
    expect(hits).toEqual([]);
  });
});

describe('a URL input with user:password@ is refused', () => {
  const password = 'Url-Cred-Pw-7f3e9a';
  const withCredentials = (url: string) => url.replace('://', `://leakuser:${password}@`);
  const token = flyTokens['Fly token (bare)'];
  const cases: Array<[string, string, () => RunStepOptions]> = [
    ['fly-deploy', 'api-url', () => flyRun({ 'api-url': withCredentials(fly.apiUrl) })],
    ['fly-deploy', 'app-url', () => flyRun({ 'app-url': withCredentials(fly.appUrl('leak-smoke')) })],
    ['rollback', 'api-url', () => flyRun({ app: 'leak-url', 'api-url': withCredentials(fly.apiUrl) })],
    [
      'rollback',
      'app-url',
      () => flyRun({ app: 'leak-url', 'app-url': withCredentials(fly.appUrl('leak-smoke')) }),
    ],
    ['canary-promote', 'api-url', () => flyRun({ image: v2, 'api-url': withCredentials(fly.apiUrl) })],
    [
      'canary-promote',
      'app-url',
      () => flyRun({ image: v2, 'app-url': withCredentials(fly.appUrl('leak-smoke')) }),
    ],
    [
      'canary-promote',
      'prometheus-url',
      () =>
        flyRun({
          image: v2,
          'prometheus-url': withCredentials(prometheusUrl),
          'prometheus-queries': '- { name: errors, query: "up", min: 1 }',
        }),
    ],
    [
      'secret-mirror',
      'github-api-url',
      () => mirrorRun({ 'github-api-url': withCredentials(github.apiUrl) }),
    ],
    ['secret-mirror', 'fly-api-url', () => mirrorRun({ 'fly-api-url': withCredentials(fly.apiUrl) })],
    ['smoke-test', 'base-url', () => ({ inputs: { 'base-url': withCredentials(fly.appUrl('leak-smoke')) } })],
    [
      'smoke-test',
      'ready-path',
      () => ({
        inputs: {
          'base-url': fly.appUrl('leak-smoke'),
          'ready-path': withCredentials(`${fly.appUrl('leak-smoke')}/healthz`),
        },
      }),
    ],
  ];

  function flyRun(inputs: Record<string, string>): RunStepOptions {
    return {
      workspace: flyWorkspace('leak-url'),
      inputs: { 'fly-api-token': token, 'api-url': fly.apiUrl, 'wait-timeout': '5s', ...inputs },
    };
  }

  function mirrorRun(inputs: Record<string, string>): RunStepOptions {
    const dir = tempDir('workspace');
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ API_KEY: 'value-of-api-key' }));
    return {
      workspace: dir,
      inputs: {
        sources: 'vault.json',
        'fly-app': 'leak-url',
        'github-token': githubToken,
        'github-api-url': github.apiUrl,
        repository: 'shop-co/leak-url',
        'fly-api-token': token,
        'fly-api-url': fly.apiUrl,
        ...inputs,
      },
    };
  }

  it.each(cases)('%s %s: one line naming the input, the password nowhere', async (action, input, options) => {
    const { step, hits } = await scannedRun(action, { 'URL password': password }, options());
    expect(step.outcome, step.log).toBe('failure');
    expect(errorLines(step).map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(new RegExp(`^${action}: input '${input}'`, 'i')),
    ]);
    expect(hits).toEqual([]);
  });
});

// `npm run demo`: the sample shop app through the shipgate CLI and the committed bundles, exactly as a user
// runs them. First its evidence: the app's Vitest suite really runs, evidence-gate passes it for the commit
// and writes a manifest, a later verification proves it, and one changed byte breaks that proof. Then its
// secrets: the sample vault mirrored into the GitHub and Fly sandboxes (plan, apply, a re-run with no write,
// drift found and fixed, rotation). Then the deploy, on the local Fly sandbox: v1 then v2 to staging, smoke-tested through the proxy, a bad image that
// rolls itself back, and a one-step rollback. Then stack-guard: a clean app passes; a pull request that drifts from the stack fails with every planted
// violation found; a secret removed in a later commit is still found in history.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGitHubClient } from '@shipgate/github';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { plantings } from '../examples/drift';

const repoRoot = join(import.meta.dirname, '..');
const cli = join(repoRoot, 'packages', 'cli', 'bin', 'shipgate.js');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[22m` : text);

const work = mkdtempSync(join(tmpdir(), 'shipgate-demo-'));
const app = join(work, 'shop-app');
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Demo Developer',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Demo Developer',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: app,
    env: gitEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();

function section(title: string, command: string[]): void {
  console.log(`\n${bold(`━━ ${title}`)}`);
  console.log(`$ shipgate ${command.join(' ')}\n`);
}

/** Runs the CLI without blocking this process: the Fly sandbox answering it lives here. */
async function shipgate(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ status: number; outputs: Record<string, string> }> {
  const outputFile = join(work, 'outputs.json');
  rmSync(outputFile, { force: true });
  const child = spawn(process.execPath, [cli, ...args, '--output-file', outputFile], {
    cwd: app,
    stdio: 'inherit',
    env,
  });
  const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const outputs = JSON.parse(readFileSync(outputFile, 'utf8')) as Record<string, string>;
  return { status, outputs };
}

interface ReportFinding {
  ruleId: string;
  path: string;
  commit?: string;
}

let failures = 0;
function check(ok: boolean, text: string): void {
  console.log(`  ${ok ? '✓' : '✗'} ${text}`);
  if (!ok) failures++;
}

try {
  cpSync(join(repoRoot, 'examples', 'shop-app'), app, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Shop app on React Router 7, Fly.io and Supabase');
  // The app's tests run with this repository's Vitest (the sample app's own packages are not installed).
  symlinkSync(join(repoRoot, 'node_modules'), join(app, 'node_modules'), 'dir');
  const head = git('rev-parse', 'HEAD');

  const vitestArgs = [
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=evidence/vitest.json',
  ];
  console.log(`\n${bold('━━ 1. Evidence for the commit to promote')} (${head.slice(0, 12)})`);
  console.log(`$ vitest ${vitestArgs.join(' ')}\n`);
  const tests = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), ...vitestArgs],
    {
      cwd: app,
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: color ? '1' : '0' },
    },
  );
  check(tests.status === 0, `the app's Vitest suite ran and passed (exit ${tests.status})`);

  const gateArgs = [
    'evidence-gate',
    '--reports',
    'evidence',
    '--thresholds-file',
    '.github/evidence-gate.yml',
  ];
  const manifestArgs = ['--manifest', 'evidence/evidence-manifest.json'];
  section('1a. Gate the evidence for this commit', [...gateArgs, ...manifestArgs]);
  const gated = await shipgate([...gateArgs, ...manifestArgs]);
  console.log(`\n${bold('Verdict')}`);
  check(
    gated.status === 0 && gated.outputs.verdict === 'pass' && Number(gated.outputs.passed) >= 5,
    `the evidence passes (${gated.outputs.passed} passing tests, verdict ${gated.outputs.verdict})`,
  );

  const verifyArgs = ['evidence-gate', '--mode', 'verify', ...manifestArgs];
  section('1b. A later job proves what was gated', verifyArgs);
  const verified = await shipgate(verifyArgs);
  console.log(`\n${bold('Verdict')}`);
  check(
    verified.status === 0 && verified.outputs.verdict === 'pass',
    'the manifest verifies against the files and the commit',
  );

  const reportPath = join(app, 'evidence', 'vitest.json');
  const original = readFileSync(reportPath);
  const edited = Buffer.from(original);
  const at = edited.indexOf('"numFailedTests":0');
  edited[at + '"numFailedTests":'.length] = '1'.charCodeAt(0);
  writeFileSync(reportPath, edited);
  section('1c. One byte of the evidence changes; the proof no longer holds', verifyArgs);
  const tampered = await shipgate(verifyArgs);
  console.log(`\n${bold('Verdict')}`);
  check(
    tampered.status === 1 && tampered.outputs.verdict === 'fail',
    `verification fails (exit ${tampered.status})`,
  );
  writeFileSync(reportPath, original);

  const fly = await startFlySandbox({ timeScale: 0.05 });
  const github = await startGitHubSandbox();
  try {
    await mirrorSecrets(github, fly);
    await deployToSandbox(fly);
  } finally {
    await github.close();
    await fly.close();
  }

  console.log(`\n${bold('━━ 4. Pull-request checks: stack-guard')}`);
  const clean = ['stack-guard', '--scope', 'full'];
  section('4a. The clean app, full scan', clean);
  const first = await shipgate(clean);
  console.log(`\n${bold('Verdict')}`);
  check(
    first.status === 0 && first.outputs.errors === '0',
    `clean app passes (exit ${first.status}, ${first.outputs.errors} errors)`,
  );

  git('checkout', '-q', '-b', 'feature/drift');
  for (const planting of plantings) {
    const file = join(app, planting.path);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, planting.edit(current));
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'Quick fixes before launch');

  const pr = ['stack-guard', '--scope', 'pull-request', '--base', 'main', '--head', 'HEAD'];
  section(`4b. A pull request that drifts from the stack (${plantings.length} planted violations)`, pr);
  const second = await shipgate(pr);
  const findings =
    (JSON.parse(second.outputs.report ?? '{}') as { findings?: ReportFinding[] }).findings ?? [];
  console.log(`\n${bold('Verdict')}`);
  check(second.status === 1, `the pull request fails (exit ${second.status})`);
  for (const planting of plantings) {
    const found = findings.some(
      (f) => f.ruleId === planting.expect.ruleId && f.path === planting.expect.path,
    );
    check(found, `${planting.description}: ${planting.expect.ruleId} in ${planting.expect.path}`);
  }

  git('rm', '-q', 'app/lib/github.server.ts');
  git('commit', '-q', '-m', 'Remove the hard-coded token');
  const history = ['stack-guard', '--scope', 'history', '--fail-on', 'none'];
  section('4c. The token is deleted in a later commit; history still has it', history);
  const third = await shipgate(history);
  const past = (JSON.parse(third.outputs.report ?? '{}') as { findings?: ReportFinding[] }).findings ?? [];
  console.log(`\n${bold('Verdict')}`);
  check(
    past.some((f) => f.ruleId === 'no-secrets' && f.path === 'app/lib/github.server.ts' && f.commit),
    'the deleted token is found in the commit that added it',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The secrets half: the vault (a checkout of the team's private vault repository, ignored by git) mirrored
 * into the GitHub environments and Fly apps of staging and production — plan, apply, a re-run that writes
 * nothing, a secret changed by hand found and put back, and a rotation of the generated ones.
 */
async function mirrorSecrets(github: GitHubSandbox, fly: FlySandbox): Promise<void> {
  cpSync(join(repoRoot, 'examples', 'vault'), join(app, 'vault'), { recursive: true });
  github.addRepository('shop-co', 'shop-app', { environments: [] });
  await fly.createApp('shop-app-staging', { machines: 0 });
  await fly.createApp('shop-app-production', { machines: 0 });
  const env = {
    ...process.env,
    GITHUB_REPOSITORY: 'shop-co/shop-app',
    GH_TOKEN: github.token,
    FLY_API_TOKEN: fly.token,
  };
  const mirror = [
    'secret-mirror',
    '--config',
    '.github/secret-mirror.yml',
    '--digest-key',
    'demo-digest-key-7f3a9c1e5b2d',
    '--github-api-url',
    github.apiUrl,
    '--fly-api-url',
    fly.apiUrl,
  ];
  const staging = (name: string) =>
    github.secretValue(
      { kind: 'environment', owner: 'shop-co', repo: 'shop-app', environment: 'staging' },
      name,
    );
  const vaultValue = (name: string) =>
    new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(
      readFileSync(join(app, 'vault', 'shop-app', 'staging.env'), 'utf8'),
    )?.[1];
  console.log(
    `\n${bold('━━ 2. Secrets: the vault into GitHub environments and Fly apps')} (the GitHub and Fly sandboxes)`,
  );

  section('2a. The plan (dry run)', [...mirror, '--dry-run']);
  const plan = await shipgate([...mirror, '--dry-run'], env);
  console.log(`\n${bold('Verdict')}`);
  check(
    plan.status === 0 && Number(plan.outputs.created) > 0 && plan.outputs.writes === '0',
    `${plan.outputs.created} secrets to create, nothing written`,
  );

  section('2b. Apply and verify', mirror);
  const applied = await shipgate(mirror, env);
  console.log(`\n${bold('Verdict')}`);
  check(
    applied.status === 0 && applied.outputs.created === plan.outputs.created,
    `${applied.outputs.created} created, verified`,
  );
  check(
    staging('SHOPIFY_API_SECRET') === vaultValue('SHOPIFY_API_SECRET'),
    'the staging environment holds the vault value (opened with the environment key)',
  );

  section('2c. The same vault again', mirror);
  const again = await shipgate(mirror, env);
  console.log(`\n${bold('Verdict')}`);
  check(
    again.status === 0 && again.outputs.writes === '0',
    `nothing changed, so nothing is written (${again.outputs.writes} writes)`,
  );

  await new Promise((resolve) => setTimeout(resolve, 1100)); // GitHub's updated_at has whole seconds
  await createGitHubClient({ token: github.token, baseUrl: github.apiUrl }).putSecret(
    { kind: 'environment', owner: 'shop-co', repo: 'shop-app', environment: 'staging' },
    'SHOPIFY_API_SECRET',
    'pasted-by-hand-in-the-settings-page',
  );
  section('2d. Someone changed SHOPIFY_API_SECRET in the staging environment by hand', mirror);
  const drift = await shipgate(mirror, env);
  console.log(`\n${bold('Verdict')}`);
  check(drift.status === 0 && drift.outputs.drift === '1', `the drift is reported (${drift.outputs.drift})`);
  check(staging('SHOPIFY_API_SECRET') === vaultValue('SHOPIFY_API_SECRET'), 'and the vault value is back');

  const before = staging('SESSION_SECRET');
  section('2e. Rotation: the generated secrets get new values everywhere', [...mirror, '--rotate']);
  const rotated = await shipgate([...mirror, '--rotate'], env);
  console.log(`\n${bold('Verdict')}`);
  check(
    rotated.status === 0 && staging('SESSION_SECRET') !== before,
    `SESSION_SECRET rotated and verified (${rotated.outputs.updated} updated)`,
  );
}

/**
 * The deploy half, against the Fly sandbox (machines are real local processes behind a proxy): v1 then v2 on
 * a staging app, smoke-tested through the proxy; a bad image rolled back by itself; one step back to v1.
 */
async function deployToSandbox(sandbox: FlySandbox): Promise<void> {
  {
    const flyApp = 'shop-app-staging';
    const env = { ...process.env, FLY_API_TOKEN: sandbox.token };
    const image = (tag: string) => `registry.fly.io/shop-app:${tag}`;
    const target = [
      '--api-url',
      sandbox.apiUrl,
      '--app-url',
      sandbox.appUrl(flyApp),
      '--wait-timeout',
      '60s',
    ];
    const served = async () => {
      const versions = new Set<string>();
      for (let i = 0; i < 8; i += 1) {
        const response = await fetch(`${sandbox.appUrl(flyApp)}/version`);
        versions.add(((await response.json()) as { version: string }).version);
      }
      return [...versions].sort().join(', ');
    };
    console.log(`\n${bold('━━ 3. Deploy to staging')} (the Fly sandbox at ${sandbox.apiUrl}; app ${flyApp})`);

    const v1 = ['fly-deploy', '--image', image('v1'), '--count', '2', ...target];
    section(
      '3a. The first release: v1 on two new machines (fly.toml: rolling, release command, health check)',
      v1,
    );
    const first = await shipgate(v1, env);
    console.log(`\n${bold('Verdict')}`);
    check(
      first.status === 0 && first.outputs.outcome === 'succeeded' && first.outputs.machines === '2',
      `v1 runs on ${first.outputs.machines} machines (${first.outputs.outcome})`,
    );
    check((await served()) === 'v1', `the proxy answers v1 (${await served()})`);

    const v2 = ['fly-deploy', '--image', image('v2'), '--record-file', 'releases/v2.json', ...target];
    section('3b. v2, rolling: one machine first, then the rest', v2);
    const second = await shipgate(v2, env);
    console.log(`\n${bold('Verdict')}`);
    check(
      second.status === 0 &&
        second.outputs.outcome === 'succeeded' &&
        second.outputs['previous-image'] === image('v1'),
      `v2 replaced ${second.outputs['previous-image']} (${second.outputs.outcome})`,
    );
    check((await served()) === 'v2', `the proxy answers v2 (${await served()})`);

    const smoke = [
      'smoke-test',
      '--base-url',
      sandbox.appUrl(flyApp),
      '--paths',
      '/healthz, /',
      '--repeat',
      '3',
    ];
    section('3c. Smoke-test staging through the proxy', smoke);
    const smoked = await shipgate(smoke, env);
    console.log(`\n${bold('Verdict')}`);
    check(smoked.status === 0 && smoked.outputs.failed === '0', `${smoked.outputs.passed} checks passed`);

    const bad = [
      'fly-deploy',
      '--image',
      image('unhealthy-v3'),
      '--wait-timeout',
      '5s',
      ...target.slice(0, 4),
    ];
    section('3d. A bad image: its health check never passes', bad);
    const third = await shipgate(bad, env);
    console.log(`\n${bold('Verdict')}`);
    check(
      third.status === 1 && third.outputs.outcome === 'rolled-back',
      `the deploy fails and rolls itself back (exit ${third.status}, ${third.outputs.outcome})`,
    );
    check((await served()) === 'v2', `the proxy still answers v2 (${await served()})`);

    const back = ['rollback', '--record-file', 'releases/v2.json', '--api-url', sandbox.apiUrl];
    section('3e. One step back: undo release v2 from its record', back);
    const undone = await shipgate(back, env);
    console.log(`\n${bold('Verdict')}`);
    check(
      undone.status === 0 && undone.outputs.outcome === 'succeeded' && undone.outputs.image === image('v1'),
      `every machine is back on ${undone.outputs.image} (${undone.outputs.outcome})`,
    );
    check((await served()) === 'v1', `the proxy answers v1 (${await served()})`);
  }
}

console.log(failures === 0 ? `\n${bold('demo passed')}` : `\n${bold(`demo FAILED: ${failures} checks`)}`);
process.exit(failures === 0 ? 0 : 1);

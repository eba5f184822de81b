// `npm run demo`: the sample shop app from a pull request to production, through the shipgate CLI and the
// committed bundles, exactly as a user runs them, on the local GitHub and Fly.io sandboxes. In order:
//   1. stack-guard: the clean app passes a full scan; a pull request that drifts from the stack fails with
//      every planted violation found; a token deleted in a later commit is still found in history.
//   2. Evidence: the app's Vitest suite really runs, evidence-gate passes it for the commit and writes a
//      manifest, a later verification proves it, and one changed byte breaks that proof.
//   3. Secrets: the vault mirrored into the staging and production environments and Fly apps (plan, apply,
//      a re-run with zero writes, a secret changed by hand found and put back).
//   4. Staging: v1 deployed with fly-deploy, smoke-tested through the sandbox's proxy.
//   5. Approval: the production environment's reviewer (in GitHub, promote.yml's `production` environment).
//   6. Production: v1 promoted as a canary in measured steps over the release before it, then smoke-tested.
//   7. v2, whose canary answers 500 to a share of requests: the analysis aborts it and puts the canary back
//      on v1, while the demo watches what production answers throughout.
//   8. A report: what ran, how it ended, how long it took, and the folder holding every run's outputs
//      (JSON), release records (JSON) and step summaries (Markdown).
// Every verdict is a check: one that fails makes the demo exit 1, so CI runs it as an end-to-end test.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createGitHubClient } from '@shipgate/github';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { plantings } from '../examples/drift';

const repoRoot = join(import.meta.dirname, '..');
const cli = join(repoRoot, 'packages', 'cli', 'bin', 'shipgate.js');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[22m` : text);
const started = performance.now();

// Every run's outputs, records and summaries, in one folder (gitignored), emptied first so it holds this run only.
const outDir = join(repoRoot, 'demo-output');
const outName = `${relative(process.cwd(), outDir) || '.'}/`;
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const out = (name: string) => join(outDir, name);

const work = mkdtempSync(join(tmpdir(), 'shipgate-demo-'));
const app = join(work, 'shop-app');
// An action writes files only in its workspace (or RUNNER_TEMP): release records go to a folder of the app,
// kept out of its git history, and are copied to the demo's folder after each run.
const records = join(app, '.shipgate');
const recordFile = (name: string) => join(records, name);
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

const image = (tag: string) => `registry.fly.io/shop-app:${tag}`;
const stagingApp = 'shop-app-staging';
// The production app the vault's production mirror targets (examples/shop-app/.github/secret-mirror.yml).
const productionApp = 'shop-app-production';

/** One line of the closing report. */
interface Row {
  step: string;
  command: string;
  result: string;
  seconds: number;
  ok: boolean;
}
const rows: Row[] = [];

let failures = 0;
let checks = 0;
/** A verdict line; a failed one fails the demo and marks the report's latest row. */
function check(ok: boolean, text: string): void {
  console.log(`  ${ok ? '✓' : '✗'} ${text}`);
  checks++;
  if (!ok) {
    failures++;
    const last = rows.at(-1);
    if (last) last.ok = false;
  }
}

function chapter(title: string, note?: string): void {
  console.log(`\n\n${bold(`━━━━ ${title}`)}`);
  if (note) console.log(note);
}

function verdict(): void {
  console.log(`\n${bold('Verdict')}`);
}

interface Run {
  status: number;
  outputs: Record<string, string>;
}

/** The flags worth repeating in the report's command column (the rest are URLs and tuning). */
const briefFlags = new Set(['--scope', '--mode', '--dry-run', '--image', '--count']);

/** One line on how a run ended, from its outputs. */
function outcomeOf(action: string, o: Record<string, string>): string {
  if (Object.keys(o).length === 0) return 'no outputs';
  switch (action) {
    case 'stack-guard':
      return `${o.errors} errors`;
    case 'evidence-gate':
      return `verdict ${o.verdict}${o.passed ? ` (${o.passed} passing tests)` : ''}`;
    case 'secret-mirror':
      return `${o.created} created, ${o.updated} updated, ${o.writes} writes, ${o.drift} drift`;
    case 'fly-deploy':
    case 'rollback':
      return `${o.outcome}, ${o.machines} machines on ${shortImage(o.image ?? '')}`;
    case 'smoke-test':
      return `${o.passed} checks ok, ${o.failed} failing`;
    case 'canary-promote':
      return `${o.decision} at step ${o['step-reached']} of ${o.steps}`;
    default:
      return '';
  }
}

const shortImage = (ref: string) => ref.replace(/^registry\.fly\.io\//, '');

/** An argument as a shell needs it, so a command shown can be pasted. */
const shellQuote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);

/**
 * Runs the CLI without blocking this process (the sandboxes answering it live here), with its outputs and
 * step summary written to the demo's folder as `<step>-<action>.outputs.json` and `.summary.md`.
 */
async function shipgate(
  step: string,
  title: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; expectStatus?: number; brief?: string } = {},
): Promise<Run> {
  const action = args[0] ?? '';
  const files = out(`${step}-${action}`);
  console.log(`\n${bold(`── ${step}. ${title}`)}`);
  console.log(`$ shipgate ${args.map(shellQuote).join(' ')}`);
  console.log(dim(`  (outputs and step summary → ${outName}${step}-${action}.outputs.json, .summary.md)\n`));
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [cli, ...args, '--output-file', `${files}.outputs.json`, '--summary-file', `${files}.summary.md`],
    { cwd: app, stdio: 'inherit', env: options.env ?? process.env },
  );
  const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  if (existsSync(records)) {
    for (const name of readdirSync(records)) copyFileSync(join(records, name), out(name));
  }
  let outputs: Record<string, string> = {};
  try {
    outputs = JSON.parse(readFileSync(`${files}.outputs.json`, 'utf8')) as Record<string, string>;
  } catch {
    // No outputs file: the CLI could not run the action; the checks below say so.
  }
  const brief = args.flatMap((arg, i) => {
    if (!briefFlags.has(arg)) return [];
    const value = args[i + 1];
    return value === undefined || value.startsWith('--') ? [arg] : [arg, shortImage(value)];
  });
  const expected = options.expectStatus ?? 0;
  rows.push({
    step,
    command: `shipgate ${[action, ...brief].join(' ')}${options.brief ? ` ${options.brief}` : ''}`,
    result: `exit ${status}${status !== 0 && status === expected ? ' (expected)' : ''} · ${outcomeOf(action, outputs)}`,
    seconds: (performance.now() - t0) / 1000,
    ok: status === expected,
  });
  return { status, outputs };
}

/** A step of the story that is not a CLI run (the tests, the approval), for the report. */
function row(step: string, command: string, result: string, seconds: number): void {
  rows.push({ step, command, result, seconds, ok: true });
}

interface ReportFinding {
  ruleId: string;
  path: string;
  commit?: string;
}

console.log(bold('shipgate demo: the sample shop app from a pull request to production'));
console.log(
  'On local sandboxes of GitHub and Fly.io, through the shipgate CLI (the same bundles the GitHub runner runs).',
);
console.log(
  `Every run's outputs (JSON), release records (JSON) and step summaries (Markdown) go to ${outDir}`,
);

try {
  cpSync(join(repoRoot, 'examples', 'shop-app'), app, { recursive: true });
  git('init', '-q', '-b', 'main');
  appendFileSync(join(app, '.git', 'info', 'exclude'), '.shipgate/\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'Shop app on React Router 7, Fly.io and Supabase');
  // The app's tests run with this repository's Vitest (the sample app's own packages are not installed).
  symlinkSync(join(repoRoot, 'node_modules'), join(app, 'node_modules'), 'dir');
  const head = git('rev-parse', 'HEAD');

  await stackGuard();
  git('checkout', '-q', 'main');
  await evidence(head);

  const fly = await startFlySandbox({ timeScale: 0.05 });
  const github = await startGitHubSandbox();
  try {
    await mirrorSecrets(github, fly);
    await staging(fly);
    approval();
    await production(fly);
  } finally {
    await github.close();
    await fly.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
report();

/** stack-guard as pr-checks.yml runs it: a full scan, a drifting pull request, and the repository's history. */
async function stackGuard(): Promise<void> {
  chapter(
    '1. Pull request: stack-guard on the sample app',
    'In GitHub this is pr-checks.yml on every pull request; here the app is a fresh git repository in a temp folder.',
  );
  const clean = ['stack-guard', '--scope', 'full'];
  const first = await shipgate('1a', 'The clean app, full scan', clean);
  verdict();
  check(
    first.status === 0 && first.outputs.errors === '0',
    `the clean app passes (exit ${first.status}, ${first.outputs.errors} errors)`,
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
  const second = await shipgate(
    '1b',
    `A pull request that drifts from the stack (${plantings.length} planted violations)`,
    pr,
    { expectStatus: 1 },
  );
  const findings =
    (JSON.parse(second.outputs.report ?? '{}') as { findings?: ReportFinding[] }).findings ?? [];
  verdict();
  check(second.status === 1, `the pull request fails (exit ${second.status}, as it should)`);
  for (const planting of plantings) {
    const found = findings.some(
      (f) => f.ruleId === planting.expect.ruleId && f.path === planting.expect.path,
    );
    check(found, `${planting.description}: ${planting.expect.ruleId} in ${planting.expect.path}`);
  }

  git('rm', '-q', 'app/lib/github.server.ts');
  git('commit', '-q', '-m', 'Remove the hard-coded token');
  const history = ['stack-guard', '--scope', 'history', '--fail-on', 'none'];
  const third = await shipgate('1c', 'The token is deleted in a later commit; history still has it', history);
  const past = (JSON.parse(third.outputs.report ?? '{}') as { findings?: ReportFinding[] }).findings ?? [];
  verdict();
  check(
    past.some((f) => f.ruleId === 'no-secrets' && f.path === 'app/lib/github.server.ts' && f.commit),
    'the deleted token is found in the commit that added it',
  );
}

/** The evidence half: the app's own tests, gated for the commit, proven later, and a tampered byte caught. */
async function evidence(head: string): Promise<void> {
  chapter(
    `2. Evidence for the commit to promote (${head.slice(0, 12)}, main without the drifting pull request)`,
  );
  const vitestArgs = [
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=evidence/vitest.json',
  ];
  console.log(`\n${bold("── 2a. The app's Vitest suite")}`);
  console.log(`$ vitest ${vitestArgs.join(' ')}\n`);
  const t0 = performance.now();
  const tests = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), ...vitestArgs],
    {
      cwd: app,
      stdio: 'inherit',
      // FORCE_COLOR=0 still colours Vitest's output; NO_COLOR does not.
      env: { ...process.env, ...(color ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }) },
    },
  );
  row(
    '2a',
    'vitest run (the app)',
    `exit ${tests.status} · evidence/vitest.json`,
    (performance.now() - t0) / 1000,
  );
  verdict();
  check(tests.status === 0, `the app's Vitest suite ran green (exit ${tests.status})`);

  const gateArgs = [
    'evidence-gate',
    '--reports',
    'evidence',
    '--thresholds-file',
    '.github/evidence-gate.yml',
  ];
  const manifestArgs = ['--manifest', 'evidence/evidence-manifest.json'];
  const gated = await shipgate('2b', 'Gate the evidence for this commit', [...gateArgs, ...manifestArgs]);
  verdict();
  check(
    gated.status === 0 && gated.outputs.verdict === 'pass' && Number(gated.outputs.passed) >= 5,
    `the evidence holds (${gated.outputs.passed} passing tests, verdict ${gated.outputs.verdict})`,
  );

  const verifyArgs = ['evidence-gate', '--mode', 'verify', ...manifestArgs];
  const verified = await shipgate('2c', 'A later job proves what was gated', verifyArgs);
  verdict();
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
  const tampered = await shipgate(
    '2d',
    'One byte of the evidence changes; the proof no longer holds',
    verifyArgs,
    { expectStatus: 1 },
  );
  verdict();
  check(
    tampered.status === 1 && tampered.outputs.verdict === 'fail',
    `verification fails (exit ${tampered.status}, as it should)`,
  );
  writeFileSync(reportPath, original);
}

/**
 * The secrets: the vault (a checkout of the team's private vault repository, ignored by git) mirrored into
 * the GitHub environments and Fly apps of staging and production — plan, apply, a re-run that writes
 * nothing, and a secret changed by hand found and put back.
 */
async function mirrorSecrets(github: GitHubSandbox, fly: FlySandbox): Promise<void> {
  cpSync(join(repoRoot, 'examples', 'vault'), join(app, 'vault'), { recursive: true });
  github.addRepository('shop-co', 'shop-app', { environments: [] });
  await fly.createApp(stagingApp, { machines: 0 });
  // Production already runs: four machines on v0, the release before this story, for v1's canary to beat.
  await fly.createApp(productionApp, { machines: 4, image: image('v0') });
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
  chapter(
    '3. Secrets: the vault into the staging and production environments and Fly apps',
    `The GitHub sandbox (${github.apiUrl}) and the Fly sandbox (${fly.apiUrl}); in GitHub, secret-rotation.yml on a schedule.`,
  );

  const plan = await shipgate('3a', 'The plan (dry run)', [...mirror, '--dry-run'], { env });
  verdict();
  check(
    plan.status === 0 && Number(plan.outputs.created) > 0 && plan.outputs.writes === '0',
    `${plan.outputs.created} secrets to create, nothing written`,
  );

  const applied = await shipgate('3b', 'Apply and verify', mirror, { env });
  verdict();
  check(
    applied.status === 0 && applied.outputs.created === plan.outputs.created,
    `${applied.outputs.created} created, verified`,
  );
  check(
    staging('SHOPIFY_API_SECRET') === vaultValue('SHOPIFY_API_SECRET'),
    'the staging environment holds the vault value (opened with the environment key)',
  );

  const again = await shipgate('3c', 'The same vault again', mirror, { env });
  verdict();
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
  const drift = await shipgate(
    '3d',
    'Someone changed SHOPIFY_API_SECRET in the staging environment by hand',
    mirror,
    { env },
  );
  verdict();
  check(drift.status === 0 && drift.outputs.drift === '1', `the drift is reported (${drift.outputs.drift})`);
  check(staging('SHOPIFY_API_SECRET') === vaultValue('SHOPIFY_API_SECRET'), 'and the vault value is back');
}

/** The versions an app's proxy answers `rounds` requests with, sorted and joined. */
async function served(fly: FlySandbox, flyApp: string, rounds = 8): Promise<string> {
  const versions = new Set<string>();
  for (let i = 0; i < rounds; i += 1) {
    const response = await fetch(`${fly.appUrl(flyApp)}/version`);
    versions.add(((await response.json()) as { version: string }).version);
  }
  return [...versions].sort().join(', ');
}

/** Smoke-tests an app through the sandbox's proxy, as promote.yml does after each deploy. */
async function smokeTest(fly: FlySandbox, step: string, flyApp: string, title: string): Promise<void> {
  const smoke = ['smoke-test', '--base-url', fly.appUrl(flyApp), '--paths', '/healthz, /', '--repeat', '3'];
  const smoked = await shipgate(step, title, smoke, { brief: `(${flyApp.replace('shop-app-', '')})` });
  verdict();
  check(
    smoked.status === 0 && smoked.outputs.failed === '0',
    `every check answered as expected (${smoked.outputs.passed} ok, ${smoked.outputs.failed} failing)`,
  );
}

/** Staging: v1 on two new machines of the staging app, then smoke-tested through the proxy. */
async function staging(fly: FlySandbox): Promise<void> {
  const env = { ...process.env, FLY_API_TOKEN: fly.token };
  chapter(
    `4. Staging: v1 on ${stagingApp}`,
    `The Fly sandbox runs each machine as a real local process behind a proxy (${fly.appUrl(stagingApp)}).`,
  );
  const v1 = [
    'fly-deploy',
    '--image',
    image('v1'),
    '--count',
    '2',
    '--fly-api-url',
    fly.apiUrl,
    '--app-url',
    fly.appUrl(stagingApp),
    '--wait-timeout',
    '60s',
    '--record-file',
    recordFile('4a-fly-deploy.record.json'),
  ];
  const first = await shipgate(
    '4a',
    'Deploy v1 on two new machines (fly.toml: rolling, release command, health check)',
    v1,
    { env, brief: '(staging)' },
  );
  verdict();
  check(
    first.status === 0 && first.outputs.outcome === 'succeeded' && first.outputs.machines === '2',
    `v1 runs on ${first.outputs.machines} machines (${first.outputs.outcome})`,
  );
  const answers = await served(fly, stagingApp);
  check(answers === 'v1', `the staging proxy answers v1 (${answers})`);
  await smokeTest(fly, '4b', stagingApp, 'Smoke-test staging through the proxy');
}

function approval(): void {
  chapter('5. Approval: the production environment');
  console.log(
    [
      "In GitHub, promote.yml's production job names the `production` environment, whose required reviewers",
      'must approve before it starts: the run waits on the approval, with the evidence and the staging summary',
      'above it on the run page. Here there is nobody to wait for, so the demo approves:',
    ].join('\n'),
  );
  console.log(`\n  ${bold('✓ approved')}: v1 (${image('v1')}) may go to ${productionApp}`);
  row('5', 'environment production (required reviewers)', 'approved by the demo', 0);
}

/** Answers a poller of production's proxy saw: when (ms since it started), which version, which status. */
interface Answer {
  at: number;
  version: string;
  status: number;
}

/**
 * Asks production's proxy for /version every 100 ms, as a user would (not pinned to a machine), until
 * stopped. The version is the machine's own `x-app-version` header, which error answers carry too.
 */
function watchProduction(url: string): { since: number; stop(): Promise<Answer[]> } {
  const answers: Answer[] = [];
  const since = Date.now();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const at = Date.now() - since;
      try {
        const response = await fetch(`${url}/version`, { signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        answers.push({
          at,
          version: response.headers.get('x-app-version') ?? 'the proxy',
          status: response.status,
        });
      } catch {
        answers.push({ at, version: 'no answer', status: 0 });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    since,
    async stop() {
      stopped = true;
      await loop;
      return answers;
    },
  };
}

/**
 * Production: v1 promoted as a canary over v0 and smoke-tested; then flaky-v2, aborted by the analysis and
 * put back on v1 by the canary itself, while production's answers are watched.
 */
async function production(fly: FlySandbox): Promise<void> {
  const env = { ...process.env, FLY_API_TOKEN: fly.token };
  const url = fly.appUrl(productionApp);
  const images = () => fly.machines(productionApp).map((machine) => shortImage(machine.image));
  const canary = (tag: string, step: string) => [
    'canary-promote',
    '--app',
    productionApp,
    '--image',
    image(tag),
    '--steps',
    '1, 50%, 100%',
    '--bake',
    '6s',
    '--probe-rate',
    '20',
    '--min-samples',
    '40',
    '--paths',
    '/, /version',
    '--fly-api-url',
    fly.apiUrl,
    '--app-url',
    url,
    '--wait-timeout',
    '60s',
    '--record-file',
    recordFile(`${step}-canary-promote.record.json`),
  ];

  chapter(
    `6. Production: v1 as a canary on ${productionApp}`,
    [
      `${productionApp} runs ${images().length} machines on ${[...new Set(images())].join(', ')}, the release before this story (proxy: ${url}).`,
      'v1 moves in measured steps: 1 machine, then 50%, then 100%. Each step bakes 6 s while probes (20 per second',
      'to each side) compare canary and baseline machines; the analysis continues, extends the bake once, or aborts.',
      'A burst of server errors (5 in 10 canary requests) ends a bake at once.',
    ].join('\n'),
  );
  const v1 = await shipgate('6a', 'Promote v1: canary steps 1, 50%, 100%', canary('v1', '6a'), {
    env,
    brief: '(production)',
  });
  verdict();
  check(
    v1.status === 0 && v1.outputs.decision === 'promoted' && v1.outputs['step-reached'] === v1.outputs.steps,
    `v1 promoted (${v1.outputs.decision} after step ${v1.outputs['step-reached']} of ${v1.outputs.steps})`,
  );
  check(
    images().every((ref) => ref === 'shop-app:v1'),
    `every production machine runs v1 (${images().join(', ')})`,
  );
  await smokeTest(fly, '6b', productionApp, 'Smoke-test production through the proxy');

  chapter(
    '7. v2: caught by the canary, aborted, rolled back',
    [
      'v2 is image flaky-v2: the sandbox app answers 500 to about 30% of all requests on any flaky* tag.',
      'In a real promotion it goes through staging first (chapters 2 to 5); to keep the demo short it goes',
      "straight to production's canary. Meanwhile the demo asks production's proxy for /version every 100 ms,",
      'as a user would, to show what production answered throughout.',
    ].join('\n'),
  );
  const watch = watchProduction(url);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const runFrom = Date.now() - watch.since;
  const v2 = await shipgate('7a', 'Promote flaky-v2: canary steps 1, 50%, 100%', canary('flaky-v2', '7a'), {
    env,
    expectStatus: 1,
    brief: '(production)',
  });
  const runTo = Date.now() - watch.since;
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const answers = await watch.stop();
  writeFileSync(
    out('7a-production-traffic.json'),
    `${JSON.stringify({ url: `${url}/version`, startedAt: new Date(watch.since).toISOString(), canaryRun: { from: runFrom, to: runTo }, answers }, null, 2)}\n`,
  );

  verdict();
  check(
    v2.status === 1 && v2.outputs.decision === 'aborted' && v2.outputs['step-reached'] === '1',
    `the analysis aborts flaky-v2 at step 1 of ${v2.outputs.steps} (${v2.outputs.decision}; the step fails with exit ${v2.status}, as it should)`,
  );
  check(
    images().every((ref) => ref === 'shop-app:v1'),
    `the canary machine is back on v1: canary-promote rolled it back itself, health-checked (${images().join(', ')})`,
  );
  const now = await served(fly, productionApp);
  check(now === 'v1', `production answers v1 (${now})`);

  // What production answered while it ran: the canary's share, and v1 before, around and after it.
  const record = JSON.parse(readFileSync(out('7a-canary-promote.record.json'), 'utf8')) as {
    startedAt: string;
    finishedAt: string;
    canary?: { steps: Array<{ finishedAt: string; analysis?: { bakedMs: number } }> };
  };
  const rel = (iso: string) => Date.parse(iso) - watch.since;
  const step1 = record.canary?.steps[0];
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const isV1 = (a: Answer) => a.version === 'v1' && a.status === 200;
  const fromCanary = answers.filter((a) => a.version === 'flaky-v2');
  const canaryErrors = fromCanary.filter((a) => a.status >= 500).length;
  const other = answers.filter((a) => !isV1(a) && a.version !== 'flaky-v2');
  const after = answers.filter((a) => a.at > runTo);
  const first = fromCanary[0]?.at;
  const last = fromCanary.at(-1)?.at;
  console.log(
    `\n${bold(`What production answered (${answers.length} requests to /version, about 10 a second)`)}`,
  );
  console.log(
    [
      `  the canary run: from ${seconds(runFrom)} to ${seconds(runTo)} after the watch began; its record:`,
      `    step 1 started at ${seconds(rel(record.startedAt))}, its bake ended at ${step1 ? seconds(rel(step1.finishedAt)) : '?'}` +
        `${step1?.analysis ? ` (${seconds(step1.analysis.bakedMs)} baked)` : ''}, the canary was back on v1 at ${seconds(rel(record.finishedAt))}`,
      `  v1 answered ${answers.filter(isV1).length} of ${answers.length} requests`,
      `  the canary machine answered ${fromCanary.length} (flaky-v2, ${canaryErrors} of them 500)` +
        (first !== undefined && last !== undefined ? `, from ${seconds(first)} to ${seconds(last)}` : ''),
      `  anything else: ${other.length}${other.length > 0 ? ` (${[...new Set(other.map((a) => `${a.version} ${a.status}`))].join(', ')})` : ''}`,
      `  after the abort: v1 answered ${after.filter(isV1).length} of ${after.length}`,
    ].join('\n'),
  );
  check(
    other.length === 0,
    `every answer came from v1 or from the canary machine (${answers.filter(isV1).length} v1, ${fromCanary.length} flaky-v2)`,
  );
  check(
    fromCanary.every((a) => a.at >= rel(record.startedAt) && a.at <= rel(record.finishedAt)),
    'flaky-v2 answered only between its step starting and its machine being back on v1',
  );
  check(
    after.length > 0 && after.every(isV1),
    `after the abort, only v1 (${after.filter(isV1).length} of ${after.length})`,
  );
  console.log(
    dim(
      [
        '\n  No separate rollback step was needed: the abort put the canary back itself. Production stays on v1,',
        `  the last good promotion; on a live app, v0 would be one step away too: shipgate rollback --record-file ${outName}6a-canary-promote.record.json`,
      ].join('\n'),
    ),
  );
}

/** The closing table, on the terminal and as report.md in the folder. */
function report(): void {
  const total = (performance.now() - started) / 1000;
  const header = ['step', 'command', 'result', 's', ''];
  const cells = rows.map((r) => [r.step, r.command, r.result, r.seconds.toFixed(1), r.ok ? '✓' : '✗']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `  ${c.map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  chapter('8. Report');
  console.log(bold(line(header)));
  for (const c of cells) console.log(line(c));

  const markdown = [
    '# shipgate demo',
    '',
    `${new Date().toISOString()}, ${(total / 60).toFixed(1)} minutes; ${checks - failures} of ${checks} checks held.`,
    '',
    '| step | command | result | seconds | |',
    '| --- | --- | --- | ---: | --- |',
    ...cells.map((c) => `| ${c.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
  ].join('\n');
  writeFileSync(out('report.md'), markdown);
  const files = readdirSync(outDir).sort();
  const layout: Array<[string, string]> = [
    ['<step>-<action>.outputs.json', "each run's outputs (the CLI's --output-file)"],
    ['<step>-<action>.summary.md', "each run's step summary, Markdown (the CLI's --summary-file)"],
    ...files
      .filter((name) => name.endsWith('.record.json'))
      .map((name): [string, string] => [name, 'a release record (what a rollback starts from)']),
    ['7a-production-traffic.json', 'every answer production gave while flaky-v2 was tried'],
    ['report.md', 'this table'],
  ];
  console.log(`\n${bold(outName)} (${outDir}): ${files.length} files`);
  const width = Math.max(...layout.map(([name]) => name.length));
  for (const [name, what] of layout) console.log(`  ${name.padEnd(width)}  ${what}`);
  const minutes = Math.floor(total / 60);
  const time = `${minutes} min ${Math.round(total - minutes * 60)} s`;
  console.log(
    failures === 0
      ? `\n${bold(`demo complete in ${time}: all ${checks} checks held`)}`
      : `\n${bold(`demo FAILED in ${time}: ${failures} of ${checks} checks did not hold`)}`,
  );
}

process.exit(failures === 0 ? 0 : 1);

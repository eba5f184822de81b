// `npm run demo`: the sample shop app through the shipgate CLI and the committed bundles, exactly as a user
// runs them. First its evidence: the app's Vitest suite really runs, evidence-gate passes it for the commit
// and writes a manifest, a later verification proves it, and one changed byte breaks that proof. Then
// stack-guard: a clean app passes; a pull request that drifts from the stack fails with every planted
// violation found; a secret removed in a later commit is still found in history.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

function shipgate(args: string[]): { status: number; outputs: Record<string, string> } {
  const outputFile = join(work, 'outputs.json');
  rmSync(outputFile, { force: true });
  const run = spawnSync(process.execPath, [cli, ...args, '--output-file', outputFile], {
    cwd: app,
    stdio: 'inherit',
    env: process.env,
  });
  const outputs = JSON.parse(readFileSync(outputFile, 'utf8')) as Record<string, string>;
  return { status: run.status ?? 1, outputs };
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
  console.log(`\n${bold('━━ 0. Evidence for the commit to promote')} (${head.slice(0, 12)})`);
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
  section('0a. Gate the evidence for this commit', [...gateArgs, ...manifestArgs]);
  const gated = shipgate([...gateArgs, ...manifestArgs]);
  console.log(`\n${bold('Verdict')}`);
  check(
    gated.status === 0 && gated.outputs.verdict === 'pass' && Number(gated.outputs.passed) >= 5,
    `the evidence passes (${gated.outputs.passed} tests passed, verdict ${gated.outputs.verdict})`,
  );

  const verifyArgs = ['evidence-gate', '--mode', 'verify', ...manifestArgs];
  section('0b. A later job proves what was gated', verifyArgs);
  const verified = shipgate(verifyArgs);
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
  section('0c. One byte of the evidence changes; the proof no longer holds', verifyArgs);
  const tampered = shipgate(verifyArgs);
  console.log(`\n${bold('Verdict')}`);
  check(
    tampered.status === 1 && tampered.outputs.verdict === 'fail',
    `verification fails (exit ${tampered.status})`,
  );
  writeFileSync(reportPath, original);

  const clean = ['stack-guard', '--scope', 'full'];
  section('1. The clean app, full scan', clean);
  const first = shipgate(clean);
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
  section(`2. A pull request that drifts from the stack (${plantings.length} planted violations)`, pr);
  const second = shipgate(pr);
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
  section('3. The token is deleted in a later commit; history still has it', history);
  const third = shipgate(history);
  const past = (JSON.parse(third.outputs.report ?? '{}') as { findings?: ReportFinding[] }).findings ?? [];
  console.log(`\n${bold('Verdict')}`);
  check(
    past.some((f) => f.ruleId === 'no-secrets' && f.path === 'app/lib/github.server.ts' && f.commit),
    'the deleted token is found in the commit that added it',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(failures === 0 ? `\n${bold('demo passed')}` : `\n${bold(`demo FAILED: ${failures} checks`)}`);
process.exit(failures === 0 ? 0 : 1);

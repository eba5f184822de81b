// `npm run demo`: stack-guard on the sample shop app, through the shipgate CLI and the committed bundle,
// exactly as a user runs it: a clean app passes; a pull request that drifts from the stack fails with every
// planted violation found; a secret removed in a later commit is still found in history.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

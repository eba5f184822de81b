// stack-guard's scanner on a tree of at least 50,000 files (copies of this repository's own populated
// node_modules), against ripgrep running the same patterns over the same files in the same run; then the cost
// of a pull-request scan of 10 changed files in that tree, in-process and as the bundled action.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { loadPolicy, scan } from '@shipgate/policy';
import { repoRoot } from '../scripts/bundles';
import { median, ms, ratio, timed } from './stats';

const work = join(repoRoot, 'bench', '.work');
const tree = join(work, 'tree');
const minFiles = 50_000;
const maxFileBytes = 1024 * 1024;

/** The same patterns for both tools: plain regexes both JavaScript and Rust's regex crate read alike. */
const patterns = [
  String.raw`\bfly(ctl)?\s+(postgres|pg)\b`,
  String.raw`postgres(ql)?://[^\s'"]+`,
  '@remix-run/[a-z-]+',
  'BEGIN [A-Z ]*PRIVATE KEY',
];

const policyText = `rules:\n${patterns
  .map(
    (pattern, index) =>
      `  - id: pattern-${index + 1}\n    kind: text\n    files: ["**/*"]\n    pattern: ${JSON.stringify(pattern)}\n    case-sensitive: false\n`,
  )
  .join('')}`;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }).trim();

function countFiles(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) count++;
  return count;
}

/** Copies node_modules (text-sized regular files only, no symlinks) until the tree holds minFiles files. */
function buildTree(): number {
  const marker = join(work, 'tree.done');
  if (existsSync(marker)) return Number(readFileSync(marker, 'utf8'));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  const source = join(repoRoot, 'node_modules');
  let files = 0;
  for (let copy = 0; files < minFiles; copy++) {
    cpSync(source, join(tree, `copy-${String(copy).padStart(2, '0')}`, 'node_modules'), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (from) => {
        const stat = statSync(from, { throwIfNoEntry: false });
        if (!stat) return false;
        if (stat.isDirectory())
          return !from.endsWith('/.cache') && !from.endsWith('/.bin') && !from.endsWith('/@shipgate');
        return stat.isFile() && stat.size <= maxFileBytes;
      },
    });
    files = countFiles(tree);
  }
  // Its own repository (the work dir is ignored by shipgate's): the full scope lists tracked files with git,
  // as it does on a runner, and the pull-request scope needs commits.
  git(tree, 'init', '-q', '-b', 'main');
  git(tree, 'add', '-A');
  git(tree, 'commit', '-q', '-m', 'tree');
  writeFileSync(marker, String(files));
  return files;
}

function ripgrep(): { matches: number } {
  // --no-unicode: JavaScript's \b and \w (no `u` flag) are ASCII-only; ripgrep's defaults are Unicode-aware.
  const args = [
    '--no-ignore',
    '--hidden',
    '--no-messages',
    '--no-unicode',
    '--max-filesize',
    '1M',
    '-i',
    '-o',
    '-n',
    '--column',
  ];
  for (const pattern of patterns) args.push('-e', pattern);
  const run = spawnSync('rg', [...args, '.'], { cwd: tree, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' });
  if (run.error)
    throw new Error(`ripgrep is needed for this benchmark (apt-get install ripgrep): ${run.error.message}`);
  return { matches: run.stdout.split('\n').filter(Boolean).length };
}

export interface ScanBench {
  markdown: string;
}

export async function stackGuardBench(times = 3): Promise<ScanBench> {
  const files = buildTree();
  const policy = await loadPolicy({ root: tree, text: policyText });
  let report: Awaited<ReturnType<typeof scan>> | undefined;
  let rg = { matches: 0 };
  // Interleaved, after one warm-up of each so both read from the page cache.
  ripgrep();
  await scan({ root: tree, rules: policy.rules, scope: 'full' });
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < times; i++) {
    ours.push(
      ...(await timed(1, async () => {
        report = await scan({ root: tree, rules: policy.rules, scope: 'full' });
      })),
    );
    theirs.push(
      ...(await timed(1, () => {
        rg = ripgrep();
      })),
    );
  }
  if (!report) throw new Error('no scan ran');
  const oursMs = median(ours);
  const rgMs = median(theirs);
  const mb = report.files.bytes / 1024 / 1024;
  const full = [
    `Tree: ${files.toLocaleString('en')} files in a git repository (copies of node_modules, regular files up to 1 MiB), ${report.files.scanned.toLocaleString('en')} files and ${mb.toFixed(0)} MiB scanned (tracked files, as \`git ls-files\` lists them);`,
    `${patterns.length} case-insensitive text rules, the same ${patterns.length} patterns for ripgrep`,
    `(\`rg --no-ignore --hidden --no-unicode --max-filesize 1M -i -o -n --column\`, its default threads; \`--no-unicode\``,
    `because JavaScript's \`\\b\` is ASCII-only, so both tools read the patterns alike). Median of ${times}, warm cache.`,
    '',
    '| tool | time | files/s | MiB/s | matches | throughput vs ripgrep |',
    '| --- | --- | --- | --- | --- | --- |',
    `| stack-guard \`scan\` (full) | ${ms(oursMs)} | ${Math.round(report.files.scanned / (oursMs / 1000)).toLocaleString('en')} | ${(mb / (oursMs / 1000)).toFixed(0)} | ${report.findings.length} | ${ratio(rgMs / oursMs)} |`,
    `| ripgrep | ${ms(rgMs)} | ${Math.round(report.files.scanned / (rgMs / 1000)).toLocaleString('en')} | ${(mb / (rgMs / 1000)).toFixed(0)} | ${rg.matches} | 1.00× |`,
  ].join('\n');

  const pr = await pullRequestBench(policy.rules);
  return { markdown: `${full}\n\n${pr}` };
}

async function pullRequestBench(rules: Awaited<ReturnType<typeof loadPolicy>>['rules']): Promise<string> {
  if (git(tree, 'branch', '--list', 'change') === '') {
    git(tree, 'checkout', '-q', '-b', 'change');
    const changed = git(tree, 'ls-files')
      .split('\n')
      .filter((path) => path.endsWith('.js'))
      .filter((_, index) => index % 997 === 0)
      .slice(0, 10);
    for (const path of changed) {
      writeFileSync(join(tree, path), `${readFileSync(join(tree, path), 'utf8')}\n// fly pg connect -a db\n`);
    }
    git(tree, 'commit', '-q', '-am', 'ten changed files');
  }
  const options = { root: tree, rules, scope: 'pull-request' as const, base: 'main', head: 'HEAD' };
  await scan(options);
  let findings = 0;
  const inProcess = median(
    await timed(5, async () => {
      findings = (await scan(options)).findings.length;
    }),
  );
  const bundle = join(repoRoot, 'actions', 'stack-guard', 'dist', 'index.js');
  const policyFile = join(work, 'bench-policy.yml');
  writeFileSync(policyFile, policyText);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    GITHUB_WORKSPACE: tree,
    RUNNER_TEMP: work,
    INPUT_POLICY: policyFile,
    INPUT_SCOPE: 'pull-request',
    INPUT_BASE: 'main',
    INPUT_HEAD: 'HEAD',
    'INPUT_FAIL-ON': 'none',
  };
  const asAction = median(
    await timed(5, () => spawnSync(process.execPath, [bundle], { cwd: tree, env, stdio: 'ignore' })),
  );
  const nodeOnly = median(
    await timed(5, () =>
      spawnSync(process.execPath, ['-e', '0'], { env: { PATH: env.PATH, HOME: work }, stdio: 'ignore' }),
    ),
  );
  return [
    `Pull-request scan of 10 changed files in that tree (git repository, ${relative(repoRoot, tree)}), median of 5:`,
    '',
    '| what | time | findings |',
    '| --- | --- | --- |',
    `| \`scan\` in process (merge base, diff, 10 files, changed-line filter) | ${ms(inProcess)} | ${findings} |`,
    `| the bundled action, whole process (\`node dist/index.js\`) | ${ms(asAction)} | |`,
    `| \`node -e 0\`, for reference | ${ms(nodeOnly)} | |`,
  ].join('\n');
}

// CI's guard for committed bundles: rebuild everything from scratch, fail on any difference from what is
// committed (licenses.txt included), check that each licenses.txt has every entry whole, then start every
// bundle with no inputs: it must print one clear error line and exit 1.
// (ncc can report success and still emit a bundle that dies with "Cannot find module" at start.)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { listBundles, repoRoot } from './bundles';

const problems: string[] = [];

execFileSync(
  process.execPath,
  [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/build.ts'],
  {
    cwd: repoRoot,
    stdio: 'inherit',
  },
);

execFileSync(
  process.execPath,
  [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/generate-docs.ts'],
  {
    cwd: repoRoot,
    stdio: 'inherit',
  },
);

const bundles = listBundles();
const paths = [...bundles.map((bundle) => relative(repoRoot, bundle.outDir)), 'docs/actions'];
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...paths], {
  cwd: repoRoot,
  encoding: 'utf8',
});
if (status.trim()) {
  problems.push(`committed dist or docs tables differ from a fresh build:\n${status}`);
  const diff = execFileSync('git', ['diff', '--stat', '--', ...paths], { cwd: repoRoot, encoding: 'utf8' });
  if (diff.trim()) problems.push(diff);
}

// The build lists every package with code in any chunk (from ncc's stats); an action's entry always holds these
// three, which ncc's own per-chunk licenses.txt used to drop.
const inEveryAction = ['@actions/core', 'undici', 'zod'];
for (const bundle of bundles) {
  const entries = readFileSync(join(bundle.outDir, 'licenses.txt'), 'utf8').split(
    /\n\n(?=\S+ \d+\.\d+\.\d+\S*\n)/,
  );
  const names = new Set<string>();
  for (const entry of entries) {
    const [heading = '', license = '', ...text] = entry.split('\n');
    const [name, version] = heading.split(' ');
    if (!name || !version || !license.trim() || text.join('\n').trim() === '') {
      problems.push(
        `${bundle.label}: licenses.txt has an entry without a name, version, license or text: '${heading}'`,
      );
    }
    if (name) names.add(name);
  }
  const missing = bundle.label.startsWith('action ') ? inEveryAction.filter((name) => !names.has(name)) : [];
  if (missing.length > 0) problems.push(`${bundle.label}: licenses.txt misses ${missing.join(', ')}`);
}

for (const bundle of bundles.filter((b) => b.label.startsWith('action '))) {
  const cwd = mkdtempSync(join(tmpdir(), 'shipgate-smoke-'));
  try {
    const run = spawnSync(process.execPath, [join(bundle.outDir, 'index.js')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd },
      encoding: 'utf8',
      timeout: 20_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    const errors = output.split('\n').filter((line) => line.startsWith('::error::'));
    if (
      run.status !== 1 ||
      errors.length !== 1 ||
      /Cannot find module|ERR_REQUIRE_ESM|SyntaxError/.test(output)
    ) {
      problems.push(
        `${bundle.label}: with no inputs it should print one ::error:: line and exit 1; got exit ${run.status}:\n${output}`,
      );
    } else {
      console.log(`smoke ${bundle.label}: ${errors[0]}`);
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('dist is fresh and every bundle starts');

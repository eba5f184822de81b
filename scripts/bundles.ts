import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

export const repoRoot = join(import.meta.dirname, '..');

export interface Bundle {
  /** What the bundle is, for messages: "action stack-guard", "cli". */
  label: string;
  entry: string;
  outDir: string;
}

/** Every bundle the repository commits: one per action, and the CLI. */
export function listBundles(): Bundle[] {
  const actionsDir = join(repoRoot, 'actions');
  const actions = readdirSync(actionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(actionsDir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort();
  return [
    ...actions.map((name) => ({
      label: `action ${name}`,
      entry: join(actionsDir, name, 'src', 'main.ts'),
      outDir: join(actionsDir, name, 'dist'),
    })),
    {
      label: 'cli',
      entry: join(repoRoot, 'packages', 'cli', 'src', 'main.ts'),
      outDir: join(repoRoot, 'packages', 'cli', 'dist'),
    },
  ].filter((bundle) => existsSync(bundle.entry));
}

const nccCli = join(repoRoot, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

function ncc(bundle: Bundle): Promise<void> {
  return new Promise((resolve, reject) => {
    // -t: tsc type-checks the whole repository separately; ncc only transpiles (same output, a third faster).
    const args = [
      nccCli,
      'build',
      bundle.entry,
      '-o',
      bundle.outDir,
      '-t',
      '--license',
      'licenses.txt',
      '-q',
    ];
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`ncc failed for ${bundle.label} (exit ${code}):\n${stderr}`));
    });
  });
}

/**
 * ncc's `--minify` minifies index.js alone, not the chunks its dynamic imports split off (where most of a
 * bundle is). esbuild, pinned to one version, minifies each file the same way every time, so check-dist's
 * rebuild still matches what is committed; it keeps the ESM as it is (imports, import.meta).
 */
async function minify(bundle: Bundle): Promise<void> {
  const files = (await readdir(bundle.outDir)).filter((name) => name.endsWith('.js'));
  for (const name of files) {
    const path = join(bundle.outDir, name);
    const { code } = await transform(await readFile(path, 'utf8'), {
      format: 'esm',
      minify: true,
      target: 'node20',
      legalComments: 'none',
    });
    await writeFile(path, code);
  }
}

/** ncc, then the minify pass: what every committed dist (and the benchmark's reference bundle) is built with. */
export async function buildBundle(bundle: Bundle): Promise<void> {
  await ncc(bundle);
  await minify(bundle);
}

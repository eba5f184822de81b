// Bundles every action (and the CLI) with ncc into its committed dist/. Each dist is deleted first, so a
// file that no longer belongs there cannot survive a build.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { type Bundle, listBundles, repoRoot } from './bundles';

const ncc = join(repoRoot, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

function build(bundle: Bundle): Promise<void> {
  return new Promise((resolve, reject) => {
    // -t: tsc type-checks the whole repository separately; ncc only transpiles (same output, a third faster).
    const args = [
      ncc,
      'build',
      bundle.entry,
      '-o',
      bundle.outDir,
      '--minify',
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

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const bundles = listBundles().filter(
    (bundle) =>
      only.length === 0 || only.some((name) => bundle.label.endsWith(` ${name}`) || bundle.label === name),
  );
  const queue = [...bundles];
  const started = Date.now();
  const worker = async () => {
    for (let bundle = queue.shift(); bundle; bundle = queue.shift()) {
      await rm(bundle.outDir, { recursive: true, force: true });
      const t0 = Date.now();
      await build(bundle);
      console.log(
        `built ${bundle.label} → ${relative(repoRoot, bundle.outDir)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, worker));
  console.log(`${bundles.length} bundles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// Bundles every action (and the CLI) with ncc into its committed dist/, minifies every chunk and writes the
// licenses of every bundled package (scripts/bundles.ts). Each dist is deleted first, so a file that no longer
// belongs there cannot survive a build.
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { buildBundle, listBundles, repoRoot } from './bundles';

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
      await buildBundle(bundle);
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

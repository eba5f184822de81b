// `npm run bench`: every benchmark, written to docs/benchmarks.md. Ratios are against a reference run in the
// same process or command (ripgrep, `node -e 0`), so they hold across machines better than absolute times.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../scripts/bundles';
import { coldStart } from './cold-start';
import { stackGuardBench } from './stack-guard';

const sections: string[] = [];
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

console.log('stack-guard scan vs ripgrep …');
const scan = await stackGuardBench();
sections.push(`## stack-guard: full scan and pull-request scan\n\n${scan.markdown}`);
console.log(scan.markdown);

console.log('\ncold start of each bundle …');
const cold = coldStart();
sections.push(
  `## Cold start of each action bundle\n\n\`node dist/index.js\` in an empty directory with a clean environment, against \`node -e 0\` in the same run, interleaved, median of 15. The goal is 1.5× at most. The entry alone (a bad input stops it before any engine loads) is the kit, zod and the action's input schema; with no inputs, stack-guard goes on to load its engine (YAML, TOML, secretlint) before it finds there is no policy.\n\n${cold.markdown}`,
);
console.log(cold.markdown);

const page = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${machine}).
Every number is a ratio against a reference run in the same command, and the absolute times beside it.

${sections.join('\n\n')}
`;
writeFileSync(join(repoRoot, 'docs', 'benchmarks.md'), page);
console.log('\nwritten to docs/benchmarks.md');

// `npm run bench`: every benchmark, written to docs/benchmarks.md. Ratios are against a reference run in the
// same process or command (ripgrep, `node -e 0`, `JSON.parse`), so they hold across machines better than
// absolute times. `npm run bench -- evidence cold-start` runs only the named benchmarks and rewrites only
// their sections of the page, keeping the others as they were.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../scripts/bundles';
import { canaryBench } from './canary';
import { coldStart } from './cold-start';
import { evidenceBench } from './evidence';
import { flyBench } from './fly';
import { redactBench } from './redact';
import { secretsBench } from './secrets';
import { stackGuardBench } from './stack-guard';

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const today = new Date().toISOString().slice(0, 10);

interface Benchmark {
  /** The name to pick it by on the command line. */
  name: string;
  /** Its section heading in docs/benchmarks.md. */
  heading: string;
  run: () => Promise<string> | string;
}

const benchmarks: Benchmark[] = [
  {
    name: 'stack-guard',
    heading: 'stack-guard: full scan and pull-request scan',
    run: async () => {
      console.log('stack-guard scan vs ripgrep …');
      return (await stackGuardBench()).markdown;
    },
  },
  {
    name: 'cold-start',
    heading: 'Cold start of each action bundle',
    run: async () => {
      console.log('\ncold start of each bundle on Node 20 and 24 …');
      return `Each bundle started as \`node dist/index.js\` with only PATH and HOME in its environment (as under \`env -i\`), on Node 20 and on Node 24 (what the runner uses) in the same run, round by round with \`node -e 0\` and a bundle of \`@actions/core\` alone built the same way (ncc, then the esbuild minify pass), median of 11. Goals: the entry alone (a bad input stops it at input parsing) at most 1.2× the core-alone bundle; the smallest real job of each HTTP action under 8× \`node -e 0\`. With no inputs, an action goes as far as its required inputs let it.\n\n${(await coldStart()).markdown}`;
    },
  },
  {
    name: 'evidence',
    heading: 'evidence: parsing 20,000-test reports',
    run: () => {
      console.log('\nevidence parsers vs JSON.parse …');
      return evidenceBench().markdown;
    },
  },
  {
    name: 'fly',
    heading: 'fly-deploy: a rolling deploy against its critical path',
    run: async () => {
      console.log('\nrolling deploys on the Fly sandbox …');
      return (await flyBench()).markdown;
    },
  },
  {
    name: 'secrets',
    heading: 'secret-mirror: 200 secrets to 3 targets',
    run: async () => {
      console.log('\nsecret-mirror against a gh secret set loop …');
      return (await secretsBench()).markdown;
    },
  },
  {
    name: 'redact',
    heading: 'The redactor: 10,000 secrets',
    run: async () => {
      console.log('\nredactor: registering and redacting …');
      return (await redactBench()).markdown;
    },
  },
  {
    name: 'canary',
    heading: 'canary-promote: detection and false aborts',
    run: async () => {
      console.log('\ncanary analysis on the Fly sandbox …');
      return (await canaryBench()).markdown;
    },
  },
];

const page = join(repoRoot, 'docs', 'benchmarks.md');
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  throw new Error(
    `unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
}
const chosen =
  wanted.length === 0 ? benchmarks : benchmarks.filter((benchmark) => wanted.includes(benchmark.name));

/** The page's `## ` sections by heading, in order (empty when there is no page yet). */
function readSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(page)) return sections;
  for (const part of readFileSync(page, 'utf8').split(/^## /m).slice(1)) {
    const [heading = '', ...body] = part.split('\n');
    sections.set(heading.trim(), body.join('\n').trim());
  }
  return sections;
}

const sections = wanted.length === 0 ? new Map<string, string>() : readSections();
for (const benchmark of chosen) {
  const markdown = await benchmark.run();
  console.log(markdown);
  // A partial run dates its own sections, since the page header then speaks for the others.
  sections.set(
    benchmark.heading,
    wanted.length === 0 ? markdown : `Run on ${today} (${machine}).\n\n${markdown}`,
  );
}
const ordered = [
  ...benchmarks.map((benchmark) => benchmark.heading).filter((heading) => sections.has(heading)),
  ...[...sections.keys()].filter((heading) => !benchmarks.some((benchmark) => benchmark.heading === heading)),
];
const header =
  wanted.length === 0 || !existsSync(page)
    ? `Written by \`npm run bench\` on ${today} (${machine}).`
    : (/^Written by .*$/m.exec(readFileSync(page, 'utf8'))?.[0] ??
      `Written by \`npm run bench\` on ${today} (${machine}).`);

writeFileSync(
  page,
  `# Benchmarks

${header}
Every number is a ratio against a reference run in the same command, and the absolute times beside it.

${ordered.map((heading) => `## ${heading}\n\n${sections.get(heading)}`).join('\n\n')}
`,
);
console.log(`\nwritten to docs/benchmarks.md (${chosen.map((benchmark) => benchmark.name).join(', ')})`);

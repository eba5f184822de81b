// Start-up of each action bundle on Node 20 and on Node 24 (what the runner uses), in one run: with a bad
// input (the entry alone: the kit, zod, the action's schema), with no inputs (as far as its first need takes
// it) and with its smallest real job, against `node -e 0` and against a bundle of @actions/core alone built
// the same way. Every process starts under a clean environment (an inherited NODE_EXTRA_CA_CERTS alone makes
// `node -e 0` about 3× slower and flatters every ratio). Runs are interleaved round by round; medians.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startFlySandbox } from '../packages/sandbox/src/index';
import { buildBundle, listBundles, repoRoot } from '../scripts/bundles';
import { node24Version } from '../test/setup/node24';
import { median, ms, ratio } from './stats';

interface Runtime {
  name: string;
  node: string;
}

interface Case {
  bundle: string;
  run: string;
  entry: string;
  env: Record<string, string>;
  cwd: string;
  /** The exit code the case must end with, or its timing measures something else. */
  exitCode: number;
}

export interface ColdStartRow {
  bundle: string;
  run: string;
  sizeKiB: number;
  /** Why the run did not end as it should (then its times are not shown). */
  failed?: string;
  /** Per runtime: median ms, and its ratios to `node -e 0` and to the core-alone bundle. */
  byRuntime: Array<{ runtime: string; medianMs: number; overNode: number; overCore: number }>;
}

const node24 = join(
  repoRoot,
  'node_modules',
  '.cache',
  `node-${node24Version}`,
  'node_modules',
  'node',
  'bin',
  'node',
);

/** A bad value for an input each action parses first: it stops at input parsing. */
const badInputs = {
  INPUT_SCOPE: '?',
  'INPUT_FAIL-ON': '?',
  INPUT_MODE: '?',
  INPUT_REPEAT: '?',
  INPUT_STRATEGY: '?',
  INPUT_FORCE: '?',
  'INPUT_CREATE-ENVIRONMENT': '?',
};

function timedRun(
  node: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ ms: number; exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // Only PATH and HOME, as `env -i PATH=… HOME=…` would give.
    const child = spawn(node, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, exitCode, output }),
    );
  });
}

function input(name: string): string {
  return `INPUT_${name.toUpperCase()}`;
}

export async function coldStart(times = 11): Promise<{ rows: ColdStartRow[]; markdown: string }> {
  const work = mkdtempSync(join(tmpdir(), 'shipgate-bench-cold-'));
  const server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const flyToken = 'fly-bench-token-0123456789';
  const fly = await startFlySandbox({ token: flyToken, timeScale: 0.02 });
  try {
    const coreAlone = {
      label: 'core-alone',
      entry: join(repoRoot, 'bench', 'core-alone', 'main.ts'),
      outDir: join(repoRoot, 'bench', '.work', 'core-alone'),
    };
    await buildBundle(coreAlone);
    const runtimes: Runtime[] = [{ name: `Node ${process.versions.node}`, node: process.execPath }];
    if (existsSync(node24)) runtimes.push({ name: `Node ${node24Version}`, node: node24 });
    else
      console.log(
        `no Node ${node24Version} in node_modules/.cache (the integration tests install it): Node 20 only`,
      );

    await fly.createApp('bench-app', { machines: 1, image: 'registry.fly.io/bench-app:v1' });
    const realJobs = await smallestRealJobs(
      work,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      fly.apiUrl,
      flyToken,
    );
    const cases: Case[] = [];
    for (const bundle of listBundles().filter((b) => b.label.startsWith('action '))) {
      const name = bundle.label.slice('action '.length);
      const entry = join(bundle.outDir, 'index.js');
      const at = relative(repoRoot, entry);
      cases.push({ bundle: at, run: 'bad input: entry only', entry, env: badInputs, cwd: work, exitCode: 1 });
      cases.push({ bundle: at, run: 'no inputs', entry, env: {}, cwd: work, exitCode: 1 });
      const job = realJobs[name];
      if (job) cases.push({ bundle: at, entry, exitCode: 0, ...job });
    }
    const references = [
      { bundle: '`node -e 0`', args: ['-e', '0'] },
      { bundle: '@actions/core alone', args: [join(coreAlone.outDir, 'index.js')] },
    ];

    const loadBefore = loadavg()[0] ?? 0;
    const samples = new Map<string, number[]>();
    const failures = new Map<Case, string>();
    const add = (key: string, value: number) => samples.set(key, [...(samples.get(key) ?? []), value]);
    for (let round = 0; round < times; round++) {
      for (const runtime of runtimes) {
        for (const reference of references) {
          add(
            `${runtime.name}|${reference.bundle}`,
            (await timedRun(runtime.node, reference.args, work, {})).ms,
          );
        }
        for (const item of cases) {
          const result = await timedRun(runtime.node, [item.entry], item.cwd, item.env);
          if (result.exitCode !== item.exitCode) {
            // Its time measures something else: the table says so instead of a number.
            const line = result.output.split('\n').find((text) => text.startsWith('::error::')) ?? '';
            failures.set(
              item,
              `exited ${result.exitCode}, not ${item.exitCode}: ${line.slice('::error::'.length)}`,
            );
          }
          add(`${runtime.name}|${item.bundle}|${item.run}`, result.ms);
        }
      }
    }

    const rowFor = (
      bundle: string,
      run: string,
      key: (runtime: Runtime) => string,
      entry?: string,
    ): ColdStartRow => ({
      bundle,
      run,
      sizeKiB: entry ? Math.round(statSync(entry).size / 1024) : 0,
      byRuntime: runtimes.map((runtime) => {
        const medianMs = median(samples.get(key(runtime)) ?? []);
        return {
          runtime: runtime.name,
          medianMs,
          overNode: medianMs / median(samples.get(`${runtime.name}|\`node -e 0\``) ?? []),
          overCore: medianMs / median(samples.get(`${runtime.name}|@actions/core alone`) ?? []),
        };
      }),
    });
    const rows = [
      ...references.map((reference) =>
        rowFor(reference.bundle, 'reference', (runtime) => `${runtime.name}|${reference.bundle}`),
      ),
      ...cases.map((item) => {
        const row = rowFor(
          `\`${item.bundle}\``,
          item.run,
          (runtime) => `${runtime.name}|${item.bundle}|${item.run}`,
          item.entry,
        );
        const failed = failures.get(item);
        return failed ? { ...row, failed } : row;
      }),
    ];
    const header = runtimes.map((runtime) => `${runtime.name} | × \`node -e 0\` | × core`).join(' | ');
    const markdown = [
      `| bundle | entry size | run | ${header} |`,
      `| --- | --- | --- | ${runtimes.map(() => '--- | --- | ---').join(' | ')} |`,
      ...rows.map(
        (row) =>
          `| ${row.bundle} | ${row.sizeKiB ? `${row.sizeKiB} KiB` : ''} | ${row.run}${row.failed ? ` (**${row.failed}**)` : ''} | ${row.byRuntime
            .map((cell) =>
              row.failed
                ? '— | — | —'
                : `${ms(cell.medianMs)} | ${ratio(cell.overNode)} | ${ratio(cell.overCore)}`,
            )
            .join(' | ')} |`,
      ),
      '',
      ...goals(rows, runtimes),
      '',
      machineLoad(loadBefore, loadavg()[0] ?? 0),
    ].join('\n');
    return { rows, markdown };
  } finally {
    await fly.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(work, { recursive: true, force: true });
  }
}

/** Other work on the machine slows every process alike but not evenly: the page says how loaded it was. */
function machineLoad(before: number, after: number): string {
  const cores = availableParallelism();
  const worst = Math.max(before, after);
  const busy =
    worst > cores
      ? ' The machine was loaded (more runnable processes than cores): absolute times are inflated and the ratios noisier than on a quiet machine, though each round runs the references beside the bundles.'
      : '';
  return `Load average (1 min) ${before.toFixed(1)} at the start and ${after.toFixed(1)} at the end, on ${cores} cores.${busy}`;
}

const httpActions = ['smoke-test', 'fly-deploy', 'rollback', 'secret-mirror', 'canary-promote'];

/** The two goals, per runtime, from the rows: the worst entry against core alone, the worst HTTP job. */
function goals(rows: ColdStartRow[], runtimes: Runtime[]): string[] {
  const measured = rows.filter((row) => !row.failed);
  return runtimes.map((runtime, index) => {
    const worst = (picked: ColdStartRow[], of: (cell: ColdStartRow['byRuntime'][number]) => number) => {
      const found = picked
        .map((row) => ({ row, value: of(row.byRuntime[index] as ColdStartRow['byRuntime'][number]) }))
        .sort((a, b) => b.value - a.value)[0];
      return found ? `${ratio(found.value)} (${found.row.bundle})` : 'not measured';
    };
    const entries = measured.filter((row) => row.run === 'bad input: entry only');
    const jobs = measured.filter(
      (row) =>
        row.run !== 'reference' &&
        row.run !== 'bad input: entry only' &&
        row.run !== 'no inputs' &&
        httpActions.some((name) => row.bundle.includes(`actions/${name}/`)),
    );
    return `- ${runtime.name}: slowest entry ${worst(entries, (cell) => cell.overCore)} of core alone (goal ≤ 1.20×); slowest smallest real job of an HTTP action ${worst(jobs, (cell) => cell.overNode)} of \`node -e 0\` (goal < 8×).`;
  });
}

/** Per action, its smallest job that does real work and succeeds: one request, one file, one no-op plan. */
async function smallestRealJobs(
  work: string,
  siteUrl: string,
  flyApiUrl: string,
  flyToken: string,
): Promise<Record<string, { run: string; env: Record<string, string>; cwd: string }>> {
  const folder = (name: string) => {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const guarded = folder('stack-guard');
  writeFileSync(join(guarded, 'index.js'), 'export const answer = 42;\n');
  const evidence = folder('evidence-gate');
  writeFileSync(
    join(evidence, 'junit.xml'),
    '<testsuites><testsuite name="s" tests="1"><testcase name="t" classname="c"/></testsuite></testsuites>\n',
  );
  const mirror = folder('secret-mirror');
  writeFileSync(join(mirror, 'fly.env'), 'API_KEY="bench-value-0123456789"\n');
  writeFileSync(
    join(mirror, 'secret-mirror.yml'),
    'mirrors:\n  - name: fly-only\n    sources: [{ file: fly.env }]\n    targets:\n      - fly: { app: bench-app }\n',
  );
  const fly = { 'INPUT_FLY-API-TOKEN': flyToken };
  return {
    'smoke-test': {
      run: 'one GET of a loopback site',
      env: { [input('base-url')]: siteUrl, [input('paths')]: '/' },
      cwd: folder('smoke-test'),
    },
    'stack-guard': {
      run: 'full scan of one file with the fly-supabase preset',
      env: { [input('preset')]: 'fly-supabase', [input('scope')]: 'full' },
      cwd: guarded,
    },
    'evidence-gate': {
      run: 'gate on one JUnit report',
      env: { [input('reports')]: 'junit.xml', [input('commit')]: 'a'.repeat(40), GITHUB_WORKSPACE: evidence },
      cwd: evidence,
    },
    'secret-mirror': {
      run: 'Fly-only dry run of one secret (Fly sandbox)',
      // The action asks for a GitHub token even for Fly-only mirrors; no request uses it here.
      env: {
        [input('github-token')]: 'ghp_bench-token-never-used-0123',

        ...fly,
        [input('config')]: 'secret-mirror.yml',
        [input('fly-api-url')]: flyApiUrl,
        [input('dry-run')]: 'true',
        GITHUB_WORKSPACE: mirror,
      },
      cwd: mirror,
    },
    'fly-deploy': {
      run: 'deploy of the image already running on one machine (Fly sandbox)',
      env: {
        ...fly,
        [input('app')]: 'bench-app',
        [input('image')]: 'registry.fly.io/bench-app:v1',
        [input('fly-api-url')]: flyApiUrl,
        [input('strategy')]: 'immediate',
      },
      cwd: folder('fly-deploy'),
    },
  };
}

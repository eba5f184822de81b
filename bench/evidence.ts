// The evidence parsers on big reports: a Playwright JSON report and a Vitest JSON report of 20,000 tests
// each, generated from the real fixtures (their tests multiplied with varied names, statuses and failures),
// parsed by `parseReport` against a plain `JSON.parse` of the same text in the same run. Time in process,
// interleaved, median; peak memory in a fresh child process per measurement, so neither run inherits the
// other's heap.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { detectFormat, parseReport } from '../packages/evidence/src/parsers/index';
import { repoRoot } from '../scripts/bundles';
import { median, ms, ratio } from './stats';

const work = join(repoRoot, 'bench', '.work', 'evidence');
const fixtures = join(repoRoot, 'packages', 'evidence', 'test', 'fixtures');
const testCount = 20_000;

// biome-ignore lint/suspicious/noExplicitAny: the generator reshapes untyped report JSON freely.
type Json = Record<string, any>;

/** A deterministic stream of numbers in [0, 1): the same reports on every run and machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const areas = ['cart', 'checkout', 'search', 'account', 'catalogue', 'wishlist', 'orders', 'payments'];
const verbs = ['shows', 'updates', 'rejects', 'keeps', 'applies', 'lists', 'removes', 'restores'];
const nouns = [
  'the total',
  'a voucher',
  'an empty state',
  'the address',
  'two items',
  'the badge',
  'a refund',
];

const titleOf = (next: () => number, index: number) =>
  `${verbs[Math.floor(next() * verbs.length)]} ${nouns[Math.floor(next() * nouns.length)]} #${index}`;

/** Playwright: 100 spec files × 2 describe blocks × 50 specs × 2 projects, templated on the fixture's tests. */
function playwrightReport(): string {
  const fixture = JSON.parse(readFileSync(join(fixtures, 'playwright', 'report.json'), 'utf8')) as Json;
  const specs: Json[] = [];
  const walk = (suite: Json) => {
    specs.push(...(suite.specs ?? []));
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of fixture.suites) walk(suite);
  // One template test per status, from the real run: passed, failed twice (two errors), flaky, skipped.
  const template: Record<string, Json> = {};
  for (const spec of specs) for (const test of spec.tests) template[test.status] ??= test;
  const next = random(20_000);
  const stats = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
  const files = testCount / (2 * 50 * 2);
  const rootDir: string = fixture.config.rootDir;
  const suites = Array.from({ length: files }, (_, fileIndex) => {
    const file = `${areas[fileIndex % areas.length]}/flow-${fileIndex}.spec.ts`;
    const describes = [0, 1].map((describeIndex) => ({
      title: `${areas[(fileIndex + describeIndex) % areas.length]} ${describeIndex ? 'on mobile' : 'basics'}`,
      file,
      line: 3 + describeIndex * 200,
      column: 6,
      specs: Array.from({ length: 50 }, (_, specIndex) => {
        const line = 4 + describeIndex * 200 + specIndex * 4;
        const roll = next();
        const status =
          roll < 0.9 ? 'expected' : roll < 0.94 ? 'unexpected' : roll < 0.97 ? 'flaky' : 'skipped';
        const tests = ['desktop', 'mobile'].map((project) => {
          stats[status]++;
          const test = structuredClone(template[status]) as Json;
          test.projectId = project;
          test.projectName = project;
          for (const result of test.results) {
            for (const error of [result.error, ...(result.errors ?? [])].filter(Boolean)) {
              error.location = { file: `${rootDir}/${file}`, line: line + 2, column: 15 };
              error.message = `${error.message}\n(case ${fileIndex}.${specIndex} on ${project})`;
            }
          }
          return test;
        });
        return {
          title: titleOf(next, specIndex),
          ok: status !== 'unexpected',
          tags: [],
          tests,
          id: `${fileIndex}-${describeIndex}-${specIndex}`,
          file,
          line,
          column: 3,
        };
      }),
    }));
    return { title: file, file, column: 0, line: 0, specs: [], suites: describes };
  });
  const report = { ...fixture, suites, stats: { ...fixture.stats, ...stats } };
  return JSON.stringify(report, undefined, 2);
}

/** Vitest: 400 test files × 50 tests, templated on the fixture's assertion results (compact, as Vitest writes). */
function vitestReport(): string {
  const fixture = JSON.parse(readFileSync(join(fixtures, 'vitest', 'failing.json'), 'utf8')) as Json;
  const template: Record<string, Json> = {};
  for (const file of fixture.testResults) {
    for (const result of file.assertionResults) {
      const key = result.status === 'passed' && result.failureMessages.length > 0 ? 'flaky' : result.status;
      template[key] ??= result;
    }
  }
  const next = random(4_000);
  const root = '/home/runner/work/shop/shop';
  const counts = { passed: 0, failed: 0, skipped: 0, todo: 0 };
  const testResults = Array.from({ length: testCount / 50 }, (_, fileIndex) => {
    const name = `${root}/test/${areas[fileIndex % areas.length]}/unit-${fileIndex}.test.ts`;
    const assertionResults = Array.from({ length: 50 }, (_, index) => {
      const roll = next();
      const kind =
        roll < 0.92
          ? 'passed'
          : roll < 0.95
            ? 'failed'
            : roll < 0.97
              ? 'flaky'
              : roll < 0.99
                ? 'skipped'
                : 'todo';
      const result = structuredClone(template[kind]) as Json;
      const describe = `${areas[index % areas.length]} ${Math.floor(index / 10)}`;
      result.ancestorTitles = [describe];
      result.title = titleOf(next, index);
      result.fullName = `${describe} ${result.title}`;
      result.location = { line: 5 + index * 4, column: 3 };
      result.failureMessages = result.failureMessages.map((message: string) =>
        message.replace(
          /\/home\/runner\/work\/shop\/shop\/test\/[\w.]+\.test\.js:\d+/,
          `${name}:${7 + index * 4}`,
        ),
      );
      counts[kind === 'flaky' ? 'passed' : (kind as keyof typeof counts)]++;
      return result;
    });
    const failed = assertionResults.some((result) => result.status === 'failed');
    return {
      assertionResults,
      startTime: fixture.startTime + fileIndex * 10,
      endTime: fixture.startTime + fileIndex * 10 + 9.5,
      status: failed ? 'failed' : 'passed',
      message: '',
      name,
    };
  });
  return JSON.stringify({
    ...fixture,
    numTotalTests: testCount,
    numPassedTests: counts.passed,
    numFailedTests: counts.failed,
    numPendingTests: counts.skipped,
    numTodoTests: counts.todo,
    testResults,
  });
}

export interface EvidenceBenchRow {
  report: string;
  sizeMiB: number;
  tests: number;
  parseMs: number;
  jsonMs: number;
  detectMs: number;
  parsePeakMiB: number;
  jsonPeakMiB: number;
  parseGrowthMiB: number;
  jsonGrowthMiB: number;
  baselineMiB: number;
}

interface ChildMeasure {
  /** Resident set size before the parse (modules loaded, text read), and the process's high-water mark. */
  beforeMiB: number;
  peakMiB: number;
}

/** Peak memory of one parse in a fresh process (bench/evidence-child.ts). */
function measureInChild(mode: 'json' | 'parse' | 'none', file: string): ChildMeasure {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'bench', 'evidence-child.ts'), mode, file],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  if (child.status !== 0) throw new Error(`evidence-child ${mode} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as ChildMeasure;
}

const medianOf = (values: ChildMeasure[], key: keyof ChildMeasure) =>
  median(values.map((value) => value[key]));

export function evidenceBench(runs = 9, memoryRuns = 3): { rows: EvidenceBenchRow[]; markdown: string } {
  mkdirSync(work, { recursive: true });
  const cases = [
    { report: 'Playwright JSON', file: join(work, 'playwright-20k.json'), make: playwrightReport },
    { report: 'Vitest JSON', file: join(work, 'vitest-20k.json'), make: vitestReport },
  ];
  const rows: EvidenceBenchRow[] = [];
  for (const { report, file, make } of cases) {
    writeFileSync(file, make());
    const text = readFileSync(file, 'utf8');
    const parsed = parseReport(file, text);
    const tests = parsed.kind === 'tests' ? parsed.tests.length : 0;
    if (tests !== testCount) throw new Error(`${report}: parsed ${tests} tests, generated ${testCount}`);
    // Interleaved, after one warm-up of each, so both meet the same JIT state and machine load.
    JSON.parse(text);
    parseReport(file, text);
    const json: number[] = [];
    const parse: number[] = [];
    const detect: number[] = [];
    for (let i = 0; i < runs; i++) {
      json.push(...timedSync(() => JSON.parse(text)));
      parse.push(...timedSync(() => parseReport(file, text)));
      detect.push(...timedSync(() => detectFormat(text)));
    }
    const jsonMemory: ChildMeasure[] = [];
    const parseMemory: ChildMeasure[] = [];
    const none: ChildMeasure[] = [];
    for (let i = 0; i < memoryRuns; i++) {
      none.push(measureInChild('none', file));
      jsonMemory.push(measureInChild('json', file));
      parseMemory.push(measureInChild('parse', file));
    }
    rows.push({
      report,
      sizeMiB: statSync(file).size / 2 ** 20,
      tests,
      parseMs: median(parse),
      jsonMs: median(json),
      detectMs: median(detect),
      parsePeakMiB: medianOf(parseMemory, 'peakMiB'),
      jsonPeakMiB: medianOf(jsonMemory, 'peakMiB'),
      parseGrowthMiB: medianOf(parseMemory, 'peakMiB') - medianOf(parseMemory, 'beforeMiB'),
      jsonGrowthMiB: medianOf(jsonMemory, 'peakMiB') - medianOf(jsonMemory, 'beforeMiB'),
      baselineMiB: medianOf(none, 'peakMiB'),
    });
  }
  const mib = (value: number) => `${value.toFixed(0)} MiB`;
  const verdict = (rows: EvidenceBenchRow[]) => {
    const time = Math.max(...rows.map((row) => row.parseMs / row.jsonMs));
    const memory = Math.max(...rows.map((row) => row.parsePeakMiB / row.jsonPeakMiB));
    const growth = Math.max(...rows.map((row) => row.parseGrowthMiB / row.jsonGrowthMiB));
    const met = time <= 2 && memory <= 2;
    return `${met ? 'Met' : '**Not met**'}: the goal is \`parseReport\` at most 2× the time and 2× the peak memory of \`JSON.parse\`; the worst case here is ${ratio(time)} the time and ${ratio(memory)} the peak (${ratio(growth)} the growth).`;
  };
  const markdown = [
    `Reports generated into \`${relative(repoRoot, work)}\` from the real fixtures (\`packages/evidence/test/fixtures\`), ${testCount.toLocaleString('en')} tests each: Playwright as 100 spec files × 2 describe blocks × 50 specs × 2 projects, indented as Playwright writes it; Vitest as 400 files × 50 tests, compact as Vitest writes it (with the fixture's coverage map). About 90% pass; the rest fail (with the real error objects and messages), are flaky, or skipped.`,
    '',
    `Time: in one process, \`parseReport\` (detect, \`JSON.parse\`, walk into the normalised model) against \`JSON.parse\` of the same text, interleaved, median of ${runs}. \`detectFormat\` alone reads only the leading keys. Memory: one fresh process per measurement (median of ${memoryRuns}), reading the file and then parsing it, holding the result; peak is \`process.resourceUsage().maxRSS\`, growth is the peak minus the resident size just before the parse. A process that only reads the file peaks at the "read only" figure, so the growth columns show the parse itself best. The machine may be shared while this runs: \`parseReport\` is \`JSON.parse\` plus a walk, so a time ratio under 1× is noise, not a gain.`,
    '',
    '| report | size | tests | `parseReport` | `JSON.parse` | time ratio | `detectFormat` | peak: `parseReport` | peak: `JSON.parse` | peak ratio | growth: `parseReport` | growth: `JSON.parse` | growth ratio | read only |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.report} | ${row.sizeMiB.toFixed(1)} MiB | ${row.tests.toLocaleString('en')} | ${ms(row.parseMs)} | ${ms(row.jsonMs)} | ${ratio(row.parseMs / row.jsonMs)} | ${ms(row.detectMs)} | ${mib(row.parsePeakMiB)} | ${mib(row.jsonPeakMiB)} | ${ratio(row.parsePeakMiB / row.jsonPeakMiB)} | ${mib(row.parseGrowthMiB)} | ${mib(row.jsonGrowthMiB)} | ${ratio(row.parseGrowthMiB / row.jsonGrowthMiB)} | ${mib(row.baselineMiB)} |`,
    ),
    '',
    verdict(rows),
  ].join('\n');
  return { rows, markdown };
}

function timedSync(fn: () => unknown): number[] {
  const start = process.hrtime.bigint();
  fn();
  return [Number(process.hrtime.bigint() - start) / 1e6];
}

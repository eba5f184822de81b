// The report parsers against the real reports in fixtures/ (their README lists what each holds), and
// against broken inputs written here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  parseCoverageSummary,
  parseJunitXml,
  parseLighthouseJson,
  parsePlaywrightJson,
  parseReport,
  parseVitestJson,
} from '../src/parsers/index';
import type { CoverageReport, LighthouseReport, ReportFormat, TestCase, TestReport } from '../src/types';
import { ReportParseError } from '../src/types';

const fixtures = join(import.meta.dirname, 'fixtures');
const read = (path: string) => readFileSync(join(fixtures, path), 'utf8');
const lhciFiles = readdirSync(join(fixtures, 'lhci'))
  .filter((name) => name.startsWith('lhr-') && name.endsWith('.json'))
  .map((name) => `lhci/${name}`);

const tests = (path: string, text = read(path)) => {
  const report = parseReport(path, text);
  expect(report.kind).toBe('tests');
  return report as TestReport;
};

/** passed / failed / skipped / flaky counts of some test cases. */
function counts(cases: TestCase[]) {
  const tally = { tests: cases.length, passed: 0, failed: 0, skipped: 0, flaky: 0 };
  for (const test of cases) tally[test.status]++;
  return tally;
}

const byProject = (report: TestReport, project: string) =>
  report.tests.filter((test) => test.project === project);

/** The error parseReport throws for `text`, checked to be a ReportParseError naming the path. */
function parseError(text: string, path = 'reports/input'): string {
  try {
    parseReport(path, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportParseError);
    expect((error as ReportParseError).path).toBe(path);
    expect((error as Error).message.startsWith(`${path}: `)).toBe(true);
    return (error as Error).message.slice(path.length + 2);
  }
  throw new Error(`parseReport accepted ${JSON.stringify(text.slice(0, 60))}`);
}

describe('detectFormat', () => {
  const expected: Array<[string, ReportFormat]> = [
    ['vitest/passing.json', 'vitest-json'],
    ['vitest/failing.json', 'vitest-json'],
    ['vitest/junit.xml', 'junit-xml'],
    ['playwright/report.json', 'playwright-json'],
    ['playwright/junit.xml', 'junit-xml'],
    ['coverage/coverage-summary.json', 'coverage-summary'],
    ['lighthouse/fast.json', 'lighthouse-json'],
    ['lighthouse/slow.json', 'lighthouse-json'],
    ...lhciFiles.map((path): [string, ReportFormat] => [path, 'lighthouse-json']),
  ];

  it.each(expected)('%s is %s, and parseReport agrees', (path, format) => {
    const text = read(path);
    expect(detectFormat(text)).toBe(format);
    expect(parseReport(path, text).format).toBe(format);
  });

  it('reads content, not names: the same text detects the same under any name', () => {
    expect(detectFormat(read('playwright/report.json'))).toBe('playwright-json');
    expect(parseReport('coverage-summary.json', read('vitest/passing.json')).format).toBe('vitest-json');
  });

  it('decides JSON formats from their leading keys, without reading the rest of the file', () => {
    // Garbage after the signature keys: a full parse would fail, the sniff never gets there.
    const vitest = read('vitest/failing.json');
    const cut = vitest.indexOf('"testResults"') + 40;
    expect(detectFormat(`${vitest.slice(0, cut)} ]]]] not json`)).toBe('vitest-json');
    expect(detectFormat('{"lighthouseVersion":"12.8.2", "audits": {')).toBe('lighthouse-json');
  });

  it('finds the JUnit root after a BOM, the declaration, comments and a doctype', () => {
    const xml =
      '\uFEFF<?xml version="1.0"?>\n<!-- written by a runner -->\n<!DOCTYPE x>\n<testsuite name="a" tests="0"/>';
    expect(detectFormat(xml)).toBe('junit-xml');
  });

  it('knows nothing else', () => {
    expect(detectFormat('')).toBeUndefined();
    expect(detectFormat('{"name":"shop","version":"1.0.0","total":3}')).toBeUndefined();
    expect(detectFormat('[{"numTotalTests":1}]')).toBeUndefined();
    expect(detectFormat('{"nested":{"numTotalTests":1,"testResults":[]}}')).toBeUndefined();
    expect(detectFormat('<?xml version="1.0"?><html><body/></html>')).toBeUndefined();
    expect(detectFormat('numTotalTests testResults')).toBeUndefined();
  });
});

describe('Vitest JSON', () => {
  it('passing.json: 6 tests, all passed, files relative to the project', () => {
    const report = tests('vitest/passing.json');
    expect(report).toMatchObject({ format: 'vitest-json', tool: 'vitest' });
    expect(counts(report.tests)).toEqual({ tests: 6, passed: 6, failed: 0, skipped: 0, flaky: 0 });
    // No stack frame to find the project by: the common directory, stepped out of test/.
    expect(new Set(report.tests.map((test) => test.file))).toEqual(new Set(['test/math.test.js']));
    expect(report.tests[0]).toMatchObject({ name: 'add › adds two numbers', line: 5, column: 3 });
  });

  it('failing.json: 12 tests: 9 passed of which 1 flaky, 1 failed, 1 skipped and 1 todo as skipped', () => {
    const text = read('vitest/failing.json');
    const raw = JSON.parse(text);
    const report = tests('vitest/failing.json', text);
    expect(report.tests).toHaveLength(raw.numTotalTests);
    expect(counts(report.tests)).toEqual({ tests: 12, passed: 8, failed: 1, skipped: 2, flaky: 1 });
    expect(report.tests.filter((test) => test.status === 'passed' || test.status === 'flaky')).toHaveLength(
      raw.numPassedTests,
    );
    expect(report.startedAt).toBe(new Date(raw.startTime).toISOString());
  });

  it('the failing test names its file, its line and where the assertion failed', () => {
    const report = tests('vitest/failing.json');
    const [failed, ...others] = report.tests.filter((test) => test.status === 'failed');
    expect(others).toEqual([]);
    expect(failed).toMatchObject({
      name: 'applyDiscount › rounds to the nearest cent',
      file: 'test/discount.test.js',
      line: 9,
      column: 3,
      failureLine: 11,
      failureColumn: 36,
    });
    expect(failed?.message).toBe('AssertionError: expected 166 to be 167 // Object.is equality');
  });

  it('a test that passed with failureMessages is flaky, and keeps the message of its failed attempt', () => {
    const flaky = tests('vitest/failing.json').tests.filter((test) => test.status === 'flaky');
    expect(flaky).toHaveLength(1);
    expect(flaky[0]).toMatchObject({ file: 'test/flaky.test.js', failureLine: 14 });
    expect(flaky[0]?.message).toMatch(/^AssertionError: simulated timeout/);
  });

  it('todo and skipped are skipped', () => {
    const skipped = tests('vitest/failing.json').tests.filter((test) => test.status === 'skipped');
    expect(skipped.map((test) => test.name).sort()).toEqual([
      'applyDiscount › supports discount codes',
      'applyDiscount › supports stacked discounts',
    ]);
  });

  it('makes paths relative to a given root, and to their own project when made elsewhere', () => {
    const text = read('vitest/failing.json');
    const inside = parseVitestJson('r.json', text, { root: '/home/runner/work/shop/shop/' });
    expect(new Set(inside.tests.map((test) => test.file))).toEqual(
      new Set(['test/discount.test.js', 'test/flaky.test.js', 'test/math.test.js']),
    );
    // Evidence made on another runner (an artifact downloaded into this workspace) keeps its own project.
    const outside = parseVitestJson('r.json', text, { root: '/elsewhere' });
    expect(outside.tests[0]?.file).toBe('test/discount.test.js');
  });

  it('a file that failed outside any test becomes a failed case', () => {
    const raw = JSON.parse(read('vitest/passing.json'));
    raw.testResults.push({
      assertionResults: [],
      status: 'failed',
      message: 'Failed to load url ../src/missing.js (resolved id: ../src/missing.js)',
      name: '/home/runner/work/shop/shop/test/broken.test.js',
    });
    const report = tests('r.json', JSON.stringify(raw));
    expect(counts(report.tests)).toMatchObject({ tests: 7, failed: 1 });
    expect(report.tests.at(-1)).toMatchObject({
      status: 'failed',
      file: 'test/broken.test.js',
      message: expect.stringContaining('Failed to load url'),
    });
  });

  it('ignores fields it does not know', () => {
    const raw = JSON.parse(read('vitest/passing.json'));
    raw.somethingNew = { deep: [1, 2, 3] };
    for (const result of raw.testResults[0].assertionResults) result.annotations = [{ x: 1 }];
    expect(counts(tests('r.json', JSON.stringify(raw)).tests).passed).toBe(6);
  });
});

describe('Playwright JSON', () => {
  const text = read('playwright/report.json');
  const raw = JSON.parse(text);

  it('16 tests in two projects, matching the report stats', () => {
    const report = tests('playwright/report.json', text);
    expect(report).toMatchObject({
      format: 'playwright-json',
      tool: 'playwright',
      startedAt: raw.stats.startTime,
    });
    const all = counts(report.tests);
    expect(all).toEqual({ tests: 16, passed: 9, failed: 2, skipped: 3, flaky: 2 });
    expect(all).toMatchObject({
      passed: raw.stats.expected,
      failed: raw.stats.unexpected,
      skipped: raw.stats.skipped,
      flaky: raw.stats.flaky,
    });
  });

  it('counts per project', () => {
    const report = tests('playwright/report.json', text);
    expect(counts(byProject(report, 'desktop'))).toEqual({
      tests: 8,
      passed: 4,
      failed: 1,
      skipped: 2,
      flaky: 1,
    });
    expect(counts(byProject(report, 'mobile'))).toEqual({
      tests: 8,
      passed: 5,
      failed: 1,
      skipped: 1,
      flaky: 1,
    });
  });

  it('names, files and lines come from the specs; the failure location from the error', () => {
    const report = tests('playwright/report.json', text);
    const failed = report.tests.filter((test) => test.status === 'failed');
    expect(failed.map((test) => test.project).sort()).toEqual(['desktop', 'mobile']);
    for (const test of failed) {
      expect(test).toMatchObject({
        name: 'cart › shows a checkout button',
        // spec.file is relative to config.rootDir (e2e/); the model is relative to the project.
        file: 'e2e/shop.spec.mjs',
        line: 23,
        column: 3,
        failureLine: 26,
        failureColumn: 66,
      });
      expect(test.message).toMatch(/^Error: expect\(locator\)\.toBeVisible\(\) failed/);
      expect(test.message).not.toContain('\u001b[');
    }
    const flaky = report.tests.filter((test) => test.status === 'flaky');
    expect(flaky[0]?.name).toBe(
      'cart › keeps the count after two clicks (flaky: fails on the first attempt)',
    );
    expect(flaky[0]?.message).toBeTruthy();
    expect(report.tests.find((test) => test.name === 'menu fits a narrow viewport')?.file).toBe(
      'e2e/mobile-only.spec.mjs',
    );
  });

  it('has no commit when the metadata names none (as in the fixture)', () => {
    expect(tests('playwright/report.json', text).commit).toBeUndefined();
  });

  it.each([
    ['captureGitInfo', { gitCommit: { hash: 'a1b2c3d', subject: 'x' } }],
    ['CI info', { ci: { commitHash: 'a1b2c3d', commitHref: 'https://example.test' } }],
    ['revision.id', { 'revision.id': 'a1b2c3d' }],
    ['commit', { commit: 'a1b2c3d' }],
    ['sha', { sha: 'a1b2c3d' }],
  ])('reads the commit from metadata (%s)', (_, metadata) => {
    const copy = structuredClone(raw);
    copy.config.metadata = { ...copy.config.metadata, ...metadata };
    expect(parsePlaywrightJson('r.json', JSON.stringify(copy)).commit).toBe('a1b2c3d');
  });

  it('an error outside any test is a failed case', () => {
    const copy = structuredClone(raw);
    copy.errors = [
      {
        message: 'SyntaxError: Unexpected token',
        location: { file: '/home/runner/work/shop/shop/e2e/broken.spec.mjs', line: 3, column: 1 },
      },
    ];
    const report = parsePlaywrightJson('r.json', JSON.stringify(copy));
    expect(counts(report.tests).failed).toBe(3);
    expect(report.tests.at(-1)).toMatchObject({
      file: 'e2e/broken.spec.mjs',
      failureLine: 3,
      status: 'failed',
    });
  });
});

describe('JUnit XML', () => {
  it('Vitest: 12 tests, the todo as skipped, the flaky test a plain pass', () => {
    const report = tests('vitest/junit.xml');
    expect(report).toMatchObject({ format: 'junit-xml', tool: 'vitest' });
    expect(counts(report.tests)).toEqual({ tests: 12, passed: 9, failed: 1, skipped: 2, flaky: 0 });
    const failed = report.tests.find((test) => test.status === 'failed');
    expect(failed).toMatchObject({
      name: 'applyDiscount › rounds to the nearest cent',
      file: 'test/discount.test.js',
      failureLine: 11,
      failureColumn: 36,
      message: 'expected 166 to be 167 // Object.is equality',
    });
    expect(report.startedAt).toBe('2026-11-23T10:28:42.665Z');
  });

  it('Vitest: the same test names as its JSON report', () => {
    const names = (report: TestReport) => report.tests.map((test) => test.name).sort();
    expect(names(tests('vitest/junit.xml'))).toEqual(names(tests('vitest/failing.json')));
  });

  it('Playwright: 16 tests, flaky counted as passed, projects from the suite hostnames', () => {
    const report = tests('playwright/junit.xml');
    expect(report).toMatchObject({ tool: 'playwright' });
    expect(counts(report.tests)).toEqual({ tests: 16, passed: 11, failed: 2, skipped: 3, flaky: 0 });
    expect(counts(byProject(report, 'desktop'))).toEqual({
      tests: 8,
      passed: 5,
      failed: 1,
      skipped: 2,
      flaky: 0,
    });
    expect(counts(byProject(report, 'mobile'))).toEqual({
      tests: 8,
      passed: 6,
      failed: 1,
      skipped: 1,
      flaky: 0,
    });
    const failed = report.tests.find((test) => test.status === 'failed');
    // The failure location is the stack frame, not the test's own position in the report's header line.
    expect(failed).toMatchObject({ file: 'shop.spec.mjs', failureLine: 26, failureColumn: 66 });
  });

  const junit = (body: string, root = '<testsuites name="ci">') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${body}\n</${root.slice(1).split(/[\s>]/)[0]}>`;

  it('a single <testsuite> root, nested suites, error and flakyFailure elements, decoded entities', () => {
    const xml = junit(
      `<testcase classname="com.shop.CartTest" name="adds &amp; removes" time="0.5"/>
       <testsuite name="inner" timestamp="2026-01-02T03:04:05Z">
         <testcase classname="src/a.py" name="raises" line="7"><error message="boom &lt;here&gt;">Traceback</error></testcase>
         <testcase classname="src/a.py" name="retried"><flakyFailure message="first try"/></testcase>
         <testcase classname="src/a.py" name="later"><skipped message="not now"/></testcase>
       </testsuite>`,
      '<testsuite name="outer" timestamp="2026-01-02T04:00:00Z" tests="4">',
    );
    const report = tests('r.xml', xml);
    expect(report.tool).toBe('junit');
    expect(report.startedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(report.tests).toEqual([
      { name: 'adds & removes', status: 'passed', durationMs: 500 },
      { name: 'raises', status: 'failed', file: 'src/a.py', line: 7, message: 'boom <here>' },
      { name: 'retried', status: 'flaky', file: 'src/a.py', message: 'first try' },
      { name: 'later', status: 'skipped', file: 'src/a.py' },
    ]);
  });

  it.each(['commit', 'git.commit', 'vcs.revision', 'revision'])(
    'reads the commit from a %s property',
    (name) => {
      const xml = junit(
        `<testsuite name="s"><properties><property name="${name}" value="a1b2c3d"/></properties><testcase name="t"/></testsuite>`,
      );
      expect(parseJunitXml('r.xml', xml).commit).toBe('a1b2c3d');
    },
  );

  it('takes the file attribute over the classname', () => {
    const xml = junit(
      '<testsuite name="s"><testcase classname="Cart" file="spec/cart_spec.rb" name="t"/></testsuite>',
    );
    expect(parseJunitXml('r.xml', xml).tests[0]?.file).toBe('spec/cart_spec.rb');
  });
});

describe('istanbul coverage summary', () => {
  it('total lines, statements, functions and branches; one file', () => {
    const report = parseReport('coverage/coverage-summary.json', read('coverage/coverage-summary.json'));
    expect(report).toEqual<CoverageReport>({
      kind: 'coverage',
      format: 'coverage-summary',
      tool: 'istanbul',
      total: {
        lines: { total: 15, covered: 12, pct: 80 },
        statements: { total: 18, covered: 14, pct: 77.77 },
        functions: { total: 5, covered: 5, pct: 100 },
        branches: { total: 13, covered: 8, pct: 61.53 },
      },
      files: 1,
    });
  });

  it('"Unknown" (nothing to cover) is 100%', () => {
    const raw = JSON.parse(read('coverage/coverage-summary.json'));
    raw.total.branches = { total: 0, covered: 0, skipped: 0, pct: 'Unknown' };
    expect(parseCoverageSummary('c.json', JSON.stringify(raw)).total.branches).toEqual({
      total: 0,
      covered: 0,
      pct: 100,
    });
  });
});

describe('Lighthouse', () => {
  // The README's table (written by the fixtures' summary script from the same files): one row per file.
  const readme = read('README.md');
  const rows = readme
    .split('\n')
    .filter((line) => /^\| (lighthouse|lhci)\//.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));

  it('the README lists every Lighthouse fixture', () => {
    expect(rows.map((row) => row[1]).sort()).toEqual(
      ['lighthouse/fast.json', 'lighthouse/slow.json', ...lhciFiles].sort(),
    );
  });

  it.each(rows.map((row) => [row[1] as string, row]))('%s: version, URL, scores and metrics', (path, row) => {
    const [, , version, url, perf, a11y, bestPractices, seo, lcp, tbt, cls, fcp, si] = row;
    const text = read(path);
    const report = parseReport(path, text) as LighthouseReport;
    expect(report).toMatchObject({
      format: 'lighthouse-json',
      tool: 'lighthouse',
      lighthouseVersion: version,
    });
    expect(report.requestedUrl).toBe(url);
    expect(report.finalUrl).toBe(url);
    expect(report.runtimeError).toBeUndefined();
    const percent = (id: string) => Math.round((report.categories[id] ?? Number.NaN) * 100);
    expect([
      percent('performance'),
      percent('accessibility'),
      percent('best-practices'),
      percent('seo'),
    ]).toEqual([perf, a11y, bestPractices, seo].map(Number));
    const metric = (id: string) => report.audits[id]?.numericValue ?? Number.NaN;
    expect(Math.round(metric('largest-contentful-paint'))).toBe(Number(lcp));
    expect(Math.round(metric('total-blocking-time'))).toBe(Number(tbt));
    expect(metric('cumulative-layout-shift').toFixed(3)).toBe(cls);
    expect(Math.round(metric('first-contentful-paint'))).toBe(Number(fcp));
    expect(Math.round(metric('speed-index'))).toBe(Number(si));
    expect(report.audits['largest-contentful-paint']?.numericUnit).toBe('millisecond');
    // Every audit, informative ones with a null score included.
    const raw = JSON.parse(text);
    expect(Object.keys(report.audits)).toEqual(Object.keys(raw.audits));
    expect(Object.values(report.audits).some((audit) => audit.score === null)).toBe(true);
    expect(report.startedAt).toBe(raw.fetchTime);
  });

  it('a run Lighthouse reports as broken carries its runtimeError', () => {
    const raw = JSON.parse(read('lighthouse/fast.json'));
    raw.runtimeError = { code: 'NO_FCP', message: 'The page did not paint any content.' };
    raw.categories.performance.score = null;
    const report = parseLighthouseJson('l.json', JSON.stringify(raw));
    expect(report.runtimeError).toBe('The page did not paint any content.');
    expect(report.categories.performance).toBeNull();
  });

  it('finalDisplayedUrl wins over finalUrl', () => {
    const raw = JSON.parse(read('lighthouse/fast.json'));
    raw.finalDisplayedUrl = 'http://127.0.0.1:4173/home';
    expect(parseLighthouseJson('l.json', JSON.stringify(raw)).finalUrl).toBe('http://127.0.0.1:4173/home');
  });
});

describe('parse errors', () => {
  const vitest = read('vitest/failing.json');
  const playwright = read('playwright/report.json');
  const unknown = 'not a Vitest, Playwright, Lighthouse, istanbul or JUnit report';

  it('an empty file', () => {
    expect(parseError('')).toBe('empty file');
    expect(parseError(' \n\t\n')).toBe('empty file');
  });

  it('neither JSON nor XML', () => {
    expect(parseError('hello, world')).toMatch(/^not JSON or XML/);
  });

  it('truncated JSON, cut anywhere', () => {
    for (const at of [1, 100, Math.floor(vitest.length / 2), vitest.length - 2]) {
      expect(parseError(vitest.slice(0, at))).toBe('truncated JSON: the file ends inside an object');
    }
    expect(parseError(playwright.slice(0, playwright.indexOf('"stats"')))).toMatch(/^truncated JSON/);
  });

  it('JSON that is broken but complete', () => {
    expect(parseError('{"numTotalTests": 1, "testResults": [tru]}')).toMatch(/^not valid JSON \(/);
  });

  it('JSON of no known format', () => {
    expect(parseError('{"name":"shop","version":"1.0.0"}')).toBe(unknown);
    expect(parseError('[1, 2, 3]')).toBe(unknown);
    expect(parseError('{"total": 3}')).toBe(unknown);
  });

  it('XML of another root', () => {
    expect(parseError('<?xml version="1.0"?>\n<html><body>502 Bad Gateway</body></html>')).toBe(
      `${unknown} (XML root <html>)`,
    );
  });

  it('truncated and malformed XML', () => {
    const xml = read('vitest/junit.xml');
    expect(parseError(xml.slice(0, xml.length / 2))).toBe(
      'truncated XML: the file ends before </testsuites>',
    );
    expect(parseError('<testsuites><testsuite><testcase></testsuite></testsuites>')).toMatch(
      /^not well-formed XML \(Expected closing tag 'testcase'/,
    );
  });

  it('a Lighthouse result without categories or audits', () => {
    const raw = JSON.parse(read('lighthouse/fast.json'));
    delete raw.categories;
    expect(parseError(JSON.stringify(raw))).toBe('Lighthouse report without categories');
    const noAudits = JSON.parse(read('lighthouse/fast.json'));
    noAudits.audits = [];
    expect(parseError(JSON.stringify(noAudits))).toMatch(/^Lighthouse report with an invalid audits: /);
  });

  it('known formats missing required fields', () => {
    const noStats = JSON.parse(playwright);
    delete noStats.stats;
    expect(parseError(JSON.stringify(noStats))).toBe(
      'Playwright report without stats (expected, unexpected counts)',
    );
    const noBranches = JSON.parse(read('coverage/coverage-summary.json'));
    delete noBranches.total.branches;
    expect(parseError(JSON.stringify(noBranches))).toBe('coverage summary without total.branches');
    expect(() => parseVitestJson('v.json', '{"numTotalTests": 0}')).toThrow(
      'v.json: Vitest report without a testResults array (found nothing)',
    );
  });
});

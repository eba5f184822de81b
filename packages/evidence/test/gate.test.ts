import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EvidenceFile, judge, loadThresholds, readEvidenceFile, thresholdsJsonSchema } from '../src';
import { formatDuration, parseDuration } from '../src/durations';
import { evaluateLighthouse, median, medianRun } from '../src/evaluate/lighthouse';
import { sameCommit } from '../src/gate';
import { parseReport } from '../src/parsers/index';
import { resolveThresholds, thresholdsSchema } from '../src/thresholds';
import type { LighthouseReport } from '../src/types';

const fixtures = join(import.meta.dirname, 'fixtures');
const lhciFiles = [
  'lhr-1795429805555.json',
  'lhr-1795429820369.json',
  'lhr-1795429834445.json',
  'lhr-1795429855305.json',
  'lhr-1795429876116.json',
  'lhr-1795429897229.json',
];
const lhciRuns = lhciFiles.map((name) => ({
  path: `lhci/${name}`,
  report: parseReport(name, readFileSync(join(fixtures, 'lhci', name), 'utf8')) as LighthouseReport,
}));
const slowRuns = lhciRuns.filter((run) => run.report.requestedUrl.endsWith('/slow'));

function thresholds(yaml: object) {
  return resolveThresholds({ config: thresholdsSchema.parse(yaml) });
}

describe('Lighthouse evidence', () => {
  it('picks the run closest to the median FCP and TTI, as Lighthouse does', () => {
    const fcp = (run: (typeof slowRuns)[number]) =>
      run.report.audits['first-contentful-paint']!.numericValue!;
    const chosen = medianRun(slowRuns);
    // With three runs the median run holds the median FCP unless TTI pulls it elsewhere; it is never an outlier.
    const sorted = slowRuns.map(fcp).sort((a, b) => a - b);
    expect(fcp(chosen)).toBeGreaterThanOrEqual(sorted[0]!);
    expect(fcp(chosen)).toBeLessThanOrEqual(sorted[2]!);
    const distance = (run: (typeof slowRuns)[number]) =>
      slowRuns.reduce((sum, other) => sum + Math.abs(fcp(run) - fcp(other)), 0);
    expect(distance(chosen)).toBe(Math.min(...slowRuns.map(distance)));
  });

  it('computes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('groups runs by page and aggregates as asked: median-run, median, optimistic, pessimistic', () => {
    const values = slowRuns.map((run) => run.report.audits['total-blocking-time']!.numericValue!);
    const check = (aggregation: string) =>
      evaluateLighthouse(
        slowRuns,
        thresholds({ lighthouse: { aggregation, metrics: { tbt: 100_000 } } }).lighthouse,
      ).checks[0]!.actual;
    expect(check('median')).toBe(median(values));
    expect(check('optimistic')).toBe(Math.min(...values));
    expect(check('pessimistic')).toBe(Math.max(...values));
    expect(check('median-run')).toBe(medianRun(slowRuns).report.audits['total-blocking-time']!.numericValue);
    const pages = evaluateLighthouse(lhciRuns, thresholds({}).lighthouse).pages;
    expect(pages.map((page) => [page.url, page.runs])).toEqual([
      ['http://127.0.0.1:4173/', 3],
      ['http://127.0.0.1:4173/slow', 3],
    ]);
  });

  it("reads Lighthouse CI assertions with LHCI's defaults: a bare level means minScore 0.9", () => {
    const rules = thresholds({
      lighthouse: {
        assertions: {
          'categories:performance': 'error',
          'largest-contentful-paint': ['warn', { maxNumericValue: 2500 }],
          'uses-http2': 'off',
          'not-an-audit': 'error',
          'resource-summary:script:size': ['error', { maxNumericValue: 1000 }],
        },
      },
    }).lighthouse;
    const checks = evaluateLighthouse(slowRuns, rules).checks;
    expect(checks.map((check) => [check.rule, check.level, check.passed])).toEqual([
      ['categories:performance', 'error', false],
      ['largest-contentful-paint maxNumericValue', 'warn', false],
      ['not-an-audit', 'error', false],
      ['resource-summary:script:size', 'error', false],
    ]);
    expect(checks[0]).toMatchObject({ limit: 0.9, operator: '>=' });
    expect(checks[2]!.shown.actual).toBe('not in report');
    expect(checks[3]!.note).toMatch(/not supported/);
  });

  it('applies per-page limits by path or full URL, and fails a page limit no run measured', () => {
    const rules = thresholds({
      lighthouse: {
        urls: {
          '/slow': { categories: { performance: 0.2 } },
          'http://127.0.0.1:4173/': { metrics: { lcp: 1000 } },
          '/checkout': { categories: { performance: 0.9 } },
        },
      },
    }).lighthouse;
    const checks = evaluateLighthouse(lhciRuns, rules).checks;
    expect(checks.map((check) => [check.subject, check.rule, check.passed])).toEqual([
      ['http://127.0.0.1:4173/', 'lcp', true],
      ['http://127.0.0.1:4173/slow', 'categories:performance', true],
      ['/checkout', 'ran', false],
    ]);
  });
});

describe('thresholds', () => {
  it('requires tests by default, and the kinds the thresholds set limits for otherwise', () => {
    expect(thresholds({}).required).toEqual(['tests']);
    expect(thresholds({ coverage: { lines: 80 } }).required).toEqual(['coverage']);
    expect(thresholds({ required: ['lighthouse'], tests: {} }).required).toEqual(['lighthouse']);
    expect(thresholds({}).tests).toMatchObject({ 'max-failed': 0, 'min-passed': 1, 'allow-flaky': true });
    expect(thresholds({}).maxAgeMs).toBe(7 * 86_400_000);
    expect(thresholds({ 'max-age': 'none' }).maxAgeMs).toBeUndefined();
    expect(thresholds({ 'max-age': 0 }).maxAgeMs).toBeUndefined();
  });

  it('takes an age limit in milliseconds over the document, Infinity for none', () => {
    const config = thresholdsSchema.parse({ 'max-age': '2d' });
    expect(resolveThresholds({ config }).maxAgeMs).toBe(2 * 86_400_000);
    expect(resolveThresholds({ config, maxAgeMs: 3_600_000 }).maxAgeMs).toBe(3_600_000);
    expect(resolveThresholds({ config, maxAgeMs: Number.POSITIVE_INFINITY }).maxAgeMs).toBeUndefined();
  });

  it('names inline thresholds as the caller calls them, in errors and in the sources', async () => {
    const inline = { text: 'tests: { max-failed: 2 }', source: 'the inline thresholds' };
    const { thresholds: loaded } = await loadThresholds({ root: import.meta.dirname, inline });
    expect(loaded.sources).toEqual(['the inline thresholds']);
    await expect(
      loadThresholds({
        root: import.meta.dirname,
        inline: { text: 'tests:\n  max-failures: 0', source: 'given text' },
      }),
    ).rejects.toThrow(/^given text:2:3: /);
  });

  it('names a file that is no thresholds or lighthouserc with the input that pointed at it', async () => {
    const notYaml = join(fixtures, 'vitest', 'junit.xml');
    const givenAs = { file: "input 'thresholds-file'", lighthouserc: "input 'lighthouserc'" };
    await expect(loadThresholds({ root: '/', file: '/etc/hostname', givenAs })).rejects.toThrow(
      /^etc\/hostname \(input 'thresholds-file'\)/,
    );
    await expect(loadThresholds({ root: '/', lighthouserc: notYaml, givenAs })).rejects.toThrow(
      /junit\.xml \(input 'lighthouserc'\)/,
    );
    const loaded = await loadThresholds({
      root: '/',
      inline: { text: 'tests: { max-failed: 0 }', source: 'x' },
    });
    expect(loaded.thresholds.sources).toEqual(['x']);
  });

  it('reads shares and scores as fractions or percentages', () => {
    const parsed = thresholdsSchema.parse({
      tests: { 'max-skipped-share': '10%' },
      lighthouse: { categories: { performance: '90%', seo: 0.8 } },
    });
    expect(parsed.tests?.['max-skipped-share']).toBeCloseTo(0.1);
    expect(parsed.lighthouse?.categories).toEqual({ performance: 0.9, seo: 0.8 });
    expect(thresholdsSchema.safeParse({ lighthouse: { categories: { performance: 90 } } }).success).toBe(
      false,
    );
  });

  it('refuses an assertion set both in the thresholds and in the lighthouserc', () => {
    expect(() =>
      resolveThresholds({
        config: thresholdsSchema.parse({ lighthouse: { assertions: { 'categories:seo': 'error' } } }),
        lhci: { assertions: { 'categories:seo': 'warn' } },
      }),
    ).toThrow("assertion 'categories:seo' is set both in the thresholds and in the lighthouserc; keep one");
  });
});

describe('provenance', () => {
  it('treats full and abbreviated SHAs of one commit as the same commit, and nothing shorter than 7', () => {
    expect(sameCommit('3f6c0a1e9b2d4c5f8a7e', '3f6c0a1')).toBe(true);
    expect(sameCommit('3F6C0A1E', '3f6c0a1e')).toBe(true);
    expect(sameCommit('3f6c0a1e9b2d', '3f6c0a')).toBe(false);
    expect(sameCommit('3f6c0a1e9b2d', '3f6c0a2')).toBe(false);
  });

  it('reads and prints durations', () => {
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('1d12h')).toBe(129_600_000);
    expect(parseDuration('none')).toBeUndefined();
    expect(() => parseDuration('24 hours')).toThrow(/not a duration/);
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe('3 d 1 h');
    expect(formatDuration(25 * 60_000)).toBe('25 min');
  });

  it('refuses a report dated in the future', async () => {
    const file = (await readEvidenceFile(join(fixtures, 'vitest', 'passing.json'), fixtures)) as EvidenceFile;
    const before = new Date(Date.parse(file.date!) - 86_400_000);
    const result = judge({
      root: fixtures,
      files: [file],
      thresholds: thresholds({}),
      commit: 'abc1234',
      now: before,
    });
    expect(result.reasons).toEqual([
      `vitest/passing.json: ran 1 d in the future (${file.date})`,
      'tests evidence is required, and every tests report was refused',
    ]);
  });
});

describe('the thresholds file people write', () => {
  const repoRoot = join(import.meta.dirname, '..', '..', '..');

  it('has a committed JSON Schema that matches the zod schema (npx tsx scripts/generate-schema.ts)', () => {
    const committed = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'evidence-gate.schema.json'), 'utf8'),
    );
    expect(committed).toEqual(thresholdsJsonSchema());
  });

  it("accepts the sample app's thresholds", async () => {
    const { thresholds } = await loadThresholds({
      root: join(repoRoot, 'examples', 'shop-app'),
      file: '.github/evidence-gate.yml',
    });
    expect(thresholds).toMatchObject({
      required: ['tests'],
      maxAgeMs: 86_400_000,
      tests: { 'min-passed': 5 },
    });
  });
});

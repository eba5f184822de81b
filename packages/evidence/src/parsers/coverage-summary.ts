// istanbul's json-summary (coverage-summary.json): `total` plus one entry per file, each metric
// {total, covered, skipped, pct}, where pct is the string "Unknown" when there is nothing to cover.
import { z } from 'zod';
import type { CoverageMetric, CoverageReport } from '../types';
import { ReportParseError } from '../types';
import { readJson } from './json-value';
import { zodReason } from './zod-reason';

const metric = z.object({
  total: z.number(),
  covered: z.number(),
  pct: z.union([z.number(), z.literal('Unknown')]),
});

const summarySchema = z.object({
  total: z.object({ lines: metric, statements: metric, functions: metric, branches: metric }),
});

function metricOf(value: z.infer<typeof metric>): CoverageMetric {
  // Nothing to cover is fully covered (istanbul writes "Unknown", and its text report shows 100%).
  const pct =
    typeof value.pct === 'number' ? value.pct : value.total === 0 ? 100 : (value.covered / value.total) * 100;
  return { total: value.total, covered: value.covered, pct };
}

/** An istanbul coverage summary already parsed, as the normalised coverage report. */
export function coverageFromJson(path: string, report: unknown): CoverageReport {
  const parsed = summarySchema.safeParse(report);
  if (!parsed.success)
    throw new ReportParseError(path, `coverage summary ${zodReason(parsed.error, report)}`);
  const { total } = parsed.data;
  return {
    kind: 'coverage',
    format: 'coverage-summary',
    tool: 'istanbul',
    total: {
      lines: metricOf(total.lines),
      statements: metricOf(total.statements),
      functions: metricOf(total.functions),
      branches: metricOf(total.branches),
    },
    files: Object.keys(report as object).filter((key) => key !== 'total').length,
  };
}

/** Parses an istanbul coverage summary (`json-summary` reporter, coverage-summary.json). */
export function parseCoverageSummary(path: string, text: string): CoverageReport {
  return coverageFromJson(path, readJson(path, text));
}

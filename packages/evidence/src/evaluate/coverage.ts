import type { Thresholds } from '../thresholds';
import type { CoverageReport } from '../types';
import { compare, type GateCheck } from './check';

export const coverageMetrics = ['lines', 'statements', 'functions', 'branches'] as const;

export interface CoverageResult {
  path: string;
  total: CoverageReport['total'];
  files: number;
}

export function evaluateCoverage(
  reports: ReadonlyArray<{ path: string; report: CoverageReport }>,
  rules: Thresholds['coverage'],
): { results: CoverageResult[]; checks: GateCheck[] } {
  const results: CoverageResult[] = [];
  const checks: GateCheck[] = [];
  for (const { path, report } of reports) {
    results.push({ path, total: report.total, files: report.files });
    for (const metric of coverageMetrics) {
      const limit = rules[metric];
      if (limit === undefined) continue;
      const actual = report.total[metric].pct;
      checks.push({
        kind: 'coverage',
        subject: path,
        rule: metric,
        actual,
        operator: '>=',
        limit,
        shown: { actual: `${actual}%`, limit: `${limit}%` },
        level: 'error',
        passed: compare(actual, '>=', limit),
        note: `${report.total[metric].covered} of ${report.total[metric].total} ${metric} covered`,
      });
    }
  }
  return { results, checks };
}

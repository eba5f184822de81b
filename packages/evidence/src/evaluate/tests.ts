import type { TestRules, Thresholds } from '../thresholds';
import type { TestCase, TestReport } from '../types';
import { compare, type GateCheck } from './check';

export interface TestTotals {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  flaky: number;
}

export interface TestSuiteResult {
  /** The report file, relative to the workspace. */
  path: string;
  tool: string;
  format: TestReport['format'];
  totals: TestTotals;
  /** Per Playwright project; empty for tools without projects. */
  projects: Record<string, TestTotals>;
}

/** A failed or flaky test with the report it came from, for the summary and annotations. */
export interface NotableTest extends TestCase {
  report: string;
}

export interface TestEvaluation {
  suites: TestSuiteResult[];
  totals: TestTotals;
  projects: Record<string, TestTotals>;
  failed: NotableTest[];
  flaky: NotableTest[];
  checks: GateCheck[];
}

export function emptyTotals(): TestTotals {
  return { total: 0, passed: 0, failed: 0, skipped: 0, flaky: 0 };
}

function add(totals: TestTotals, test: TestCase): void {
  totals.total += 1;
  totals[test.status] += 1;
}

export function evaluateTests(
  reports: ReadonlyArray<{ path: string; report: TestReport }>,
  rules: Thresholds['tests'],
): TestEvaluation {
  const totals = emptyTotals();
  const projects: Record<string, TestTotals> = {};
  const suites: TestSuiteResult[] = [];
  const failed: NotableTest[] = [];
  const flaky: NotableTest[] = [];
  for (const { path, report } of reports) {
    const suite: TestSuiteResult = {
      path,
      tool: report.tool,
      format: report.format,
      totals: emptyTotals(),
      projects: {},
    };
    for (const test of report.tests) {
      add(totals, test);
      add(suite.totals, test);
      if (test.project !== undefined) {
        projects[test.project] ??= emptyTotals();
        suite.projects[test.project] ??= emptyTotals();
        add(projects[test.project]!, test);
        add(suite.projects[test.project]!, test);
      }
      if (test.status === 'failed') failed.push({ ...test, report: path });
      else if (test.status === 'flaky') flaky.push({ ...test, report: path });
    }
    suites.push(suite);
  }

  const checks = testChecks('all tests', totals, rules);
  for (const [project, projectRules] of Object.entries(rules.projects)) {
    const projectTotals = projects[project];
    if (!projectTotals) {
      checks.push({
        kind: 'tests',
        subject: `project ${project}`,
        rule: 'ran',
        actual: 0,
        operator: '>=',
        limit: 1,
        shown: { actual: 'no tests', limit: 'tests ran' },
        level: 'error',
        passed: false,
        note: `no report holds tests of the Playwright project '${project}' (projects seen: ${Object.keys(projects).join(', ') || 'none'})`,
      });
      continue;
    }
    checks.push(...testChecks(`project ${project}`, projectTotals, projectRules));
  }
  return { suites, totals, projects, failed, flaky, checks };
}

function testChecks(subject: string, totals: TestTotals, rules: TestRules): GateCheck[] {
  const checks: GateCheck[] = [];
  const push = (
    rule: string,
    actual: number,
    operator: '<=' | '>=',
    limit: number,
    shown?: GateCheck['shown'],
  ) => {
    checks.push({
      kind: 'tests',
      subject,
      rule,
      actual,
      operator,
      limit,
      shown: shown ?? { actual: String(actual), limit: String(limit) },
      level: 'error',
      passed: compare(actual, operator, limit),
    });
  };
  if (rules['max-failed'] !== undefined) push('max-failed', totals.failed, '<=', rules['max-failed']);
  if (rules['min-passed'] !== undefined) {
    // A flaky test passed in the end: it counts as passed here, and is limited by max-flaky.
    push('min-passed', totals.passed + totals.flaky, '>=', rules['min-passed']);
  }
  if (rules['max-skipped'] !== undefined) push('max-skipped', totals.skipped, '<=', rules['max-skipped']);
  if (rules['max-skipped-share'] !== undefined) {
    const share = totals.total === 0 ? 0 : totals.skipped / totals.total;
    push('max-skipped-share', share, '<=', rules['max-skipped-share'], {
      actual: `${formatShare(share)} (${totals.skipped} of ${totals.total})`,
      limit: formatShare(rules['max-skipped-share']),
    });
  }
  const maxFlaky = rules['allow-flaky'] === false ? 0 : rules['max-flaky'];
  if (maxFlaky !== undefined)
    push(rules['allow-flaky'] === false ? 'allow-flaky' : 'max-flaky', totals.flaky, '<=', maxFlaky);
  return checks;
}

export function formatShare(share: number): string {
  const percent = share * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

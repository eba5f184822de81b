// The gate: evidence for one commit, read, checked for provenance, measured against the thresholds.
import type { Logger } from '@shipgate/kit';
import { collectEvidence, type EvidenceFile } from './collect';
import { formatDuration } from './durations';
import type { GateCheck } from './evaluate/check';
import { type CoverageResult, evaluateCoverage } from './evaluate/coverage';
import { evaluateLighthouse, type LighthouseEvaluation } from './evaluate/lighthouse';
import { evaluateTests, type TestEvaluation } from './evaluate/tests';
import { evidenceKinds, type Thresholds } from './thresholds';
import type { CoverageReport, EvidenceKind, LighthouseReport, TestReport } from './types';

export type Verdict = 'pass' | 'fail';

/** Evidence that cannot be used: a file, or a kind that is required and absent. Always fails the gate. */
export interface GateProblem {
  path?: string;
  kind?: EvidenceKind;
  reason: string;
}

export interface GateOptions {
  /** Files, folders and globs, relative to `root`. */
  reports: ReadonlyArray<string>;
  /** The workspace: report paths are read and recorded relative to it. */
  root: string;
  thresholds: Thresholds;
  /** The commit being promoted; reports that name another are refused. */
  commit: string;
  /** The gate's clock, for the age limit; a verification replays the original moment. */
  now?: Date;
  log?: Logger;
}

export interface GateResult {
  commit: string;
  verdict: Verdict;
  /** One line per reason the verdict is fail; empty on pass. */
  reasons: string[];
  warnings: string[];
  files: EvidenceFile[];
  /** Files found through a folder or glob that hold no report. */
  skipped: string[];
  problems: GateProblem[];
  checks: GateCheck[];
  tests?: TestEvaluation;
  coverage?: CoverageResult[];
  lighthouse?: LighthouseEvaluation;
  /** Evidence present per kind, after provenance checks. */
  used: Record<EvidenceKind, number>;
}

/** A clock difference this large is a report from the future, not skew between runners. */
const futureToleranceMs = 10 * 60_000;

export async function runGate(options: GateOptions): Promise<GateResult> {
  const collected = await collectEvidence(options.reports, options.root);
  return judge({
    ...options,
    files: collected.files,
    skipped: collected.skipped,
    unmatched: collected.unmatched,
  });
}

export interface JudgeOptions extends Omit<GateOptions, 'reports'> {
  files: EvidenceFile[];
  skipped?: string[];
  unmatched?: string[];
}

/** The verdict over files already read; the verification replays it over the manifest's files. */
export function judge(options: JudgeOptions): GateResult {
  const { thresholds, commit, files } = options;
  const now = options.now ?? new Date();
  const problems: GateProblem[] = [];
  const warnings: string[] = [];
  for (const pattern of options.unmatched ?? []) warnings.push(`no file matches '${pattern}'`);

  const usable = {
    tests: [] as { path: string; report: TestReport }[],
    coverage: [] as { path: string; report: CoverageReport }[],
    lighthouse: [] as { path: string; report: LighthouseReport }[],
  };
  const refusedKinds = new Set<EvidenceKind>();
  for (const file of files) {
    const refusal = refuse(file, commit, thresholds.maxAgeMs, now);
    if (refusal) {
      problems.push({ path: file.path, ...(file.kind ? { kind: file.kind } : {}), reason: refusal });
      if (file.kind) refusedKinds.add(file.kind);
      continue;
    }
    const report = file.report!;
    if (report.kind === 'tests') usable.tests.push({ path: file.path, report });
    else if (report.kind === 'coverage') usable.coverage.push({ path: file.path, report });
    else usable.lighthouse.push({ path: file.path, report });
  }

  const used = {
    tests: usable.tests.length,
    coverage: usable.coverage.length,
    lighthouse: usable.lighthouse.length,
  };
  for (const kind of thresholds.required) {
    if (used[kind] > 0) continue;
    const unreadable = files.filter((file) => !file.kind).length;
    const why = refusedKinds.has(kind)
      ? `every ${kind} report was refused`
      : `no ${describeKind(kind)} is among the ${files.length} file${files.length === 1 ? '' : 's'} found${unreadable ? ` (${unreadable} unreadable)` : ''}`;
    problems.push({ kind, reason: `${kind} evidence is required, and ${why}` });
  }
  for (const kind of evidenceKinds) {
    if (used[kind] > 0 && !thresholds.required.includes(kind)) {
      warnings.push(
        `${kind} evidence is present but not required: it is checked, and its absence would not fail the gate`,
      );
    }
  }

  const checks: GateCheck[] = [];
  const result: GateResult = {
    commit,
    verdict: 'pass',
    reasons: [],
    warnings,
    files,
    skipped: options.skipped ?? [],
    problems,
    checks,
    used,
  };
  if (usable.tests.length > 0 || thresholds.required.includes('tests')) {
    result.tests = evaluateTests(usable.tests, thresholds.tests);
    if (usable.tests.length > 0) checks.push(...result.tests.checks);
  }
  if (usable.coverage.length > 0) {
    const coverage = evaluateCoverage(usable.coverage, thresholds.coverage);
    result.coverage = coverage.results;
    checks.push(...coverage.checks);
  }
  if (usable.lighthouse.length > 0) {
    result.lighthouse = evaluateLighthouse(usable.lighthouse, thresholds.lighthouse);
    checks.push(...result.lighthouse.checks);
  }

  for (const problem of problems)
    result.reasons.push(problem.path ? `${problem.path}: ${problem.reason}` : problem.reason);
  for (const check of checks) {
    if (check.passed) continue;
    const line = describeFailedCheck(check);
    if (check.level === 'error') result.reasons.push(line);
    else warnings.push(line);
  }
  result.verdict = result.reasons.length === 0 ? 'pass' : 'fail';
  return result;
}

function refuse(
  file: EvidenceFile,
  commit: string,
  maxAgeMs: number | undefined,
  now: Date,
): string | undefined {
  if (file.error) return file.error;
  const report = file.report;
  if (!report) return 'not a report';
  if (report.kind === 'tests' && report.tests.length === 0) return 'holds no tests';
  if (report.kind === 'lighthouse' && report.runtimeError) {
    return `Lighthouse could not measure ${report.requestedUrl}: ${report.runtimeError}`;
  }
  if (report.kind === 'coverage' && report.total.lines.total === 0 && report.total.statements.total === 0) {
    return 'covers no code (0 lines, 0 statements)';
  }
  if (report.commit && commit && !sameCommit(report.commit, commit)) {
    return `names commit ${report.commit.slice(0, 12)}, not ${commit.slice(0, 12)}, the commit being promoted`;
  }
  if (file.date) {
    const age = now.getTime() - Date.parse(file.date);
    const dated = file.datedBy === 'report' ? 'ran' : 'was written (file time; the report records no time)';
    if (age < -futureToleranceMs) return `${dated} ${formatDuration(-age)} in the future (${file.date})`;
    if (maxAgeMs !== undefined && age > maxAgeMs) {
      return `${dated} ${formatDuration(age)} ago, more than max-age ${formatDuration(maxAgeMs)}`;
    }
  }
  return undefined;
}

/** Full and abbreviated SHAs (7 characters at least) name the same commit. */
export function sameCommit(a: string, b: string): boolean {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (x === y) return true;
  const shorter = x.length < y.length ? x : y;
  const longer = shorter === x ? y : x;
  return shorter.length >= 7 && /^[0-9a-f]+$/.test(shorter) && longer.startsWith(shorter);
}

function describeKind(kind: EvidenceKind): string {
  if (kind === 'tests') return 'Vitest, Playwright or JUnit report';
  if (kind === 'coverage') return 'istanbul coverage-summary.json';
  return 'Lighthouse result';
}

export function describeFailedCheck(check: GateCheck): string {
  if (check.actual === null || check.rule === 'ran') {
    return `${check.subject}: ${check.rule}: ${check.note ?? 'no value'}`;
  }
  const sign = check.operator === '<=' ? '≤' : '≥';
  return `${check.subject}: ${check.rule} is ${check.shown.actual}, must be ${sign} ${check.shown.limit}`;
}

// The normalised shape of every report the gate reads. Parsers turn each tool's own format into these;
// thresholds, the gate, the manifest and the summary only ever see these.

export type ReportFormat =
  | 'vitest-json'
  | 'playwright-json'
  | 'junit-xml'
  | 'lighthouse-json'
  | 'coverage-summary';

/** What a report is evidence of; thresholds and `required` are written per kind. */
export type EvidenceKind = 'tests' | 'coverage' | 'lighthouse';

export type TestStatus = 'passed' | 'failed' | 'skipped' | 'flaky';

export interface TestCase {
  /** Describe blocks and title joined with ' › ', as the tools print them. */
  name: string;
  /** As the report gives it, relative to the project when the tool made it so. */
  file?: string;
  line?: number;
  column?: number;
  /** todo and pending count as skipped; a test that failed and then passed on retry is flaky. */
  status: TestStatus;
  /** Playwright project (desktop, mobile…); undefined for tools without projects. */
  project?: string;
  durationMs?: number;
  /** First line(s) of the first failure, capped; for failed and flaky tests only. */
  message?: string;
  /** Where the failure was raised, when the report says (Playwright error location, Vitest stack). */
  failureLine?: number;
  failureColumn?: number;
}

export interface TestReport {
  kind: 'tests';
  format: 'vitest-json' | 'playwright-json' | 'junit-xml';
  /** The producing tool when the content tells (vitest, playwright), else 'junit'. */
  tool: string;
  /** ISO time the run started, when the report says. */
  startedAt?: string;
  /** The commit the report names itself (Playwright metadata), when it names one. */
  commit?: string;
  tests: TestCase[];
}

export interface CoverageMetric {
  total: number;
  covered: number;
  /** Percent, 0–100, as istanbul writes it ('Unknown' when total is 0 becomes 100). */
  pct: number;
}

export interface CoverageReport {
  kind: 'coverage';
  format: 'coverage-summary';
  tool: 'istanbul';
  startedAt?: undefined;
  commit?: undefined;
  total: Record<'lines' | 'statements' | 'functions' | 'branches', CoverageMetric>;
  /** Files in the summary besides the total. */
  files: number;
}

export interface LighthouseAudit {
  /** 0–1, or null for informative and not-applicable audits. */
  score: number | null;
  numericValue?: number;
  numericUnit?: string;
  /** binary, numeric, informative, notApplicable, manual, error: LHCI reads a null score through it. */
  scoreDisplayMode?: string;
  /** details.items.length, for LHCI's maxLength assertions. */
  items?: number;
}

export interface LighthouseReport {
  kind: 'lighthouse';
  format: 'lighthouse-json';
  tool: 'lighthouse';
  /** fetchTime. */
  startedAt?: string;
  commit?: undefined;
  lighthouseVersion: string;
  requestedUrl: string;
  finalUrl: string;
  /** Category id → score 0–1 (null when the run could not score it). */
  categories: Record<string, number | null>;
  /** Audit id → score and numeric value: what LHCI assertions and metric thresholds read. */
  audits: Record<string, LighthouseAudit>;
  /** A run Lighthouse itself reports as broken (runtimeError, or a page that did not load). */
  runtimeError?: string;
}

export type EvidenceReport = TestReport | CoverageReport | LighthouseReport;

/** A parse failure: the file is evidence that cannot be read, which fails a gate that needs it. */
export class ReportParseError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ReportParseError';
  }
}

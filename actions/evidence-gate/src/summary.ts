import {
  coverageMetrics,
  type EvidenceManifest,
  formatMs,
  type GateCheck,
  type GateResult,
  type TestTotals,
  type Thresholds,
  type VerifyResult,
} from '@shipgate/evidence';
import type { Cell } from '@shipgate/kit';
import { escapeMarkdown, type Summary } from '@shipgate/kit';

const categoryColumns = [
  ['performance', 'Perf.'],
  ['accessibility', 'A11y'],
  ['best-practices', 'Best pr.'],
  ['seo', 'SEO'],
] as const;

/** Test names and messages are data: escaped, and cut so one test cannot flood the summary. */
const failedTestRows = 50;

export function renderGateSummary(
  summary: Summary,
  options: { result: GateResult; thresholds: Thresholds; manifestPath: string; manifestSha: string },
): void {
  const { result, thresholds } = options;
  const commit = result.commit.slice(0, 12);
  summary.heading(`evidence-gate: ${result.verdict === 'pass' ? '✅ pass' : '❌ fail'} for ${commit}`);
  summary.paragraph(
    result.verdict === 'pass'
      ? `**Verdict: pass.** The evidence for commit \`${commit}\` meets every threshold (${thresholds.sources.map(escapeMarkdown).join(', ')}).`
      : `**Verdict: fail.** Commit \`${commit}\` may not be promoted: ${result.reasons.length} reason${result.reasons.length === 1 ? '' : 's'}.`,
  );
  summary.list(result.reasons.map((reason) => `❌ ${escapeMarkdown(reason)}`));
  summary.list(result.warnings.map((warning) => `⚠️ ${escapeMarkdown(warning)}`));

  const tests = result.tests;
  if (tests && tests.suites.length > 0) {
    summary.heading('Tests', 3);
    const rows: Cell[][] = tests.suites.map((suite) => [
      `\`${escapeMarkdown(suite.path)}\``,
      suite.tool,
      ...totalsCells(suite.totals),
    ]);
    if (tests.suites.length > 1) rows.push(['**all**', '', ...totalsCells(tests.totals)]);
    summary.table(['report', 'tool', 'tests', 'passed', 'failed', 'skipped', 'flaky'], rows);
    const projects = Object.entries(tests.projects);
    if (projects.length > 0) {
      summary.table(
        ['Playwright project', 'tests', 'passed', 'failed', 'skipped', 'flaky'],
        projects.map(([name, totals]) => [escapeMarkdown(name), ...totalsCells(totals)]),
      );
    }
    if (tests.failed.length > 0) {
      summary.heading('Failed tests', 4);
      summary.table(
        ['test', 'where', 'project', 'failure'],
        tests.failed
          .slice(0, failedTestRows)
          .map((test) => [
            escapeMarkdown(test.name),
            test.file
              ? `\`${escapeMarkdown(test.file)}${(test.failureLine ?? test.line) ? `:${test.failureLine ?? test.line}` : ''}\``
              : '',
            test.project ? escapeMarkdown(test.project) : '',
            test.message ? escapeMarkdown(firstLine(test.message)) : '',
          ]),
      );
      if (tests.failed.length > failedTestRows) {
        summary.paragraph(`…and ${tests.failed.length - failedTestRows} more; the manifest lists every one.`);
      }
    }
    if (tests.flaky.length > 0) {
      summary.details(
        `${tests.flaky.length} flaky test${tests.flaky.length === 1 ? '' : 's'} (failed, then passed on retry)`,
        tests.flaky
          .slice(0, failedTestRows)
          .map(
            (test) =>
              `- ${escapeMarkdown(test.name)}${test.project ? ` [${escapeMarkdown(test.project)}]` : ''}${test.file ? ` — \`${escapeMarkdown(test.file)}\`` : ''}`,
          )
          .join('\n'),
      );
    }
  }

  if (result.coverage && result.coverage.length > 0) {
    summary.heading('Coverage', 3);
    summary.table(
      ['report', ...coverageMetrics],
      result.coverage.map((coverage) => [
        `\`${escapeMarkdown(coverage.path)}\``,
        ...coverageMetrics.map((metric) => {
          const limit = thresholds.coverage[metric];
          const pct = coverage.total[metric].pct;
          return `${pct}%${limit === undefined ? '' : ` ${pct >= limit ? '✅' : '❌'} (≥ ${limit}%)`}`;
        }),
      ]),
    );
  }

  if (result.lighthouse && result.lighthouse.pages.length > 0) {
    summary.heading('Lighthouse', 3);
    summary.table(
      [
        'page',
        'runs',
        ...categoryColumns.map(([, label]) => label),
        'LCP',
        'TBT',
        'CLS',
        'FCP',
        'Speed Index',
      ],
      result.lighthouse.pages.map((page) => [
        escapeMarkdown(page.url),
        page.runs > 1 ? `${page.runs} (median run)` : '1',
        ...categoryColumns.map(([id]) => score(page.categories[id])),
        ms(page.metrics.lcp),
        ms(page.metrics.tbt),
        page.metrics.cls === undefined ? '' : page.metrics.cls.toFixed(3),
        ms(page.metrics.fcp),
        ms(page.metrics['speed-index']),
      ]),
    );
  }

  const checks = result.checks;
  if (checks.length > 0) {
    summary.heading('Thresholds', 3);
    summary.table(['', 'evidence', 'subject', 'limit', 'actual', 'required', 'note'], checks.map(checkRow));
  }

  summary.heading('Provenance', 3);
  summary.paragraph(
    `Commit \`${result.commit}\`. Manifest \`${escapeMarkdown(options.manifestPath)}\`, SHA-256 \`${options.manifestSha}\`${thresholds.maxAgeMs === undefined ? '; no age limit' : ''}.`,
  );
  summary.table(
    ['file', 'format', 'dated', 'SHA-256', 'status'],
    result.files.map((file) => {
      const problem = result.problems.find((entry) => entry.path === file.path);
      return [
        `\`${escapeMarkdown(file.path)}\``,
        file.format ?? '',
        file.date ? `${file.date}${file.datedBy === 'file' ? ' (file time)' : ''}` : '',
        `\`${file.sha256.slice(0, 12)}…\``,
        problem ? `❌ ${escapeMarkdown(problem.reason)}` : '✅ used',
      ];
    }),
  );
  if (result.skipped.length > 0) {
    summary.paragraph(
      `Not reports, skipped: ${result.skipped.map((path) => `\`${escapeMarkdown(path)}\``).join(', ')}.`,
    );
  }
}

export function renderVerifySummary(
  summary: Summary,
  options: { manifest: EvidenceManifest; result: VerifyResult; manifestPath: string; commit: string },
): void {
  const { manifest, result } = options;
  summary.heading(`evidence-gate verify: ${result.verified ? '✅ verified' : '❌ does not verify'}`);
  summary.paragraph(
    result.verified
      ? `**Verified.** \`${escapeMarkdown(options.manifestPath)}\` was written for commit \`${manifest.commit.slice(0, 12)}\` at ${manifest.createdAt} with verdict **${manifest.verdict}**, and every one of its ${manifest.files.length} files is unchanged.`
      : `**Does not verify.** \`${escapeMarkdown(options.manifestPath)}\` cannot prove that commit \`${options.commit.slice(0, 12)}\` was gated:`,
  );
  summary.list(result.problems.map((problem) => `❌ ${escapeMarkdown(problem)}`));
  summary.table(
    ['file', 'recorded SHA-256', 'now'],
    result.files.map((file) => {
      const recorded = manifest.files.find((entry) => entry.path === file.path)?.sha256 ?? '';
      return [
        `\`${escapeMarkdown(file.path)}\``,
        `\`${recorded.slice(0, 12)}…\``,
        file.status === 'same' ? '✅ same' : `❌ ${file.status}`,
      ];
    }),
  );
}

function totalsCells(totals: TestTotals): Cell[] {
  return [
    totals.total,
    totals.passed,
    totals.failed ? `**${totals.failed}**` : 0,
    totals.skipped,
    totals.flaky,
  ];
}

function checkRow(check: GateCheck): Cell[] {
  const mark = check.passed ? '✅' : check.level === 'warn' ? '⚠️' : '❌';
  const sign = check.operator === '<=' ? '≤' : '≥';
  return [
    mark,
    check.kind,
    escapeMarkdown(check.subject),
    `\`${escapeMarkdown(check.rule)}\``,
    check.shown.actual,
    check.rule === 'ran' ? check.shown.limit : `${sign} ${check.shown.limit}`,
    check.note ? escapeMarkdown(check.note) : '',
  ];
}

function score(value: number | null | undefined): string {
  return typeof value === 'number' ? String(Math.round(value * 100)) : '–';
}

function ms(value: number | undefined): string {
  return value === undefined ? '' : formatMs(value);
}

function firstLine(text: string): string {
  const line = text.split('\n').find((part) => part.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

import { relative } from 'node:path';
import { escapeMarkdown, type RunEnvironment, type Summary } from '@shipgate/kit';
import { type Finding, type ResolvedPolicy, redactUrlUserinfo, type ScanReport } from '@shipgate/policy';

const rowsShown = 200;
const icon = { error: '❌', warning: '⚠️', note: 'ℹ️' } as const;

interface SummaryInput {
  policy: ResolvedPolicy;
  report: ScanReport;
  failOn: string;
  /** Whether the findings fail the step (by fail-on); a report that does not fail it must not look like it did. */
  failing: boolean;
  run: RunEnvironment;
  root: string;
}

/** The step summary: verdict, what was scanned, counts, then every finding (up to a limit) with a link. */
export function renderSummary(
  summary: Summary,
  { policy, report, failOn, failing, run, root }: SummaryInput,
): void {
  const { counts } = report;
  const total = counts.error + counts.warning + counts.note;
  const found = [
    counts.error ? plural(counts.error, 'error') : '',
    counts.warning ? plural(counts.warning, 'warning') : '',
    counts.note ? plural(counts.note, 'note') : '',
  ]
    .filter(Boolean)
    .join(', ');
  const headline =
    total === 0
      ? '✅ stack-guard: no findings'
      : failing
        ? `❌ stack-guard: ${found}`
        : `⚠️ stack-guard reported ${found}; the step passes (fail-on: ${failOn})`;
  summary.heading(headline);
  summary.paragraph(
    `${escapeMarkdown(report.scopeNote)}. Policy: \`${policy.source}\`${policy.presets.length ? ` (presets: ${policy.presets.join(', ')})` : ''}; fails on: ${failOn}.`,
  );

  const { skipped } = report.files;
  const skippedTotal = skipped.binary + skipped.tooLarge + skipped.unreadable + skipped.symlink;
  summary.table(
    ['scanned', 'skipped', 'errors', 'warnings', 'notes', 'suppressed'],
    [
      [
        `${plural(report.files.scanned, 'file')}, ${formatBytes(report.files.bytes)}${report.commits !== undefined ? `, ${plural(report.commits, 'commit')}` : ''}`,
        skippedTotal === 0
          ? '0'
          : `${skippedTotal} (${[
              skipped.binary ? `${skipped.binary} binary` : '',
              skipped.tooLarge ? `${skipped.tooLarge} too large` : '',
              skipped.unreadable ? `${skipped.unreadable} unreadable` : '',
              skipped.symlink ? `${skipped.symlink} symlinks` : '',
            ]
              .filter(Boolean)
              .join(', ')})`,
        counts.error,
        counts.warning,
        counts.note,
        `${report.suppressed.baseline} by baseline, ${report.suppressed.ignored} by ignores`,
      ],
    ],
  );

  if (total > 0) {
    const prefix = relative(run.workspace, root).split('\\').join('/');
    summary.table(
      ['', 'rule', 'where', 'finding'],
      report.findings
        .slice(0, rowsShown)
        .map((finding) => [
          icon[finding.severity],
          `\`${finding.ruleId}\``,
          location(finding, prefix, run),
          escapeMarkdown(redactUrlUserinfo(finding.message)),
        ]),
    );
    if (report.findings.length > rowsShown) {
      summary.paragraph(
        `${report.findings.length - rowsShown} more findings are in the SARIF and JSON reports.`,
      );
    }
  }
  if (policy.rulesOff.length > 0)
    summary.paragraph(`Rules turned off by the policy: ${policy.rulesOff.join(', ')}.`);
}

function location(finding: Finding, prefix: string, run: RunEnvironment): string {
  const path = prefix && prefix !== '.' ? `${prefix}/${finding.path}` : finding.path;
  const text = escapeMarkdown(
    `${path}${finding.line ? `:${finding.line}` : ''}${finding.commit ? ` @ ${finding.commit.slice(0, 7)}` : ''}`,
  );
  const sha = finding.commit ?? run.sha;
  if (!run.repository || !sha) return text;
  const url = `${run.serverUrl}/${run.repository}/blob/${sha}/${path}${finding.line ? `#L${finding.line}` : ''}`;
  return `[${text}](${url})`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

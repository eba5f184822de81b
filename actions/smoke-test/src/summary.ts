import { escapeMarkdown, redactUrlCredentials, type Summary } from '@shipgate/kit';
import { type CheckReport, formatMs, type ProbeReport } from '@shipgate/probe';

const rowsShown = 200;

/** The step summary: verdict, readiness and overall latency, then one row per check. */
export function renderSummary(summary: Summary, report: ProbeReport, baseUrl: string | undefined): void {
  const { counts } = report;
  summary.heading(
    report.passed
      ? `✅ smoke-test: ${counts.checks === 1 ? 'the check' : `all ${counts.checks} checks`} passed`
      : `❌ smoke-test: ${counts.failed} of ${plural(counts.checks, 'check')} failed`,
  );
  const facts: string[] = [];
  if (baseUrl) facts.push(`Target: ${escapeMarkdown(redactUrlCredentials(baseUrl))}.`);
  const { ready } = report;
  if (ready) {
    facts.push(
      ready.ready
        ? `Ready after ${formatMs(ready.ms)} (${plural(ready.polls, 'poll')} of ${escapeMarkdown(ready.check)}).`
        : `⚠️ Not ready after ${formatMs(ready.ms)} (${plural(ready.polls, 'poll')} of ${escapeMarkdown(ready.check)}): ${escapeMarkdown(ready.reason ?? '')}.`,
    );
  }
  facts.push(`${plural(report.repeat, 'round')} per check.`);
  if (report.latency) {
    const { p50, p95, max, count } = report.latency;
    facts.push(
      `Latency over ${plural(count, 'response')}: p50 ${formatMs(p50)}, p95 ${formatMs(p95)}, max ${formatMs(max)}.`,
    );
  }
  summary.paragraph(facts.join(' '));
  summary.table(
    ['', 'check', 'target', 'status', 'p50', 'p95', 'max', 'result'],
    report.checks.slice(0, rowsShown).map(row),
  );
  if (report.checks.length > rowsShown) {
    summary.paragraph(`${report.checks.length - rowsShown} more checks are in the JSON and JUnit reports.`);
  }
  summary.details(
    'What each check expects',
    report.checks
      .slice(0, rowsShown)
      .map((check) => `- **${escapeMarkdown(check.name)}**: ${escapeMarkdown(check.expects.join('; '))}`)
      .join('\n'),
  );
}

function row(check: CheckReport): Array<string | number> {
  const target = `${check.method} ${escapeMarkdown(check.url)}${check.machine ? ` (machine ${check.machine})` : ''}`;
  const statuses = [...new Set(check.statuses)].join(', ') || '—';
  const ms = (value: number | undefined) => (value === undefined ? '—' : formatMs(value));
  const result = check.passed ? 'passed' : escapeMarkdown(check.reason ?? 'failed');
  return [
    check.passed ? '✅' : '❌',
    escapeMarkdown(check.name),
    target,
    statuses,
    ms(check.latency?.p50),
    ms(check.latency?.p95),
    ms(check.latency?.max),
    check.stoppedEarly ? `${result} (${check.stoppedEarly})` : result,
  ];
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

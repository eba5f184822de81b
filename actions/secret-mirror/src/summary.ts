import { escapeMarkdown, Summary } from '@shipgate/kit';
import type { MirrorReport } from '@shipgate/secrets';

const rowsShown = 200;
const actionIcon: Record<string, string> = {
  create: '➕',
  update: '✏️',
  rotate: '🔄',
  drift: '⚠️',
  delete: '🗑️',
  unchanged: '·',
};

/** The step summary: verdict, counts, one row per secret and target (names, actions, ages — never a value). */
export function renderMirrorSummary(summary: Summary, report: MirrorReport): void {
  const { counts } = report;
  const verdict = !report.ok
    ? '❌ secret-mirror failed'
    : report.dryRun
      ? '📝 secret-mirror: plan only (dry run)'
      : report.writes === 0
        ? '✅ secret-mirror: every target is up to date; nothing written'
        : `✅ secret-mirror: ${report.writes} write${report.writes === 1 ? '' : 's'}, verified`;
  summary.heading(verdict);
  summary.paragraph(
    [
      `${report.targets.length} target${report.targets.length === 1 ? '' : 's'}:`,
      `${counts.create} to create, ${counts.update} to update, ${counts.rotate} to rotate,`,
      `${counts.drift} changed outside the mirror, ${counts.delete} to delete, ${counts.unchanged} unchanged.`,
      report.overdue > 0 ? `**${report.overdue} older than the maximum age.**` : '',
    ]
      .filter(Boolean)
      .join(' '),
  );
  if (report.violations.length > 0) {
    summary.heading('Value rules: nothing was written', 3);
    summary.list(report.violations.map((violation) => escapeMarkdown(violation.message)));
  }
  if (report.failures.length > 0) {
    summary.heading('Failed', 3);
    summary.list(
      report.failures.map(
        (failure) =>
          `${escapeMarkdown(failure.target)} (${failure.operation} ${escapeMarkdown(failure.names.join(', '))}): ${escapeMarkdown(failure.error)}`,
      ),
    );
  }
  const ages = new Map(report.ages.map((age) => [`${age.target}\u0000${age.name}`, age]));
  const verified = new Map(report.verification.map((item) => [`${item.target}\u0000${item.name}`, item]));
  const labels = new Map(report.targets.map((target) => [target.id, target.label]));
  const row = (item: MirrorReport['plan'][number]) => {
    const key = `${item.target}\u0000${item.name}`;
    const age = ages.get(key);
    const check = verified.get(key);
    return [
      `\`${item.name}\``,
      escapeMarkdown(labels.get(item.target) ?? item.target),
      `${actionIcon[item.action] ?? ''} ${item.action}`,
      escapeMarkdown(item.reason),
      age?.ageDays === undefined ? '—' : `${age.ageDays} d${age.overdue ? ' ⏰' : ''}`,
      check ? (check.status === 'ok' ? '✅' : `❌ ${check.status}`) : '—',
    ];
  };
  const headers = ['secret', 'target', 'action', 'why', 'age', 'verified'];
  // What changes (or is overdue) comes first; the unchanged rest folds away.
  const notable = report.plan.filter(
    (item) => item.action !== 'unchanged' || ages.get(`${item.target}\u0000${item.name}`)?.overdue,
  );
  const quiet = report.plan.filter((item) => !notable.includes(item));
  if (notable.length > 0) summary.table(headers, notable.slice(0, rowsShown).map(row));
  if (quiet.length > 0) {
    const table = new Summary().table(headers, quiet.slice(0, rowsShown).map(row)).toString();
    summary.details(`${quiet.length} unchanged`, table);
  }
  if (notable.length > rowsShown || quiet.length > rowsShown) {
    summary.paragraph('More rows are in the JSON report.');
  }
  for (const pair of report.parity) {
    const [first, second] = pair.mirrors;
    if (pair.onlyInFirst.length === 0 && pair.onlyInSecond.length === 0) {
      summary.paragraph(
        `Parity: ${escapeMarkdown(first)} and ${escapeMarkdown(second)} hold the same names.`,
      );
      continue;
    }
    const lines: string[] = [];
    if (pair.onlyInFirst.length > 0) {
      lines.push(
        `only in ${escapeMarkdown(first)}: ${pair.onlyInFirst.map((name) => `\`${name}\``).join(', ')}`,
      );
    }
    if (pair.onlyInSecond.length > 0) {
      lines.push(
        `only in ${escapeMarkdown(second)}: ${pair.onlyInSecond.map((name) => `\`${name}\``).join(', ')}`,
      );
    }
    summary.paragraph(
      `⚠️ Parity of ${escapeMarkdown(first)} and ${escapeMarkdown(second)}: ${lines.join('; ')}.`,
    );
  }
  for (const note of report.fly) summary.paragraph(`Fly: ${escapeMarkdown(note.message)}`);
  if (report.warnings.length > 0)
    summary.list(report.warnings.map((warning) => `⚠️ ${escapeMarkdown(warning)}`));
}

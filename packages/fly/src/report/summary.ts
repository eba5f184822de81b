import { escapeMarkdown, type Summary } from '@shipgate/kit';
import type { MachineRecord, ReleaseRecord, TimelineEntry } from '../deploy/index';

const rowsShown = 100;
/** A Gantt chart past this many machines is unreadable; the table still has them all. */
const chartMachines = 20;

/** The step summary of a release: verdict, a machine table, and the rollout as a Mermaid timeline. */
export function renderReleaseSummary(summary: Summary, record: ReleaseRecord, action: string): void {
  summary.heading(`${verdictIcon(record)} ${action}: ${verdictText(record)}`);
  renderReleaseDetails(summary, record);
}

/** The release's facts, machine table and timeline, under a heading the caller wrote. */
export function renderReleaseDetails(
  summary: Summary,
  record: ReleaseRecord,
  options: { showError?: boolean } = {},
): void {
  const facts = [
    `App **${escapeMarkdown(record.app)}**, release \`${record.id}\`, strategy ${record.strategy},`,
    `${shortImage(record.previousImage)} → ${shortImage(record.image)}, in ${seconds(record.durationMs)}.`,
  ];
  if (record.releaseCommand) {
    facts.push(
      `Release command exited ${record.releaseCommand.exitCode ?? '—'} after ${seconds(record.releaseCommand.durationMs)}.`,
    );
  }
  summary.paragraph(facts.join(' '));
  if (record.error && options.showError !== false) {
    summary.paragraph(`**Why:** ${escapeMarkdown(record.error)}`);
  }
  if (record.machines.length > 0) {
    summary.table(
      ['machine', 'region', 'group', 'action', 'image', 'state', 'checks', 'now on'],
      record.machines.slice(0, rowsShown).map(machineRow),
    );
    if (record.machines.length > rowsShown) {
      summary.paragraph(`${record.machines.length - rowsShown} more machines are in the release record.`);
    }
    const failed = record.machines.filter((machine) => machine.error);
    if (failed.length > 0) {
      summary.list(failed.map((machine) => `\`${machine.id}\`: ${escapeMarkdown(machine.error ?? '')}`));
    }
  }
  const chart = timelineChart(record);
  if (chart) summary.mermaid(chart);
}

function verdictIcon(record: ReleaseRecord): string {
  if (record.outcome === 'succeeded' || record.outcome === 'unchanged') return '✅';
  return record.outcome === 'rolled-back' ? '↩️' : '❌';
}

function verdictText(record: ReleaseRecord): string {
  switch (record.outcome) {
    case 'succeeded':
      return `${count(record, (machine) => machine.final === 'new')} on ${shortImage(record.image)}`;
    case 'unchanged':
      return `every machine already runs ${shortImage(record.image)}; nothing changed`;
    case 'rolled-back':
      return `the rollout failed and every changed machine is back on ${shortImage(record.previousImage)}`;
    case 'rollback-failed':
      return 'the rollout failed and the automatic rollback did not finish: see the machines below';
    default:
      return 'the rollout failed';
  }
}

function count(record: ReleaseRecord, test: (machine: MachineRecord) => boolean): string {
  const n = record.machines.filter(test).length;
  return `${n} machine${n === 1 ? '' : 's'}`;
}

function machineRow(machine: MachineRecord): string[] {
  const before = shortImage(machine.previous?.image);
  const after = shortImage(machine.next?.image);
  const checks = machine.checks.length
    ? machine.checks
        .map((check) => `${check.status === 'passing' ? '✅' : '❌'} ${escapeMarkdown(check.name)}`)
        .join('<br>')
    : '—';
  return [
    `\`${machine.id}\``,
    machine.region,
    escapeMarkdown(machine.group),
    machine.action,
    before === after ? before : `${before} → ${after}`,
    machine.state,
    checks,
    machine.final,
  ];
}

/** `registry.fly.io/shop-app:v2` → `shop-app:v2`; digests shortened. */
export function shortImage(image: string | undefined | null): string {
  if (!image) return '—';
  const last = image.slice(image.lastIndexOf('/') + 1);
  return last.replace(/@sha256:([0-9a-f]{12})[0-9a-f]*/, '@sha256:$1…');
}

function seconds(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

const phaseLabel: Record<string, string> = {
  lease: 'leased',
  'release-command': 'release command',
  create: 'booting',
  update: 'replacing',
  started: 'health checks',
  healthy: 'serving',
  rollback: 'rolling back',
  cordon: 'draining',
  uncordon: 'taking traffic',
  stop: 'stopping',
  destroy: 'destroying',
};

/**
 * A Gantt chart of each machine's phases (GitHub renders Mermaid in step summaries). Each bar runs from one
 * timeline entry to the machine's next; a bar that ends in a failure is marked critical.
 */
export function timelineChart(record: ReleaseRecord): string | undefined {
  const byMachine = new Map<string, TimelineEntry[]>();
  for (const entry of record.timeline) {
    if (entry.phase === 'lease') continue;
    const key = entry.machineId || 'release';
    const list = byMachine.get(key) ?? [];
    list.push(entry);
    byMachine.set(key, list);
  }
  if (byMachine.size === 0) return undefined;
  const lines: string[] = [
    'gantt',
    `  title Rollout of ${record.id}`,
    '  dateFormat x',
    '  axisFormat %M:%S',
  ];
  let shown = 0;
  for (const [machineId, entries] of byMachine) {
    if (shown++ === chartMachines) {
      lines.push(`  section +${byMachine.size - chartMachines} more`);
      break;
    }
    lines.push(`  section ${machineId}`);
    const sorted = [...entries].sort((a, b) => a.at - b.at);
    for (const [index, entry] of sorted.entries()) {
      const next = sorted[index + 1];
      let end = next?.at;
      if (end === undefined && entry.phase === 'release-command' && record.releaseCommand) {
        end = entry.at + record.releaseCommand.durationMs;
      }
      const label = phaseLabel[entry.phase] ?? entry.phase;
      if (end === undefined) {
        if (sorted.length === 1) lines.push(`    ${label} :milestone, ${Math.round(entry.at)}, 0`);
        break;
      }
      const tag = next?.phase === 'failed' || entry.phase === 'failed' ? 'crit, ' : 'done, ';
      lines.push(`    ${label} :${tag}${Math.round(entry.at)}, ${Math.round(Math.max(end, entry.at + 1))}`);
    }
  }
  return lines.join('\n');
}

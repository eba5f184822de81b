import { type ReleaseRecord, renderReleaseDetails, shortImage } from '@shipgate/fly';
import { escapeMarkdown, type Summary } from '@shipgate/kit';
import { formatMs } from '@shipgate/probe';
import type { SampleSummary } from '@shipgate/probe/canary';
import type { StepAnalysis } from './bake';
import { stepMachines } from './plan';
import type { CanarySection, StepReport } from './record';

/** The step summary of a promotion: the decision, a table and charts of every step's analysis, the machines. */
export function renderCanarySummary(summary: Summary, record: ReleaseRecord): void {
  const canary = record.canary as unknown as CanarySection | undefined;
  if (!canary) throw new Error('not a canary promotion record');
  summary.heading(`${icon(canary.decision)} canary-promote: ${headline(record, canary)}`);
  const analysed = canary.steps.filter((step) => step.analysis);
  const reasons = analysed.flatMap((step) =>
    step.analysis!.reasons.map((reason) => `Step ${step.number}: ${escapeMarkdown(reason)}`),
  );
  // An abort by the analysis is explained by the list of reasons; its error only joins them in one line.
  const abortedByAnalysis =
    canary.decision === 'aborted' &&
    record.outcome === 'rolled-back' &&
    reasons.length > 0 &&
    analysed.at(-1)!.analysis!.reasons.every((reason) => record.error?.includes(reason));
  if (abortedByAnalysis) {
    summary.paragraph('**Why:**');
    summary.list(reasons);
  } else if (record.error) {
    summary.paragraph(`**Why:** ${escapeMarkdown(record.error)}`);
  }
  if (analysed.length > 0) {
    summary.table(
      ['step', 'canaries', 'requests', 'error rate', 'p50', 'p95', 'latency test', 'error test', 'decision'],
      analysed.map(stepRow),
    );
    summary.paragraph(
      'Each cell is canary / baseline. The tests are one-sided (is the canary worse?), each at ' +
        `α = ${formatNumber(analysed[0]!.analysis!.probes.alphaPerTest)}.`,
    );
    if (!abortedByAnalysis) summary.list(reasons);
    const metrics = analysed.flatMap((step) =>
      (
        (step.analysis!.metrics?.results ?? []) as Array<{ name: string; outcome: string; reason: string }>
      ).map((result) => [
        String(step.number),
        escapeMarkdown(result.name),
        result.outcome,
        escapeMarkdown(result.reason),
      ]),
    );
    if (metrics.length > 0) summary.table(['step', 'query', 'outcome', 'measured'], metrics);
    summary.mermaid(latencyChart(analysed));
    summary.mermaid(errorChart(analysed));
  }
  const moves = canary.steps.filter((step) => step.rollout);
  if (moves.length > 0) {
    summary.table(
      ['step', 'machines moved', 'rollout', 'took'],
      moves.map((step) => [
        step.final ? `${step.number} (promotion)` : String(step.number),
        String(step.moved.length),
        step.rollout!.outcome,
        formatMs(step.rollout!.durationMs),
      ]),
    );
  }
  // The reason is already under the heading.
  renderReleaseDetails(summary, record, { showError: false });
}

function icon(decision: CanarySection['decision']): string {
  return { promoted: '✅', unchanged: '✅', aborted: '↩️', failed: '❌' }[decision];
}

function headline(record: ReleaseRecord, canary: CanarySection): string {
  const image = shortImage(record.image);
  const baseline = shortImage(canary.baselineImage);
  switch (canary.decision) {
    case 'promoted':
      return `${image} promoted in ${canary.stepCount} steps`;
    case 'unchanged':
      return `every machine already runs ${image}`;
    case 'aborted':
      return record.outcome === 'rolled-back'
        ? `${image} aborted at step ${canary.stepReached} of ${canary.stepCount}; the canaries are back on ${baseline}`
        : `${image} aborted at step ${canary.stepReached} of ${canary.stepCount}, and putting the canaries back failed`;
    default:
      return record.outcome === 'rolled-back'
        ? `${image} failed at step ${canary.stepReached} of ${canary.stepCount}; the canaries are back on ${baseline}`
        : `${image} failed at step ${canary.stepReached} of ${canary.stepCount}: see the machines below`;
  }
}

function stepRow(step: StepReport): string[] {
  const analysis = step.analysis as StepAnalysis;
  const { canary, baseline, tests } = analysis.probes;
  const pair = (pick: (side: SampleSummary) => string) => `${pick(canary)} / ${pick(baseline)}`;
  const ms = (value: number | undefined) => (value === undefined ? '—' : formatMs(value));
  const latency = tests.latency
    ? `U = ${formatNumber(tests.latency.u)}, p = ${formatNumber(tests.latency.pValue)}`
    : '—';
  const errors = tests.errors ? `${tests.errors.method}, p = ${formatNumber(tests.errors.pValue)}` : '—';
  const extended = analysis.extensions > 0 ? ` (extended ${analysis.extensions}×)` : '';
  return [
    `${step.number}: ${escapeMarkdown(stepMachines(step))}`,
    `${step.count} of ${step.groupSize}`,
    pair((side) => String(side.requests)),
    pair((side) => `${(side.errorRate * 100).toFixed(1)}%`),
    pair((side) => ms(side.p50)),
    pair((side) => ms(side.p95)),
    latency,
    errors,
    `${analysis.decision}${extended}`,
  ];
}

function latencyChart(steps: readonly StepReport[]): string {
  return xyChart('p95 latency per step, ms (bars: baseline, line: canary)', steps, (side) =>
    Math.round(side.p95 ?? 0),
  );
}

function errorChart(steps: readonly StepReport[]): string {
  return xyChart(
    'error rate per step, % (bars: baseline, line: canary)',
    steps,
    (side) => Math.round(side.errorRate * 1000) / 10,
  );
}

function xyChart(
  title: string,
  steps: readonly StepReport[],
  value: (side: SampleSummary) => number,
): string {
  const probes = steps.map((step) => (step.analysis as StepAnalysis).probes);
  const labels = steps.map((step) => `"${step.number}: ${stepMachines(step).replace(/"/g, '')}"`);
  const canary = probes.map((probe) => value(probe.canary));
  const baseline = probes.map((probe) => value(probe.baseline));
  const top = Math.max(1, ...canary, ...baseline);
  return [
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis 0 --> ${Math.ceil(top * 1.1)}`,
    `  bar [${baseline.join(', ')}]`,
    `  line [${canary.join(', ')}]`,
  ].join('\n');
}

/** Two significant digits, scientific below 0.0001 so a tiny p-value does not print as 0. */
function formatNumber(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) < 1e-4) return value.toExponential(1);
  return String(Number(value.toPrecision(value >= 100 ? 6 : 2)));
}

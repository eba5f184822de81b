import type { MachineFinal, MachineRecord, Outcome, ReleaseRecord } from '@shipgate/fly';
import type { StepAnalysis } from './bake';

export type CanaryDecision = 'promoted' | 'aborted' | 'failed' | 'unchanged';

/** One step as the record keeps it. */
export interface StepReport {
  number: number;
  shares: string;
  /** Machines of the group on the new image once the step is done, and the group's size. */
  count: number;
  groupSize: number;
  final: boolean;
  /** The machines this step moved. */
  moved: string[];
  /** The moving ended: ok, or why not. */
  rollout: { outcome: Outcome; error?: string; durationMs: number } | null;
  analysis?: StepAnalysis;
  startedAt: string;
  finishedAt: string;
}

export interface CanarySection {
  decision: CanaryDecision;
  /** The last step whose machines were moved, 1-based; 0 when none were. */
  stepReached: number;
  stepCount: number;
  group: string;
  baselineImage: string | null;
  steps: StepReport[];
}

/** From the point of view of a rollback's record, `new` is the baseline again. */
const afterRestore: Record<MachineFinal, MachineFinal> = {
  new: 'previous',
  previous: 'new',
  'created-destroyed': 'created-destroyed',
  destroyed: 'destroyed',
  unknown: 'unknown',
};

/**
 * One record for the whole promotion: every step's machines with their previous configs (what a rollback
 * needs), the timelines on one clock, and, when the canaries were put back, where each machine ended up.
 */
export function combineRecords(parts: {
  id: string;
  app: string;
  image: string;
  startedAt: number;
  finishedAt: number;
  steps: readonly ReleaseRecord[];
  restore?: ReleaseRecord;
  outcome: Outcome;
  error?: string;
  canary: CanarySection;
  adopted?: readonly MachineRecord[];
}): ReleaseRecord {
  const machines = new Map<string, MachineRecord>();
  for (const entry of parts.adopted ?? []) machines.set(entry.id, entry);
  for (const step of parts.steps) for (const entry of step.machines) machines.set(entry.id, entry);
  for (const entry of parts.restore?.machines ?? []) {
    const moved = machines.get(entry.id);
    if (!moved) continue;
    machines.set(entry.id, {
      ...moved,
      final: afterRestore[entry.final],
      state: entry.state,
      checks: entry.checks,
      ...(entry.error ? { error: entry.error } : {}),
    });
  }
  const timeline = [...parts.steps, ...(parts.restore ? [parts.restore] : [])].flatMap((record) => {
    const offset = Date.parse(record.startedAt) - parts.startedAt;
    return record.timeline.map((entry) => ({ ...entry, at: entry.at + offset }));
  });
  const warnings = [...parts.steps, ...(parts.restore ? [parts.restore] : [])].flatMap(
    (record) => record.warnings ?? [],
  );
  return {
    version: 1,
    id: parts.id,
    kind: 'deploy',
    app: parts.app,
    image: parts.image,
    previousImage: parts.canary.baselineImage,
    strategy: 'canary',
    startedAt: new Date(parts.startedAt).toISOString(),
    finishedAt: new Date(parts.finishedAt).toISOString(),
    durationMs: parts.finishedAt - parts.startedAt,
    outcome: parts.outcome,
    ...(parts.error ? { error: parts.error } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    machines: [...machines.values()],
    timeline: timeline.sort((a, b) => a.at - b.at),
    canary: { ...parts.canary },
  };
}

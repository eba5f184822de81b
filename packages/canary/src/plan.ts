import { canaryStepPlan, groupOf, type Machine } from '@shipgate/fly';

/** One entry of the `steps` input: a share (`25%`, `1`) and, when written `25%:10m`, its own bake. */
export interface PlanEntry {
  share: string;
  bakeMs?: number;
}

/** A step as the promotion runs it: how many machines of the group are canaries once it is done. */
export interface PlannedStep {
  /** 1-based. */
  number: number;
  /** Cumulative machines of the group on the new image after this step. */
  count: number;
  /** The entries that made it, as written (`1, 25%` when they land on the same count). */
  shares: string;
  bakeMs: number;
  /** The last step moves every machine left, canaries' group and every other group, with no bake after. */
  final: boolean;
}

/**
 * Splits `1:10m, 25%, 50%, 100%` into entries. A duration parser is passed in so the caller's error names
 * its own input.
 */
export function parsePlanEntries(spec: string, parseBake: (text: string) => number): PlanEntry[] {
  return spec
    .split(/[\s,]+/)
    .filter((token) => token !== '')
    .map((token) => {
      const colon = token.indexOf(':');
      if (colon === -1) return { share: token };
      return { share: token.slice(0, colon), bakeMs: parseBake(token.slice(colon + 1)) };
    });
}

/** The steps for a group of `machineCount` machines; entries landing on the same count merge (longest bake). */
export function planSteps(
  entries: readonly PlanEntry[],
  machineCount: number,
  bakeMs: number,
): PlannedStep[] {
  const steps = canaryStepPlan(
    entries.map((entry) => entry.share),
    machineCount,
  );
  return steps.map((step, index) => ({
    number: index + 1,
    count: step.count,
    shares: step.entries.map((entry) => entries[entry]!.share).join(', '),
    bakeMs: Math.max(...step.entries.map((entry) => entries[entry]!.bakeMs ?? bakeMs)),
    final: index === steps.length - 1,
  }));
}

/**
 * What a step moves, as people say it: `1 machine`, `25%: 3 machines` (its shares as written, then the count
 * they come to; a bare count is not repeated).
 */
export function stepMachines(step: { shares: string; count: number }): string {
  const machines = `${step.count} machine${step.count === 1 ? '' : 's'}`;
  return step.shares === String(step.count) ? machines : `${step.shares}: ${machines}`;
}

/**
 * The order machines become canaries: one per region in turn (so the first steps see every region's
 * traffic as early as the counts allow), by id within a region.
 */
export function canaryOrder(machines: readonly Machine[]): Machine[] {
  const byRegion = new Map<string, Machine[]>();
  for (const machine of [...machines].sort((a, b) => a.id.localeCompare(b.id))) {
    const list = byRegion.get(machine.region) ?? [];
    list.push(machine);
    byRegion.set(machine.region, list);
  }
  const regions = [...byRegion.keys()].sort();
  const ordered: Machine[] = [];
  for (let round = 0; ordered.length < machines.length; round++) {
    for (const region of regions) {
      const machine = byRegion.get(region)![round];
      if (machine) ordered.push(machine);
    }
  }
  return ordered;
}

export function inGroup(machines: readonly Machine[], group: string): Machine[] {
  return machines.filter((machine) => groupOf(machine) === group);
}

/**
 * Turns a canary plan such as `1, 25%, 50%, 100%` into the cumulative number of machines on the new release
 * after each step, for an app of `machineCount` machines. Steps are counts or percentages, separated by
 * commas or spaces; a percentage rounds up and is at least 1 machine.
 *
 * On a small app several steps can land on the same count (4 machines: `1` and `25%` are both 1), and a
 * step that moves no machine is dropped, so `1, 25%, 50%, 100%` gives [1, 2, 4]. Steps that go down are an
 * error, as are counts beyond the app and a last step that leaves machines behind: the plan must end at 100%.
 * Errors are one plain line, e.g. `'30x' is not a count or a percentage`.
 */
export function canarySteps(spec: string, machineCount: number): number[] {
  return canaryStepPlan(spec.split(/[\s,]+/), machineCount).map((step) => step.count);
}

/** One step of a canary plan: the cumulative machine count and the plan's entries that landed on it. */
export interface CanaryStep {
  count: number;
  /** Usually one; several when equal shares merged (4 machines: `1` and `25%`). */
  entries: number[];
}

/**
 * canarySteps for a plan already split into entries (blank ones ignored), saying which entries made each
 * step, so a caller can carry something per entry (a bake time) through the merging.
 */
export function canaryStepPlan(entries: readonly string[], machineCount: number): CanaryStep[] {
  if (!Number.isInteger(machineCount) || machineCount < 1) {
    throw new Error(`a canary needs at least 1 machine, got ${machineCount}`);
  }
  const tokens = entries.map((entry) => entry.trim());
  if (tokens.every((token) => token === '')) {
    throw new Error('the canary plan has no steps; write e.g. 1, 25%, 50%, 100%');
  }

  const steps: CanaryStep[] = [];
  let previous: { token: string; count: number } | undefined;
  tokens.forEach((token, entry) => {
    if (token === '') return;
    const count = stepCount(token, machineCount);
    if (previous && count < previous.count) {
      throw new Error(
        `steps must not go down: '${token}' (${machines(count)}) comes after '${previous.token}' (${machines(previous.count)})`,
      );
    }
    const last = steps.at(-1);
    if (last?.count === count) last.entries.push(entry);
    else steps.push({ count, entries: [entry] });
    previous = { token, count };
  });
  const last = steps.at(-1)!.count;
  if (last < machineCount) {
    throw new Error(
      `the last step must be 100%: '${previous!.token}' reaches ${last} of ${machineCount} machines`,
    );
  }
  return steps;
}

function stepCount(token: string, machineCount: number): number {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(token);
  if (percent) {
    const value = Number(percent[1]);
    if (value <= 0) throw new Error(`'${token}' moves no machine; a step must be more than 0%`);
    if (value > 100) throw new Error(`'${token}' is more than 100%`);
    // The epsilon keeps float noise (e.g. 3 × 33.33…) from rounding up a whole extra machine.
    return Math.max(1, Math.ceil((machineCount * value) / 100 - 1e-9));
  }
  if (/^\d+$/.test(token)) {
    const count = Number(token);
    if (count < 1) throw new Error(`'${token}' moves no machine; a step must be at least 1`);
    if (count > machineCount) throw new Error(`'${token}' is more than the app's ${machines(machineCount)}`);
    return count;
  }
  throw new Error(`'${token}' is not a count or a percentage`);
}

function machines(count: number): string {
  return `${count} machine${count === 1 ? '' : 's'}`;
}

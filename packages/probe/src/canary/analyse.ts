// The decision between two steps of a canary rollout: continue to the next share, abort (roll back), or
// extend the bake once to collect more measurements. Pure: measurements in, a verdict with its reasons out.
import { z } from 'zod';
import { formatMs } from '../probe';
import { latencyStats } from '../stats';
import { MANN_WHITNEY_MIN_SIDE, type MannWhitneyResult, mannWhitneyU } from './mann-whitney';
import { type ProportionTestResult, twoProportionTest } from './proportions';

/** What one side (the canary machines or the baseline machines) answered during a bake. */
export interface Samples {
  /** One per request that got a response. */
  latenciesMs: number[];
  requests: number;
  /** Failed requests: 5xx answers and requests that got no answer. */
  errors: number;
  /** Response statuses in the order the requests were sent; the burst rule reads runs of them. */
  statuses: number[];
}

export const canaryPolicySchema = z.strictObject({
  /** 1 − the chance of aborting a healthy canary at one step, shared by the step's two tests. */
  confidence: z.number().gt(0.5).lt(1).default(0.99),
  /** Requests and latencies per side before the tests may run; below it the verdict is extend. */
  minSamples: z.number().int().min(MANN_WHITNEY_MIN_SIDE).default(50),
  /** Highest canary error rate (0..1) tolerated whatever the baseline does. */
  maxErrorRate: z.number().min(0).max(1).default(0.01),
  maxP95Ms: z.number().positive().default(5000),
  /** A canary slower than the baseline by up to this much is not a regression. */
  latencyMarginMs: z.number().min(0).default(50),
  /** `errors` or more 5xx answers among `window` consecutive canary requests abort at once. */
  burst: z
    .strictObject({
      window: z.number().int().min(1).default(10),
      errors: z.number().int().min(1).default(5),
    })
    .refine((burst) => burst.errors <= burst.window, { message: 'burst errors cannot exceed its window' })
    .prefault({}),
  /** How many times a step may be extended for want of samples before too few samples abort. */
  maxExtensions: z.number().int().min(0).default(1),
});
export type CanaryPolicy = z.output<typeof canaryPolicySchema>;
export type CanaryPolicyInput = z.input<typeof canaryPolicySchema>;
export const defaultCanaryPolicy: CanaryPolicy = canaryPolicySchema.parse({});

export interface SampleSummary {
  requests: number;
  errors: number;
  errorRate: number;
  latencySamples: number;
  p50?: number;
  p95?: number;
  mean?: number;
}

export interface CanaryVerdict {
  decision: 'continue' | 'abort' | 'extend';
  /** Plain sentences with the numbers behind the decision. */
  reasons: string[];
  canary: SampleSummary;
  baseline: SampleSummary;
  /** The significance level each test is held to: (1 − confidence) / 2. */
  alphaPerTest: number;
  tests: {
    /** Canary latencies minus the margin against the baseline's, one-sided (greater). */
    latency?: MannWhitneyResult & { marginMs: number };
    /** Canary error rate against the baseline's, one-sided (greater). */
    errors?: ProportionTestResult;
  };
}

/**
 * Decides one step. Rules, in order:
 * 1. Absolute limits on the canary alone abort: its error rate above maxErrorRate (once it has minSamples
 *    requests), its p95 above maxP95Ms (once it has minSamples latencies), or a 5xx burst.
 * 2. Significance against the baseline aborts, each test at alphaPerTest: a canary error rate higher than the
 *    baseline's (when both sides have minSamples requests), canary latencies minus latencyMarginMs greater
 *    than the baseline's by Mann–Whitney (when both sides have minSamples latencies).
 * 3. A test that could not run for want of samples extends the bake, while `extensionsUsed` (how many times
 *    the caller has already extended this step) is below maxExtensions; after that it aborts.
 * 4. Otherwise continue.
 */
export function analyseCanary(
  canary: Samples,
  baseline: Samples,
  policy: CanaryPolicy = defaultCanaryPolicy,
  extensionsUsed = 0,
): CanaryVerdict {
  checkSamples(canary, 'canary');
  checkSamples(baseline, 'baseline');
  // Two tests per step (errors and latency) each at the full alpha would abort a healthy canary up to twice
  // as often as `confidence` promises; Bonferroni's split keeps the chance of any false abort at a step
  // within 1 − confidence whatever the tests' dependence. Across steps the chances still add up.
  const alphaPerTest = (1 - policy.confidence) / 2;
  const verdict: CanaryVerdict = {
    decision: 'continue',
    reasons: [],
    canary: summarise(canary),
    baseline: summarise(baseline),
    alphaPerTest,
    tests: {},
  };
  const { minSamples } = policy;
  const aborts: string[] = [];
  const passes: string[] = [];

  const canaryStats = verdict.canary;
  if (canary.requests >= minSamples && canaryStats.errorRate > policy.maxErrorRate) {
    aborts.push(
      `canary error rate ${describeRate(canary)} is above the ${formatPercent(policy.maxErrorRate)} limit`,
    );
  }
  if (canary.latenciesMs.length >= minSamples && canaryStats.p95! > policy.maxP95Ms) {
    aborts.push(`canary p95 ${formatMs(canaryStats.p95!)} is above the ${formatMs(policy.maxP95Ms)} limit`);
  }
  const burst = findBurst(canary.statuses, policy.burst.window, policy.burst.errors);
  if (burst) {
    aborts.push(
      `${burst.errors} server errors (5xx) in ${burst.to - burst.from + 1} consecutive canary requests ` +
        `(requests ${burst.from}–${burst.to}), the burst limit is ${policy.burst.errors} in ${policy.burst.window}`,
    );
  }

  const short: string[] = [];
  if (canary.requests >= minSamples && baseline.requests >= minSamples) {
    const test = twoProportionTest(
      canary.errors,
      canary.requests,
      baseline.errors,
      baseline.requests,
      'greater',
    );
    verdict.tests.errors = test;
    const comparison = `canary error rate ${describeRate(canary)} vs baseline ${describeRate(baseline)}`;
    const evidence = `${test.method} p = ${formatP(test.pValue)}`;
    if (test.pValue < alphaPerTest) {
      aborts.push(`${comparison} is significantly higher, ${evidence} < ${formatP(alphaPerTest)}`);
    } else passes.push(`${comparison} is not significantly higher, ${evidence} ≥ ${formatP(alphaPerTest)}`);
  } else {
    short.push(`requests: canary ${canary.requests}, baseline ${baseline.requests}`);
  }

  if (canary.latenciesMs.length >= minSamples && baseline.latenciesMs.length >= minSamples) {
    const marginMs = policy.latencyMarginMs;
    // Shifting the canary down by the margin turns "slower by more than the margin" into a plain
    // one-sided question about the shifted samples, which the rank test answers directly.
    const shifted = canary.latenciesMs.map((ms) => ms - marginMs);
    const test = mannWhitneyU(shifted, baseline.latenciesMs, 'greater')!;
    verdict.tests.latency = { ...test, marginMs };
    const b = verdict.baseline;
    const comparison =
      `canary p50 ${formatMs(canaryStats.p50!)} vs baseline ${formatMs(b.p50!)}, ` +
      `p95 ${formatMs(canaryStats.p95!)} vs ${formatMs(b.p95!)}`;
    const evidence = `Mann–Whitney p = ${formatP(test.pValue)}`;
    const margin = `the ${formatMs(marginMs)} margin`;
    if (test.pValue < alphaPerTest) {
      aborts.push(
        `canary latency is significantly above baseline beyond ${margin}: ${comparison}, ${evidence} < ${formatP(alphaPerTest)}`,
      );
    } else {
      passes.push(
        `canary latency is not significantly above baseline beyond ${margin}: ${comparison}, ${evidence} ≥ ${formatP(alphaPerTest)}`,
      );
    }
  } else {
    short.push(`latencies: canary ${canary.latenciesMs.length}, baseline ${baseline.latenciesMs.length}`);
  }

  if (aborts.length > 0) return { ...verdict, decision: 'abort', reasons: aborts };
  if (short.length > 0) {
    const counts = `${short.join('; ')} (${minSamples} per side needed)`;
    if (extensionsUsed < policy.maxExtensions) {
      return {
        ...verdict,
        decision: 'extend',
        reasons: [
          `too few samples to decide, extension ${extensionsUsed + 1} of ${policy.maxExtensions}: ${counts}`,
        ],
      };
    }
    return {
      ...verdict,
      decision: 'abort',
      reasons: [
        `still too few samples to decide after ${extensionsUsed} extension${extensionsUsed === 1 ? '' : 's'}: ${counts}`,
      ],
    };
  }
  return { ...verdict, decision: 'continue', reasons: passes };
}

function checkSamples(samples: Samples, side: string): void {
  const { requests, errors } = samples;
  if (!Number.isInteger(requests) || !Number.isInteger(errors) || errors < 0 || errors > requests) {
    throw new RangeError(`${side}: ${errors} errors of ${requests} requests is not a count`);
  }
}

function summarise(samples: Samples): SampleSummary {
  const summary: SampleSummary = {
    requests: samples.requests,
    errors: samples.errors,
    errorRate: samples.requests === 0 ? 0 : samples.errors / samples.requests,
    latencySamples: samples.latenciesMs.length,
  };
  const latency = latencyStats(samples.latenciesMs);
  if (latency) Object.assign(summary, { p50: latency.p50, p95: latency.p95, mean: latency.mean });
  return summary;
}

/** The first run of at most `window` consecutive statuses holding `errors` 5xx answers, 1-based. */
export function findBurst(
  statuses: readonly number[],
  window: number,
  errors: number,
): { from: number; to: number; errors: number } | undefined {
  const isServerError = (status: number | undefined) =>
    status !== undefined && status >= 500 && status <= 599;
  let inWindow = 0;
  for (let end = 0; end < statuses.length; end++) {
    if (isServerError(statuses[end])) inWindow++;
    if (end >= window && isServerError(statuses[end - window])) inWindow--;
    if (inWindow >= errors && isServerError(statuses[end])) {
      let from = Math.max(0, end - window + 1);
      while (!isServerError(statuses[from])) from++;
      return { from: from + 1, to: end + 1, errors: inWindow };
    }
  }
  return undefined;
}

function describeRate(samples: Samples): string {
  const rate = samples.requests === 0 ? 0 : samples.errors / samples.requests;
  return `${formatPercent(rate)} (${samples.errors} of ${samples.requests})`;
}

function formatPercent(rate: number): string {
  const percent = rate * 100;
  return `${Number(percent.toPrecision(percent < 1 ? 2 : 3))}%`;
}

/** Two significant digits; scientific notation below 0.0001 so a tiny p does not print as 0.000. */
function formatP(p: number): string {
  if (p === 0) return '0 (below double precision)';
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

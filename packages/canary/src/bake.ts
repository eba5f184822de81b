import { formatDuration, type Logger } from '@shipgate/kit';
import {
  analyseCanary,
  type CanaryPolicy,
  type CanaryVerdict,
  findBurst,
  type Samples,
  sampleCanaryFor,
} from '@shipgate/probe/canary';

export type Decision = 'continue' | 'extend' | 'abort';

/** How the probes reach the machines: the app's public URL, each request pinned with fly-force-instance-id. */
export interface ProbeSettings {
  appUrl: string;
  paths: string[];
  /** Requests per second to each side. */
  ratePerSecond: number;
  headers?: Record<string, string>;
  timeoutMs?: number;
  concurrency?: number;
}

/** The machines a step compares, for a metrics source's queries. */
export interface StepTarget {
  app: string;
  canary: string[];
  baseline: string[];
  /** How long the step has baked so far (the query window). */
  intervalMs: number;
}

/** A second opinion read after each bake (Prometheus); its verdict is combined with the probes'. */
export interface MetricsSource {
  name: string;
  evaluate(
    target: StepTarget,
    extensionsUsed: number,
    signal: AbortSignal | undefined,
  ): Promise<{ decision: Decision; reasons: string[]; results: unknown[] }>;
}

export interface StepAnalysis {
  decision: 'continue' | 'abort';
  reasons: string[];
  /** How many times the bake was extended. */
  extensions: number;
  bakedMs: number;
  /** The bake ended before its time: a 5xx burst on the canary. */
  stoppedEarly: boolean;
  probes: Omit<CanaryVerdict, 'decision'> & { decision: Decision };
  metrics?: { source: string; decision: Decision; reasons: string[]; results: unknown[] };
}

export interface BakeRequest {
  /** What the bake is of, for the progress lines: `step 2 of 4 (25%)`. */
  step: string;
  app: string;
  canary: string[];
  baseline: string[];
  bakeMs: number;
  probes: ProbeSettings;
  policy: CanaryPolicy;
  metrics?: MetricsSource;
}

const order: Record<Decision, number> = { continue: 0, extend: 1, abort: 2 };

/**
 * Bakes one step: probes both sides for `bakeMs`, then asks the analysis (and the metrics source). An
 * undecided verdict extends the bake by another `bakeMs`, keeping what was measured, up to the policy's
 * extensions; the analysis itself turns a last undecided verdict into abort.
 */
export async function bakeStep(
  request: BakeRequest,
  log: Logger,
  signal?: AbortSignal,
): Promise<StepAnalysis> {
  const { policy, probes } = request;
  const started = performance.now();
  let samples: { canary: Samples; baseline: Samples } | undefined;
  let stoppedEarly = false;
  // What the probes measured so far, for the progress lines of a long bake.
  let measured: typeof samples;
  const progress = () =>
    `${request.step} to finish its ${formatDuration(request.bakeMs)} bake: ${measured?.canary.requests ?? 0} canary requests (${measured?.canary.errors ?? 0} errors) and ${measured?.baseline.requests ?? 0} baseline so far`;
  for (let extensions = 0; ; extensions++) {
    const sampled = await log.waitingFor(progress, () =>
      sampleCanaryFor({
        baseUrl: probes.appUrl,
        paths: probes.paths,
        canaryMachines: request.canary,
        baselineMachines: request.baseline,
        durationMs: request.bakeMs,
        ratePerSecond: probes.ratePerSecond,
        ...(probes.headers ? { headers: probes.headers } : {}),
        ...(probes.timeoutMs ? { timeoutMs: probes.timeoutMs } : {}),
        ...(probes.concurrency ? { concurrency: probes.concurrency } : {}),
        ...(signal ? { signal } : {}),
        ...(samples ? { continueFrom: samples } : {}),
        // A burst aborts whatever else the bake would show; no need to keep a failing canary in traffic.
        stopWhen: ({ canary }) =>
          findBurst(canary.statuses, policy.burst.window, policy.burst.errors) !== undefined,
        onBatch: (sofar) => {
          measured = sofar;
        },
      }),
    );
    samples = { canary: sampled.canary, baseline: sampled.baseline };
    stoppedEarly = sampled.stoppedEarly;
    const bakedMs = performance.now() - started;

    const verdict = analyseCanary(samples.canary, samples.baseline, policy, extensions);
    const { decision: probeDecision, ...probeRest } = verdict;
    let decision: Decision = probeDecision;
    const reasons = [...verdict.reasons];
    let metrics: StepAnalysis['metrics'];
    if (request.metrics && !stoppedEarly) {
      const target = {
        app: request.app,
        canary: request.canary,
        baseline: request.baseline,
        intervalMs: bakedMs,
      };
      const read = await request.metrics.evaluate(target, extensions, signal);
      metrics = { source: request.metrics.name, ...read };
      if (order[read.decision] > order[decision]) decision = read.decision;
      reasons.push(...read.reasons.map((reason) => `${request.metrics!.name}: ${reason}`));
    }
    if (decision === 'abort' && verdict.baseline.errorRate > policy.maxErrorRate) {
      reasons.push(
        `the baseline fails too (${(verdict.baseline.errorRate * 100).toFixed(1)}% errors): the app or its URL may be at fault rather than the new image`,
      );
    }
    if (decision === 'extend' && extensions < policy.maxExtensions) {
      log.info(`undecided after ${Math.round(bakedMs / 1000)} s, baking again: ${reasons.join('; ')}`);
      continue;
    }
    // The metrics source may still say extend after the probes' last extension: too little data is an abort.
    const final = decision === 'continue' ? 'continue' : 'abort';
    return {
      decision: final,
      reasons,
      extensions,
      bakedMs,
      stoppedEarly,
      probes: { ...probeRest, decision: probeDecision },
      ...(metrics ? { metrics } : {}),
    };
  }
}

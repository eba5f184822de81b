// Measures both sides of a canary step at the same moments: requests alternate canary, baseline, canary…
// through the app's public URL, each pinned to one machine with `fly-force-instance-id`, round-robin over
// that side's machines and the paths. One request per fresh connection (the probe's own HTTP layer), so a
// latency is a cold request's, as in the probe's checks.
import { sleep } from '@shipgate/kit/timing';
import { type FaultKind, openConnection } from '../http';
import type { Samples } from './analyse';

export interface SampleOptions {
  /** The app's public URL (`https://app.fly.dev`); paths are resolved under its path. */
  baseUrl: string;
  /** Paths to request, round-robin; default `['/']`. */
  paths?: string[];
  canaryMachines: string[];
  baselineMachines: string[];
  /** Requests per side. */
  requests: number;
  /** Requests in flight at once, both sides together; default 4. */
  concurrency?: number;
  /** Deadline of one request, connection included; default 5000. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Aborting stops the sampling: requests in flight are dropped and the promise rejects with the reason. */
  signal?: AbortSignal;
  /** Called once per request as it ends (for logs and tests). */
  onResult?: (result: SampleResult) => void;
}

export interface SampleResult {
  side: 'canary' | 'baseline';
  /** The request's position among its side's requests, 0-based. */
  index: number;
  machine: string;
  path: string;
  status?: number;
  latencyMs?: number;
  body?: Buffer;
  /** Set when no response arrived. */
  fault?: { kind: FaultKind; message: string };
}

const maxBodyBytes = 64 * 1024;

/**
 * Sends `requests` requests to each side and returns what each side answered.
 *
 * Counting: every request counts in `requests`. A response adds its latency and its status (in request
 * order); a 5xx response is also an error. A request that got no response (timeout, refused, reset, DNS…)
 * is an error too, adds no latency, and holds its place in `statuses` with 0 — so the order of the others
 * stays right, but only real 5xx answers feed the burst rule; failures without an answer weigh in through
 * the error rate.
 */
export async function sampleCanary(options: SampleOptions): Promise<{ canary: Samples; baseline: Samples }> {
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['/'];
  if (options.canaryMachines.length === 0) throw new Error('sampleCanary needs at least one canary machine');
  if (options.baselineMachines.length === 0) {
    throw new Error('sampleCanary needs at least one baseline machine');
  }
  if (!Number.isInteger(options.requests) || options.requests < 0) {
    throw new Error(`requests must be a whole number ≥ 0, got ${options.requests}`);
  }
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const timeoutMs = options.timeoutMs ?? 5000;
  const signal = options.signal;
  signal?.throwIfAborted();

  const sides = {
    canary: { machines: options.canaryMachines, results: [] as SampleResult[] },
    baseline: { machines: options.baselineMachines, results: [] as SampleResult[] },
  };
  const total = options.requests * 2;
  let next = 0;
  const inFlight = new Set<() => Promise<void>>();

  const one = async (position: number) => {
    const side = position % 2 === 0 ? 'canary' : 'baseline';
    const index = Math.floor(position / 2);
    const { machines, results } = sides[side];
    // Every machine sees every path: machines vary fastest, then paths.
    const machine = machines[index % machines.length]!;
    const path = paths[Math.floor(index / machines.length) % paths.length]!;
    const connection = openConnection({ timeoutMs, maxBodyBytes });
    const close = () => connection.close();
    inFlight.add(close);
    const started = performance.now();
    let result: SampleResult;
    try {
      const hop = await connection.send({
        url: resolve(options.baseUrl, path),
        method: 'GET',
        headers: { ...options.headers, 'fly-force-instance-id': machine },
      });
      result = {
        side,
        index,
        machine,
        path,
        status: hop.status,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        body: hop.body,
      };
    } catch (thrown) {
      const fault = thrown as { kind?: FaultKind; message?: string };
      result = {
        side,
        index,
        machine,
        path,
        fault: { kind: fault.kind ?? 'protocol', message: fault.message ?? String(thrown) },
      };
    } finally {
      inFlight.delete(close);
      await connection.close();
    }
    if (signal?.aborted) return;
    results[index] = result;
    options.onResult?.(result);
  };

  const onAbort = () => {
    for (const close of inFlight) void close();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const workers = Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total && !signal?.aborted) await one(next++);
    });
    await Promise.all(workers);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  signal?.throwIfAborted();

  return { canary: summarise(sides.canary.results), baseline: summarise(sides.baseline.results) };
}

function summarise(results: readonly SampleResult[]): Samples {
  const samples: Samples = { latenciesMs: [], requests: results.length, errors: 0, statuses: [] };
  for (const result of results) {
    if (result.status === undefined) {
      samples.errors++;
      samples.statuses.push(0);
      continue;
    }
    if (result.latencyMs !== undefined) samples.latenciesMs.push(result.latencyMs);
    samples.statuses.push(result.status);
    if (result.status >= 500 && result.status <= 599) samples.errors++;
  }
  return samples;
}

/** `https://host/app` with `/health` is https://host/app/health, as the probe's checks resolve paths. */
/**
 * The path below the base URL, joined as text: resolved as a URL, `//other.host/x` would leave the app's
 * origin and take the probe headers with it.
 */
function resolve(baseUrl: string, path: string): string {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${base.origin}${prefix}${path.startsWith('/') ? path : `/${path}`}`).href;
}

export interface TimedSampleOptions extends Omit<SampleOptions, 'requests'> {
  /** How long to keep sampling. */
  durationMs: number;
  /** Requests per second to each side; each second's batch alternates sides like sampleCanary. */
  ratePerSecond: number;
  /** Checked after every batch with everything so far; true ends the sampling early (e.g. a 5xx burst). */
  stopWhen?: (samples: { canary: Samples; baseline: Samples }) => boolean;
  /** Called after every batch with everything so far (for progress lines). */
  onBatch?: (samples: { canary: Samples; baseline: Samples }) => void;
  /** Add to these (an extended bake keeps what it measured before). */
  continueFrom?: { canary: Samples; baseline: Samples };
}

/**
 * Samples both sides at a steady rate for `durationMs`: one batch of `ratePerSecond` requests per side
 * each second (a batch slower than a second delays the next, so a slow canary is never flooded).
 */
export async function sampleCanaryFor(
  options: TimedSampleOptions,
): Promise<{ canary: Samples; baseline: Samples; stoppedEarly: boolean }> {
  if (!(options.durationMs > 0)) throw new Error(`durationMs must be positive, got ${options.durationMs}`);
  if (!Number.isInteger(options.ratePerSecond) || options.ratePerSecond < 1) {
    throw new Error(`ratePerSecond must be a whole number ≥ 1, got ${options.ratePerSecond}`);
  }
  const { durationMs, ratePerSecond, stopWhen, onBatch, continueFrom, ...batchOptions } = options;
  const total = {
    canary: copySamples(continueFrom?.canary),
    baseline: copySamples(continueFrom?.baseline),
  };
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    const batchStarted = performance.now();
    const batch = await sampleCanary({ ...batchOptions, requests: ratePerSecond });
    appendSamples(total.canary, batch.canary);
    appendSamples(total.baseline, batch.baseline);
    onBatch?.(total);
    if (stopWhen?.(total)) return { ...total, stoppedEarly: true };
    const left = durationMs - (performance.now() - started);
    const untilNextBatch = 1000 - (performance.now() - batchStarted);
    // The bake lasts its duration; no batch starts in its last fraction of a second.
    const wait = Math.min(left, untilNextBatch);
    if (wait > 0) await sleep(wait, options.signal);
    if (left <= untilNextBatch) break;
  }
  return { ...total, stoppedEarly: false };
}

/** A copy of `samples` to add to, or empty ones. */
export function copySamples(samples?: Samples): Samples {
  return {
    latenciesMs: [...(samples?.latenciesMs ?? [])],
    requests: samples?.requests ?? 0,
    errors: samples?.errors ?? 0,
    statuses: [...(samples?.statuses ?? [])],
  };
}

/** Adds `more` to `into`, keeping the order of the statuses. */
export function appendSamples(into: Samples, more: Samples): void {
  into.latenciesMs.push(...more.latenciesMs);
  into.statuses.push(...more.statuses);
  into.requests += more.requests;
  into.errors += more.errors;
}

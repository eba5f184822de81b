import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FlySandbox, startFlySandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyseCanary,
  defaultCanaryPolicy,
  type SampleResult,
  sampleCanary,
  sampleCanaryFor,
} from '../src/canary/index';

// sampleCanary against the Fly sandbox: 4 machines on v1, one of them moved to another image through the
// Machines API (plain fetch), then 200 requests per side and the canary decision.

let sandbox: FlySandbox;
let appCount = 0;

beforeAll(async () => {
  sandbox = await startFlySandbox({ timeScale: 0.02 });
});

afterAll(async () => {
  await sandbox?.close();
});

async function api<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${sandbox.apiUrl}/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
  });
  const body = await response.json();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body as T;
}

/** A 4-machine app on shop:v1 with its first machine updated to `tag`, started and serving. */
async function appWithCanary(tag: string) {
  const app = `canary-sample-${++appCount}`;
  const ids = [...(await sandbox.createApp(app, { machines: 4, image: 'registry.fly.io/shop:v1' }))].sort();
  const [canary, ...baseline] = ids as [string, ...string[]];
  const machine = await api<{ config: Record<string, unknown> }>(`/apps/${app}/machines/${canary}`);
  await api(`/apps/${app}/machines/${canary}`, {
    method: 'POST',
    body: JSON.stringify({ config: { ...machine.config, image: `registry.fly.io/shop:${tag}` } }),
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const snapshot = sandbox.machines(app).find((each) => each.id === canary)!;
    if (snapshot.state === 'started' && snapshot.image.endsWith(`:${tag}`) && snapshot.port !== undefined)
      break;
    if (Date.now() > deadline) throw new Error(`canary ${canary} never served ${tag}: ${snapshot.state}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { app, canary: [canary], baseline };
}

async function sample(app: string, canary: string[], baseline: string[]) {
  const results: SampleResult[] = [];
  const samples = await sampleCanary({
    baseUrl: sandbox.appUrl(app),
    paths: ['/healthz', '/version'],
    canaryMachines: canary,
    baselineMachines: baseline,
    requests: 200,
    concurrency: 8,
    timeoutMs: 5000,
    onResult: (result) => results.push(result),
  });
  return { samples, results };
}

/** Which machine answered, from the body the sandbox app returns on /healthz and /version. */
function answeredBy(result: SampleResult): string | undefined {
  if (result.status !== 200 || !result.body) return undefined;
  return (JSON.parse(result.body.toString('utf8')) as { machine?: string }).machine;
}

function expectPinned(results: SampleResult[], canary: string[], baseline: string[]) {
  for (const side of ['canary', 'baseline'] as const) {
    const machines = side === 'canary' ? canary : baseline;
    const own = results.filter((result) => result.side === side);
    expect(own).toHaveLength(200);
    const answered = own.map(answeredBy).filter((machine) => machine !== undefined);
    expect(answered.length).toBeGreaterThan(100);
    expect(new Set(answered)).toEqual(new Set(machines));
    // The machine a request was pinned to is the one that answered it.
    for (const result of own) {
      const by = answeredBy(result);
      if (by !== undefined) expect(by).toBe(result.machine);
    }
  }
}

describe('sampleCanary against the Fly sandbox', () => {
  it('a flaky canary is aborted for its error rate', async () => {
    const { app, canary, baseline } = await appWithCanary('flaky');
    const { samples, results } = await sample(app, canary, baseline);

    expect(samples.canary.requests).toBe(200);
    expect(samples.baseline.requests).toBe(200);
    expect(samples.canary.statuses).toHaveLength(200);
    expect(samples.baseline.errors).toBe(0);
    // FLAKY_RATE defaults to 0.3: about 60 of 200.
    expect(samples.canary.errors).toBeGreaterThan(30);
    expect(samples.canary.statuses.filter((status) => status === 500)).toHaveLength(samples.canary.errors);
    expect(samples.canary.latenciesMs).toHaveLength(200);
    expectPinned(results, canary, baseline);

    const verdict = analyseCanary(samples.canary, samples.baseline, defaultCanaryPolicy, 0);
    expect(verdict.decision).toBe('abort');
    expect(verdict.reasons.join('\n')).toMatch(/error rate/);
  });

  it('a healthy v2 canary continues', async () => {
    const { app, canary, baseline } = await appWithCanary('v2');
    const { samples, results } = await sample(app, canary, baseline);

    expect(samples.canary).toMatchObject({ requests: 200, errors: 0 });
    expect(samples.baseline).toMatchObject({ requests: 200, errors: 0 });
    expect(samples.canary.statuses.every((status) => status === 200)).toBe(true);
    expectPinned(results, canary, baseline);
    const versions = results
      .filter((result) => result.side === 'canary' && result.path === '/version')
      .map((result) => (JSON.parse(result.body!.toString('utf8')) as { version?: string }).version);
    expect(new Set(versions)).toEqual(new Set(['v2']));

    const verdict = analyseCanary(samples.canary, samples.baseline, defaultCanaryPolicy, 0);
    expect(verdict.reasons).toBeDefined();
    expect(verdict.decision).toBe('continue');
  });
});

describe('sampleCanary without answers', () => {
  it('counts a request that got no response as an error with status 0 and no latency', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));

    const { canary, baseline } = await sampleCanary({
      baseUrl: `http://127.0.0.1:${port}`,
      canaryMachines: ['c1'],
      baselineMachines: ['b1', 'b2'],
      requests: 6,
    });
    for (const side of [canary, baseline]) {
      expect(side).toEqual({ latenciesMs: [], requests: 6, errors: 6, statuses: [0, 0, 0, 0, 0, 0] });
    }
  });
});

describe('sampleCanary paths', () => {
  it('keeps a path that looks like another host on the app, headers and all', async () => {
    const seen: Array<{ host: string | undefined; url: string | undefined; auth: string | undefined }> = [];
    const server = createServer((request, response) => {
      seen.push({ host: request.headers.host, url: request.url, auth: request.headers.authorization });
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await sampleCanary({
        baseUrl: `http://127.0.0.1:${port}`,
        canaryMachines: ['c1'],
        baselineMachines: ['b1'],
        paths: ['//localhost:1/steal', '/\\localhost:1/steal'],
        headers: { authorization: 'Bearer probe-secret' },
        requests: 2,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toHaveLength(4);
    for (const request of seen) {
      expect(request.host).toBe(`127.0.0.1:${port}`);
      expect(request.url).toMatch(/^\/(\/|%5C)/);
      expect(request.auth).toBe('Bearer probe-secret');
    }
  });
});

describe('sampleCanaryFor: sampling over a bake', () => {
  it('sends ratePerSecond requests to each side every second for the duration, adding to what came before', async () => {
    const { app, canary, baseline } = await appWithCanary('v2');
    const options = { baseUrl: sandbox.appUrl(app), canaryMachines: canary, baselineMachines: baseline };
    const started = performance.now();
    const first = await sampleCanaryFor({ ...options, durationMs: 2500, ratePerSecond: 7 });
    const took = performance.now() - started;
    // Three batches (at 0, 1 and 2 s) of 7 per side; the last pause is cut to the duration.
    expect(first.canary.requests).toBe(21);
    expect(first.baseline.requests).toBe(21);
    expect(first.stoppedEarly).toBe(false);
    expect(took).toBeGreaterThanOrEqual(2400);
    const more = await sampleCanaryFor({
      ...options,
      durationMs: 500,
      ratePerSecond: 5,
      continueFrom: first,
    });
    expect(more.canary.requests).toBe(26);
    expect(more.canary.latenciesMs).toHaveLength(26);
    expect(first.canary.requests).toBe(21);
  });

  it('stops early when stopWhen says so, after the batch that showed it', async () => {
    const { app, canary, baseline } = await appWithCanary('flaky');
    const result = await sampleCanaryFor({
      baseUrl: sandbox.appUrl(app),
      canaryMachines: canary,
      baselineMachines: baseline,
      durationMs: 60_000,
      ratePerSecond: 10,
      stopWhen: ({ canary: side }) => side.errors >= 3,
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.canary.errors).toBeGreaterThanOrEqual(3);
    expect(result.canary.requests % 10).toBe(0);
    expect(result.canary.requests).toBeLessThan(200);
  });

  it('rejects a rate or duration that cannot run, and stops when aborted', async () => {
    const base = { baseUrl: 'http://127.0.0.1:9', canaryMachines: ['a'], baselineMachines: ['b'] };
    await expect(sampleCanaryFor({ ...base, durationMs: 0, ratePerSecond: 1 })).rejects.toThrow(/durationMs/);
    await expect(sampleCanaryFor({ ...base, durationMs: 1000, ratePerSecond: 0.5 })).rejects.toThrow(
      /ratePerSecond/,
    );
    const { app, canary, baseline } = await appWithCanary('v2');
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('canceled')), 300);
    await expect(
      sampleCanaryFor({
        baseUrl: sandbox.appUrl(app),
        canaryMachines: canary,
        baselineMachines: baseline,
        durationMs: 30_000,
        ratePerSecond: 5,
        signal: controller.signal,
      }),
    ).rejects.toThrow('canceled');
  });
});

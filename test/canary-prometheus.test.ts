import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  evaluatePrometheusChecks,
  type PrometheusCheckResult,
  PrometheusError,
  parsePrometheusChecks,
  prometheusVerdict,
  queryPrometheus,
} from '@shipgate/probe/canary';
import { type FlySandbox, startFlySandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runStep, tempDir } from './harness/index';

// The Prometheus checks against a real Prometheus (Debian's `prometheus` package) scraping the Fly sandbox's
// machines every second, with the labels Fly's managed Prometheus adds (`app`, `instance` = machine id,
// `region`). One app, four machines: two on v1 (the baseline), one moved to a flaky image (a 5xx for about
// 30 % of requests), one moved to a healthy v2. Traffic goes through the app's proxy, pinned to each machine.

const app = 'prom-shop';
const intervalMs = 10_000;

let sandbox: FlySandbox;
let prometheus: ChildProcess | undefined;
let prometheusUrl: string;
let stopTraffic: (() => Promise<void>) | undefined;
const machines = { baseline: [] as string[], flaky: '', healthy: '' };

function prometheusBinary(): string {
  const binary = process.env.PROMETHEUS ?? 'prometheus';
  try {
    execFileSync(binary, ['--version'], { stdio: 'pipe' });
    return binary;
  } catch {
    throw new Error(
      `no Prometheus to test against (${binary}): install it with apt-get install -y prometheus, or set PROMETHEUS`,
    );
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Moves a machine to another image tag through the Machines API and waits until its new process serves. */
async function moveTo(id: string, tag: string): Promise<void> {
  const machine = await api<{ config: Record<string, unknown> }>(`/apps/${app}/machines/${id}`);
  await api(`/apps/${app}/machines/${id}`, {
    method: 'POST',
    body: JSON.stringify({ config: { ...machine.config, image: `registry.fly.io/shop:${tag}` } }),
  });
  await until(`${id} on ${tag}`, 10_000, async () => {
    const snapshot = sandbox.machines(app).find((each) => each.id === id)!;
    const serving = snapshot.state === 'started' && snapshot.image.endsWith(`:${tag}`) && snapshot.port;
    return serving ? true : undefined;
  });
}

/** Requests to every machine, pinned with fly-force-instance-id, a few dozen a second, until stopped. */
function startTraffic(ids: string[]): () => Promise<void> {
  let running = true;
  const loops = [0, 1].map(async (offset) => {
    for (let n = offset; running; n += 2) {
      const id = ids[n % ids.length]!;
      await fetch(sandbox.appUrl(app), { headers: { 'fly-force-instance-id': id } })
        .then((response) => response.arrayBuffer())
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

// A missing Prometheus fails every test (not skips them, as a throwing beforeAll would).
let setupError: unknown;
beforeAll(async () => {
  setupError = await setUp().then(
    () => undefined,
    (error: unknown) => error,
  );
});
beforeEach(() => {
  if (setupError) throw setupError;
});

async function setUp(): Promise<void> {
  const binary = prometheusBinary();
  sandbox = await startFlySandbox({ timeScale: 0.02 });
  const ids = [...(await sandbox.createApp(app, { machines: 4, image: 'registry.fly.io/shop:v1' }))].sort();
  const [flaky, healthy, ...baseline] = ids as [string, string, ...string[]];
  await moveTo(flaky, 'flaky');
  await moveTo(healthy, 'v2');
  Object.assign(machines, { flaky, healthy, baseline });
  stopTraffic = startTraffic(ids);

  // One target per machine, labelled as Fly labels what it scrapes; `instance` set here wins over the address.
  const dir = tempDir('prometheus');
  const targets = sandbox.machines(app).map((machine) => ({
    targets: [`127.0.0.1:${machine.port}`],
    labels: { app, instance: machine.id, region: machine.region },
  }));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    JSON.stringify({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      scrape_configs: [{ job_name: 'fly-app', metrics_path: '/metrics', static_configs: targets }],
    }),
  );
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  let output = '';
  prometheus = spawn(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  prometheus.stdout?.on('data', keep);
  prometheus.stderr?.on('data', keep);
  const exited = new Promise<never>((_, reject) =>
    prometheus!.once('exit', (code) => reject(new Error(`prometheus exited with ${code}: ${output}`))),
  );
  exited.catch(() => undefined);

  // Ready, then every target up and scraped at least 4 times, so a rate over the interval has samples.
  await Promise.race([
    exited,
    until('Prometheus to be ready', 20_000, async () => {
      const response = await fetch(`${prometheusUrl}/-/ready`);
      return response.ok ? true : undefined;
    }),
  ]);
  await Promise.race([
    exited,
    until('4 scrapes of each machine', 20_000, async () => {
      const answer = await queryPrometheus({
        url: prometheusUrl,
        query: `count_over_time(up{app="${app}"}[${intervalMs / 1000}s]) >= 4`,
        attempts: 1,
      });
      return answer.series.length === ids.length ? true : undefined;
    }),
  ]);
}

afterAll(async () => {
  await stopTraffic?.();
  if (prometheus && prometheus.exitCode === null && prometheus.signalCode === null) {
    const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
    prometheus.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (prometheus.exitCode === null && prometheus.signalCode === null) prometheus.kill('SIGKILL');
  }
  await sandbox?.close();
});

const checksYaml = `
- name: error-rate
  query: >
    (sum(rate(http_requests_total{app="{{app}}",instance=~"{{canary}}",status=~"5.."}[{{interval}}])) or vector(0))
    / sum(rate(http_requests_total{app="{{app}}",instance=~"{{canary}}"}[{{interval}}]))
  max: 0.05
- name: p99-latency
  query: >
    histogram_quantile(0.99, sum by (le) (
      rate(http_request_duration_seconds_bucket{app="{{app}}",instance=~"{{canary}}"}[{{interval}}])))
  max: 1
`;

function evaluate(canary: string[], yaml = checksYaml): Promise<PrometheusCheckResult[]> {
  return evaluatePrometheusChecks(parsePrometheusChecks(yaml), {
    url: prometheusUrl,
    vars: { app, canary, baseline: machines.baseline, intervalMs },
  });
}

describe('Prometheus checks against a real Prometheus scraping the Fly sandbox', () => {
  it('scrapes each machine with the labels Fly adds, and the scrapes do not count themselves', async () => {
    const answer = await queryPrometheus({
      url: prometheusUrl,
      query: `sum by (app, instance, region) (http_requests_total{app="${app}"})`,
    });
    const instances = answer.series.map((series) => series.labels.instance).sort();
    expect(instances).toEqual(
      sandbox
        .machines(app)
        .map((machine) => machine.id)
        .sort(),
    );
    for (const series of answer.series) expect(series.labels).toMatchObject({ app, region: 'iad' });

    // A counted /metrics request would show as path="other" (the app's bucket for unknown paths).
    const scrapes = await queryPrometheus({ url: prometheusUrl, query: 'http_requests_total{path="other"}' });
    expect(scrapes.series).toEqual([]);
  });

  it('fails the error-rate check for the flaky canary, and the verdict aborts', async () => {
    const results = await evaluate([machines.flaky]);
    const errorRate = results.find((result) => result.name === 'error-rate')!;
    expect(errorRate.outcome).toBe('fail');
    expect(errorRate.values).toHaveLength(1);
    expect(errorRate.values[0]).toBeGreaterThan(0.1);
    expect(errorRate.values[0]).toBeLessThan(0.6);
    expect(errorRate.reason).toMatch(/^error-rate = 0\.\d+ is above max 0\.05$/);
    expect(errorRate.query).toContain(`instance=~"${machines.flaky}"`);
    expect(errorRate.query).toContain('[10s]');
    expect(prometheusVerdict(results, 0, 1)).toEqual({ decision: 'abort', reasons: [errorRate.reason] });
  });

  it('passes both checks for the healthy canary, and the verdict continues', async () => {
    const results = await evaluate([machines.healthy]);
    expect(results.map((result) => [result.name, result.outcome])).toEqual([
      ['error-rate', 'pass'],
      ['p99-latency', 'pass'],
    ]);
    expect(results[0]!.values).toEqual([0]);
    expect(results[0]!.reason).toBe('error-rate = 0 is within max 0.05');
    expect(results[1]!.values[0]).toBeGreaterThan(0);
    expect(prometheusVerdict(results, 0, 1).decision).toBe('continue');
  });

  it('finds no data where no series match (a 5xx rate over a canary without 5xx) or the value is NaN', async () => {
    const results = await evaluate(
      [machines.healthy],
      `- name: naive-error-rate
  query: 'sum(rate(http_requests_total{app="{{app}}",instance=~"{{canary}}",status=~"5.."}[{{interval}}])) / sum(rate(http_requests_total{app="{{app}}",instance=~"{{canary}}"}[{{interval}}]))'
  max: 0.05
- name: nothing
  query: 'sum(rate(http_requests_total{app="no-such-app"}[{{interval}}])) / sum(rate(http_requests_total{app="no-such-app"}[{{interval}}]))'
  max: 0.05
- name: zero-over-zero
  query: 'vector(0) / vector(0)'
  max: 0.05`,
    );
    expect(results.map((result) => [result.outcome, result.reason])).toEqual([
      ['no-data', 'naive-error-rate returned no data (no series matched)'],
      ['no-data', 'nothing returned no data (no series matched)'],
      ['no-data', 'zero-over-zero returned only NaN (1 series): nothing was measured in the interval'],
    ]);
    expect(prometheusVerdict(results, 0, 1).decision).toBe('extend');
    expect(prometheusVerdict(results, 1, 1).decision).toBe('abort');
  });

  it("reports a bad query with Prometheus's own error text", async () => {
    const error = await evaluate(
      [machines.healthy],
      '- { name: broken, query: "sum(rate(http_requests_total[{{interval}}]) by", max: 1 }',
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error).toMatchObject({ status: 400, errorType: 'bad_data' });
    expect((error as Error).message).toMatch(
      new RegExp(`^broken: Prometheus at ${prometheusUrl} answered 400: bad_data: .*parse error`),
    );
  });
});

describe('canary-promote with Prometheus checks (runs last: it moves the machines)', () => {
  const promote = (checks: string) =>
    runStep('canary-promote', {
      inputs: {
        app,
        image: 'registry.fly.io/shop:v3',
        steps: '1, 100%',
        bake: '3s',
        'probe-rate': '20',
        'min-samples': '20',
        'prometheus-url': prometheusUrl,
        'prometheus-queries': checks,
        'fly-api-url': sandbox.apiUrl,
        'app-url': sandbox.appUrl(app),
        'wait-timeout': '20s',
      },
      env: { FLY_API_TOKEN: sandbox.token },
    });
  // An updated machine comes back on a new port here, which this Prometheus's static targets do not follow:
  // the canary reads as down (up = 0) while the baseline machines stay up.
  const up = (side: string, bound: string) =>
    `- name: ${side}-up\n  query: max(up{app="{{app}}",instance=~"{{${side}}}"})\n  ${bound}`;

  it('aborts on a failing check although the probes say continue, and puts the canary back', async () => {
    const before = sandbox.machines(app).map((machine) => machine.image);
    const step = await promote(up('canary', 'min: 1'));
    expect(step.outcome, step.log).toBe('failure');
    expect(step.outputs).toMatchObject({ decision: 'aborted', 'step-reached': '1' });
    expect(step.log).toMatch(
      /step 1 of 2 \(1 machine\): abort — canary error rate .* not significantly higher/,
    );
    expect(step.annotations.at(-1)?.message).toMatch(/Prometheus: canary-up = 0 is below min 1/);
    expect(step.summary).toMatch(/\| 1 \| canary-up \| fail \|/);
    expect(sandbox.machines(app).map((machine) => machine.image)).toEqual(before);
  });

  it('promotes when every check passes', async () => {
    const step = await promote(up('baseline', 'min: 1'));
    expect(step.outcome, step.log).toBe('success');
    expect(step.outputs.decision).toBe('promoted');
    expect(step.summary).toMatch(/\| 1 \| baseline-up \| pass \|/);
    expect(new Set(sandbox.machines(app).map((machine) => machine.image))).toEqual(
      new Set(['registry.fly.io/shop:v3']),
    );
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlyClient, readReleaseRecord, rollback, writeReleaseRecord } from '@shipgate/fly';
import { createRecordingLogger, Summary } from '@shipgate/kit';
import { canaryPolicySchema } from '@shipgate/probe/canary';
import { type FlySandbox, startFlySandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type CanaryRequest,
  CanaryRequestError,
  parsePlanEntries,
  promoteCanary,
  renderCanarySummary,
} from '../src/index';

// Canary promotions against the Fly sandbox: machines are real processes behind a proxy that honours
// fly-force-instance-id, so the probes measure the machines they name. Sandbox durations are scaled down;
// bakes are real time, kept short with a high probe rate and a lower minimum sample.

let sandbox: FlySandbox;
let api: FlyClient;
let appCount = 0;

beforeAll(async () => {
  sandbox = await startFlySandbox({ timeScale: 0.02 });
  api = new FlyClient({
    token: sandbox.token,
    baseUrl: sandbox.apiUrl,
    retry: { attempts: 6, baseDelayMs: 5, maxDelayMs: 50 },
    waitRetryDelayMs: { min: 10, max: 40 },
  });
});

afterAll(async () => {
  await api?.close();
  await sandbox?.close();
});

const image = (app: string, tag: string) => `registry.fly.io/${app}:${tag}`;

async function newApp(machines: number, regions?: string[]) {
  const app = `canary-${++appCount}`;
  await sandbox.createApp(app, { machines, image: image(app, 'v1'), ...(regions ? { regions } : {}) });
  return app;
}

function request(app: string, tag: string, overrides: Partial<CanaryRequest> = {}): CanaryRequest {
  return {
    app,
    image: image(app, tag),
    plan: parsePlanEntries('1, 50%, 100%', () => 0),
    bakeMs: 1200,
    group: 'app',
    strategy: 'rolling',
    waitTimeoutMs: 4000,
    deploy: { healthPollMs: 20, leaseTtlSeconds: 5 },
    probes: { appUrl: sandbox.appUrl(app), paths: ['/', '/version'], ratePerSecond: 25 },
    policy: canaryPolicySchema.parse({ minSamples: 20 }),
    ...overrides,
  };
}

const tags = (app: string) => sandbox.machines(app).map((machine) => machine.image.split(':').pop());

describe.concurrent('promoteCanary on the sandbox', () => {
  it('promotes a healthy image step by step: 1, then 2, then all 4 machines', async ({ expect }) => {
    const app = await newApp(4);
    const log = createRecordingLogger();
    const result = await promoteCanary(api, request(app, 'v2'), { log });

    expect(result.decision).toBe('promoted');
    expect(result.stepReached).toBe(3);
    expect(result.record.outcome).toBe('succeeded');
    expect(tags(app)).toEqual(['v2', 'v2', 'v2', 'v2']);
    const steps = result.record.canary!.steps as Array<{
      moved: string[];
      analysis?: {
        decision: string;
        probes: { canary: { requests: number }; baseline: { requests: number } };
      };
    }>;
    expect(steps.map((step) => step.moved.length)).toEqual([1, 1, 2]);
    expect(steps.slice(0, 2).map((step) => step.analysis?.decision)).toEqual(['continue', 'continue']);
    expect(steps[2]!.analysis).toBeUndefined();
    for (const step of steps.slice(0, 2)) {
      expect(step.analysis!.probes.canary.requests).toBeGreaterThanOrEqual(20);
      expect(step.analysis!.probes.baseline.requests).toBeGreaterThanOrEqual(20);
    }
    // Every machine is in the record with its v1 config, so a rollback from it goes back to v1 in one step.
    expect(result.record.machines.map((machine) => machine.previous?.image)).toEqual(
      Array(4).fill(image(app, 'v1')),
    );
    const back = await rollback(
      api,
      { app, record: result.record, strategy: 'rolling', waitTimeoutMs: 4000, healthPollMs: 20 },
      { log },
    );
    expect(back.outcome).toBe('succeeded');
    expect(tags(app)).toEqual(['v1', 'v1', 'v1', 'v1']);
  });

  it('aborts a canary that answers 5xx at the first step and puts it back, healthy; the baseline is never touched', async ({
    expect,
  }) => {
    const app = await newApp(4);
    const before = new Map(sandbox.machines(app).map((machine) => [machine.id, machine.versionCount]));
    const result = await promoteCanary(api, request(app, 'flaky'), { log: createRecordingLogger() });

    expect(result.decision).toBe('aborted');
    expect(result.stepReached).toBe(1);
    expect(result.record.outcome).toBe('rolled-back');
    expect(result.record.error).toMatch(/step 1 of 3 \(1 machine\) aborted: .*(error rate|server errors)/);
    expect(tags(app)).toEqual(['v1', 'v1', 'v1', 'v1']);
    for (const machine of sandbox.machines(app)) expect(machine.state).toBe('started');
    const canary = result.record.machines;
    expect(canary).toHaveLength(1);
    expect(canary[0]!.final).toBe('previous');
    const summary = new Summary();
    renderCanarySummary(summary, result.record);
    const markdown = summary.toString();
    expect(markdown).toContain(
      `## ↩️ canary-promote: ${app}:flaky aborted at step 1 of 3; the canaries are back on ${app}:v1`,
    );
    // The reasons are the why: listed once, under it, not repeated as one joined line too.
    expect(markdown.match(/\*\*Why:\*\*/g)).toHaveLength(1);
    expect(markdown).toMatch(/\*\*Why:\*\*\n\n- Step 1: /);
    expect(markdown.match(/Step 1: /g)).toHaveLength(markdown.match(/^- Step 1: /gm)?.length ?? -1);
    expect(markdown).toMatch(/\| 1: 1 machine \| 1 of 4 \| \d+ \/ \d+ \| [\d.]+% \/ 0\.0% \|.*\| abort \|/);
    expect(markdown).toContain('xychart-beta');
    const untouched = sandbox.machines(app).filter((machine) => machine.id !== canary[0]!.id);
    for (const machine of untouched) expect(machine.versionCount).toBe(before.get(machine.id));
  });

  it('stops when a step’s machine never becomes healthy; the step rolls itself back and earlier canaries follow', async ({
    expect,
  }) => {
    const app = await newApp(3);
    const result = await promoteCanary(api, request(app, 'unhealthy', { waitTimeoutMs: 800 }), {
      log: createRecordingLogger(),
    });
    expect(result.decision).toBe('failed');
    expect(result.record.error).toMatch(/step 1 of 3 \(1 machine\) failed/);
    expect(tags(app)).toEqual(['v1', 'v1', 'v1']);
  });

  it('converges when run again after an abort, and when a canary was left on the image by a run that died', async ({
    expect,
  }) => {
    const app = await newApp(3);
    const first = await promoteCanary(api, request(app, 'flaky'), { log: createRecordingLogger() });
    const second = await promoteCanary(api, request(app, 'flaky'), { log: createRecordingLogger() });
    expect([first.decision, second.decision]).toEqual(['aborted', 'aborted']);
    expect(tags(app)).toEqual(['v1', 'v1', 'v1']);

    // A run killed after its first step: one machine already on v2. The next run adopts it as a canary.
    const [leftOver] = sandbox
      .machines(app)
      .map((machine) => machine.id)
      .sort();
    await (await import('@shipgate/fly')).deploy(
      api,
      {
        app,
        image: image(app, 'v2'),
        strategy: 'rolling',
        onlyMachines: [leftOver!],
        waitTimeoutMs: 4000,
        healthPollMs: 20,
      },
      { log: createRecordingLogger() },
    );
    const log = createRecordingLogger();
    const third = await promoteCanary(api, request(app, 'v2'), { log });
    expect(third.decision).toBe('promoted');
    expect(
      log.entries.some((entry) => entry.level === 'warning' && /already run the image/.test(entry.message)),
    ).toBe(true);
    const steps = third.record.canary!.steps as Array<{ moved: string[] }>;
    expect(steps[0]!.moved).toEqual([]);
    expect(tags(app)).toEqual(['v2', 'v2', 'v2']);
  });

  it('is unchanged when every machine already runs the image', async ({ expect }) => {
    const app = await newApp(2);
    await promoteCanary(api, request(app, 'v2', { plan: parsePlanEntries('1, 100%', () => 0) }), {
      log: createRecordingLogger(),
    });
    const again = await promoteCanary(api, request(app, 'v2'), { log: createRecordingLogger() });
    expect(again.decision).toBe('unchanged');
    expect(again.record.outcome).toBe('unchanged');
  });

  it('puts the canaries back when the run is canceled during a bake', async ({ expect }) => {
    const app = await newApp(3);
    const controller = new AbortController();
    const log = createRecordingLogger();
    const running = promoteCanary(api, request(app, 'v2', { bakeMs: 30_000 }), {
      log,
      signal: controller.signal,
    });
    while (!log.entries.some((entry) => /baking/.test(entry.message))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort();
    const result = await running;
    expect(result.decision).toBe('failed');
    expect(result.record.error).toMatch(/canceled during the bake/);
    expect(tags(app)).toEqual(['v1', 'v1', 'v1']);
  });

  it('writes a record the rollback action reads back', async ({ expect }) => {
    const app = await newApp(2);
    const result = await promoteCanary(
      api,
      request(app, 'v2', { plan: parsePlanEntries('1, 100%', () => 0) }),
      {
        log: createRecordingLogger(),
      },
    );
    const file = join(mkdtempSync(join(tmpdir(), 'canary-record-')), 'record.json');
    await writeReleaseRecord(file, result.record);
    const read = await readReleaseRecord(file);
    expect(read.canary?.decision).toBe('promoted');
    expect(read.strategy).toBe('canary');
  });
});

describe('promoteCanary refuses what it cannot measure', () => {
  it('a group of one machine, or a plan that goes to 100% at once', async ({ expect }) => {
    const single = await newApp(1);
    await expect(promoteCanary(api, request(single, 'v2'), { log: createRecordingLogger() })).rejects.toThrow(
      CanaryRequestError,
    );
    await expect(promoteCanary(api, request(single, 'v2'), { log: createRecordingLogger() })).rejects.toThrow(
      /at least 2 machines in process group app/,
    );
    const pair = await newApp(2);
    await expect(
      promoteCanary(api, request(pair, 'v2', { plan: parsePlanEntries('100%', () => 0) }), {
        log: createRecordingLogger(),
      }),
    ).rejects.toThrow(/goes to 100% in one step/);
    expect(tags(pair)).toEqual(['v1', 'v1']);
  });
});

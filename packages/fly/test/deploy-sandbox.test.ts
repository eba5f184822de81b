import { createRecordingLogger } from '@shipgate/kit';
import { defaultMachineConfig, type FlySandbox, startFlySandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlyClient } from '../src/client/index';
import {
  type DeployRequest,
  deploy,
  type ReleaseRecord,
  type RollbackRequest,
  rollback,
} from '../src/deploy/index';
import type { MachineConfig } from '../src/machine-types';

// Every deploy here runs against the sandbox: real processes behind a proxy, the Machines API over HTTP.
// Durations are scaled down 50× (boot 10 ms, check grace 100 ms, interval 200 ms).

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
  await sandbox?.close();
});

const image = (app: string, tag: string) => `registry.fly.io/${app}:${tag}`;

async function newApp(machines: number, options: { config?: MachineConfig; regions?: string[] } = {}) {
  const app = `shop-${++appCount}`;
  const ids = await sandbox.createApp(app, { machines, image: image(app, 'v1'), ...options });
  return { app, ids };
}

const fast = { waitTimeoutMs: 4000, healthPollMs: 20, bluegreenDrainMs: 20, leaseTtlSeconds: 5 };

function run(
  request: Partial<DeployRequest> & { app: string; image: string },
  log = createRecordingLogger(),
) {
  return deploy(api, { strategy: 'rolling', ...fast, ...request }, { log });
}

function undo(request: Partial<RollbackRequest> & { app: string }, log = createRecordingLogger()) {
  return rollback(api, { strategy: 'rolling', ...fast, ...request }, { log });
}

const live = (app: string) => sandbox.machines(app).filter((machine) => machine.state !== 'destroyed');
const tags = (app: string) => live(app).map((machine) => machine.image.split(':').pop());

/** The versions the app's proxy answers with over a few requests. */
async function served(app: string, requests = 6): Promise<string[]> {
  const versions = new Set<string>();
  for (let index = 0; index < requests; index++) {
    const response = await fetch(`${sandbox.appUrl(app)}/version`);
    versions.add(
      response.ok ? ((await response.json()) as { version: string }).version : `status ${response.status}`,
    );
  }
  return [...versions].sort();
}

/** Polls a condition (no fixed sleeps): for the immediate strategy, which does not wait for machines. */
async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function leasesLeft(app: string) {
  return sandbox.machines(app).filter((machine) => machine.leaseHolder !== undefined);
}

function summary(record: ReleaseRecord) {
  return record.machines.map((machine) => `${machine.action}/${machine.final}`).sort();
}

const matrix = (['immediate', 'rolling', 'canary', 'bluegreen'] as const).flatMap((strategy) =>
  [1, 3, 10].map((count) => ({ strategy, count })),
);

// Deploys to different apps do not share anything, so the matrix runs a few at a time.
describe('every strategy, v1 → v2', () => {
  it.concurrent.for(matrix)(
    '$strategy with $count machines: every machine on v2, the proxy answers v2',
    async ({ strategy, count }, { expect }) => {
      const { app, ids } = await newApp(count);
      const record = await run({ app, image: image(app, 'v2'), strategy });
      expect(record.outcome, record.error).toBe('succeeded');
      expect(record.previousImage).toBe(image(app, 'v1'));
      const machines = live(app);
      expect(machines).toHaveLength(count);
      expect(machines.every((machine) => machine.image === image(app, 'v2'))).toBe(true);
      if (strategy === 'immediate') {
        await eventually(async () => (await served(app, 2)).join() === 'v2');
      }
      expect(await served(app)).toEqual(['v2']);
      if (strategy === 'bluegreen') {
        expect(
          machines.every((machine) => !ids.includes(machine.id) && machine.registered && !machine.cordoned),
        ).toBe(true);
        expect(record.machines.filter((machine) => machine.action === 'destroyed')).toHaveLength(count);
      } else {
        expect(machines.map((machine) => machine.id).sort()).toEqual([...ids].sort());
      }
      if (strategy === 'canary') {
        expect(record.machines.filter((machine) => machine.action === 'canary').map((m) => m.final)).toEqual([
          'created-destroyed',
        ]);
      }
      expect(leasesLeft(app)).toEqual([]);
      const phases = new Set(record.timeline.map((entry) => entry.phase));
      expect(phases.has('lease')).toBe(true);
      expect(phases.has(strategy === 'bluegreen' ? 'create' : 'update')).toBe(true);
    },
  );
});

describe.concurrent('convergence and cancellation', () => {
  it('applies a fly.toml group config and leaves converged machines alone on a re-run', async ({
    expect,
  }) => {
    const { app } = await newApp(2);
    const desired = defaultMachineConfig(image(app, 'v2')) as MachineConfig;
    desired.env = { ...desired.env, FEATURE: 'on' };
    const groups = { app: desired };
    const first = await run({ app, image: image(app, 'v2'), groups });
    expect(first.outcome, first.error).toBe('succeeded');
    const machine = await api.getMachine(app, live(app)[0]!.id);
    expect(machine.config.env?.FEATURE).toBe('on');
    expect(machine.config.metadata?.shipgate_release_id).toBe(first.id);
    expect(machine.config.metadata?.shipgate_previous_image).toBe(image(app, 'v1'));
    sandbox.resetRequests();
    const again = await run({ app, image: image(app, 'v2'), groups });
    expect(again.outcome).toBe('unchanged');
    expect(again.machines.map((entry) => entry.action)).toEqual(['unchanged', 'unchanged']);
    expect(sandbox.requests.filter((request) => request.app === app && request.method !== 'GET')).toEqual([]);
  });

  it('stops feeding the pool when the signal aborts, lets the machine in flight finish, then rolls back', async ({
    expect,
  }) => {
    const { app } = await newApp(3);
    const controller = new AbortController();
    const log = createRecordingLogger();
    const info = log.info.bind(log);
    log.info = (message: string) => {
      info(message);
      if (message.endsWith('healthy')) controller.abort();
    };
    const record = await deploy(
      api,
      { app, image: image(app, 'v2'), strategy: 'rolling', ...fast },
      { log, signal: controller.signal },
    );
    expect(record.outcome).toBe('rolled-back');
    expect(record.error).toMatch(/canceled/);
    expect(summary(record)).toEqual(['canceled/previous', 'canceled/previous', 'updated/previous']);
    expect(tags(app)).toEqual(['v1', 'v1', 'v1']);
  });
});

describe('leases', () => {
  it('keeps short leases alive through a long rollout and releases them at the end', async () => {
    const { app, ids } = await newApp(1);
    sandbox.resetRequests();
    const record = await run({
      app,
      image: image(app, 'v2'),
      strategy: 'bluegreen',
      leaseTtlSeconds: 2,
      bluegreenDrainMs: 800,
    });
    expect(record.outcome, record.error).toBe('succeeded');
    const leaseCalls = sandbox.requests.filter(
      (request) => request.app === app && request.path.endsWith('/lease'),
    );
    const refreshes = leaseCalls.filter((request) => request.method === 'POST' && request.machine === ids[0]);
    // One acquire, then a refresh every (2 − 1)/3 s while the blue drains for 1.6 s.
    expect(refreshes.length).toBeGreaterThanOrEqual(3);
    expect(leaseCalls.every((request) => request.status < 300)).toBe(true);
    expect(leasesLeft(app)).toEqual([]);
  });
});

describe('deploys that fail', () => {
  it('rolls every machine back to v1 when the new image never gets healthy', async () => {
    const { app } = await newApp(3);
    const log = createRecordingLogger();
    const record = await run({ app, image: image(app, 'unhealthy-v2'), waitTimeoutMs: 1200 }, log);
    expect(record.outcome).toBe('rolled-back');
    expect(record.error).toMatch(/health checks did not pass within 1\.2s: servicecheck-\S+: critical/);
    expect(tags(app)).toEqual(['v1', 'v1', 'v1']);
    expect(await served(app)).toEqual(['v1']);
    // The spearhead failed, so the other two were never touched.
    expect(summary(record)).toEqual(['canceled/previous', 'canceled/previous', 'updated/previous']);
    expect(record.timeline.some((entry) => entry.phase === 'rollback')).toBe(true);
    expect(leasesLeft(app)).toEqual([]);
    // The machine's failure is a warning; the release's own failure is the caller's one error line.
    expect(
      log.entries.some((entry) => entry.level === 'warning' && /health checks/.test(entry.message)),
    ).toBe(true);
    expect(log.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('rolls back machines already on v2 when a later one fails, and says which machine it could not restore', async () => {
    const { app, ids } = await newApp(3);
    const stuck = [...ids].sort()[2]!;
    sandbox.faults.neverStarts(app, stuck);
    try {
      const record = await run({ app, image: image(app, 'v2'), waitTimeoutMs: 800 });
      // The stuck machine cannot start on either version: the record says so instead of a silent mix.
      expect(record.outcome).toBe('rollback-failed');
      expect(record.error).toContain(stuck);
      expect(record.error).toMatch(/did not start within 0\.8s/);
      const byId = new Map(record.machines.map((machine) => [machine.id, machine]));
      expect(byId.get(stuck)?.final).toBe('unknown');
      for (const id of ids.filter((id) => id !== stuck)) {
        expect(byId.get(id)).toMatchObject({ action: 'updated', final: 'previous' });
      }
      const images = new Map(sandbox.machines(app).map((machine) => [machine.id, machine.image]));
      expect(ids.filter((id) => id !== stuck).map((id) => images.get(id))).toEqual([
        image(app, 'v1'),
        image(app, 'v1'),
      ]);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('rolls back when the new image crashes at start', async () => {
    const { app } = await newApp(2);
    const record = await run({ app, image: image(app, 'crash-v2') });
    expect(record.outcome).toBe('rolled-back');
    expect(record.error).toMatch(/^machine \S+: failed to start: /);
    expect(tags(app)).toEqual(['v1', 'v1']);
    expect(await served(app)).toEqual(['v1']);
  });

  it('without automatic rollback, says plainly which machines run which release', async () => {
    const { app, ids } = await newApp(3);
    const [first] = [...ids].sort();
    const record = await run({
      app,
      image: image(app, 'unhealthy-v2'),
      waitTimeoutMs: 600,
      autoRollback: false,
    });
    expect(record.outcome).toBe('failed');
    expect(record.error).toContain(
      `no automatic rollback; on the new release: ${first}; on the previous one: `,
    );
    expect(summary(record)).toEqual(['canceled/previous', 'canceled/previous', 'updated/new']);
    expect(tags(app).sort()).toEqual(['unhealthy-v2', 'v1', 'v1']);
  });

  it('immediate: an update Fly refuses stops the rest and puts the updated ones back', async () => {
    const { app, ids } = await newApp(3);
    const refused = [...ids].sort()[0]!;
    sandbox.faults.add({
      method: 'POST',
      path: `/machines/${refused}$`,
      status: 422,
      message: 'invalid config',
      app,
    });
    try {
      const record = await run({ app, image: image(app, 'v2'), strategy: 'immediate' });
      expect(record.outcome).toBe('rolled-back');
      expect(record.error).toContain(`machine ${refused}: `);
      const byId = new Map(record.machines.map((machine) => [machine.id, machine]));
      expect(byId.get(refused)).toMatchObject({ action: 'updated', final: 'previous', next: null });
      expect(record.machines.every((machine) => machine.final === 'previous')).toBe(true);
      await eventually(async () => (await served(app, 3)).join() === 'v1');
      expect(tags(app)).toEqual(['v1', 'v1', 'v1']);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('destroys a canary that never starts and leaves the app untouched', async () => {
    const { app } = await newApp(2);
    sandbox.faults.neverStarts(app, 'next-created');
    try {
      const before = sandbox.machines(app).map((machine) => machine.versionCount);
      const record = await run({ app, image: image(app, 'v2'), strategy: 'canary', waitTimeoutMs: 600 });
      expect(record.outcome).toBe('rolled-back');
      expect(summary(record)).toEqual(['canary/created-destroyed', 'canceled/previous', 'canceled/previous']);
      expect(live(app).map((machine) => machine.versionCount)).toEqual(before);
      expect(await served(app)).toEqual(['v1']);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('destroys the greens and keeps the blues serving when bluegreen greens are unhealthy', async () => {
    const { app, ids } = await newApp(2);
    const record = await run({
      app,
      image: image(app, 'unhealthy-v2'),
      strategy: 'bluegreen',
      waitTimeoutMs: 800,
    });
    expect(record.outcome).toBe('rolled-back');
    expect(
      live(app)
        .map((machine) => machine.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(await served(app)).toEqual(['v1']);
  });

  it('refuses bluegreen without health checks before touching anything', async () => {
    const { app } = await newApp(1, {
      config: { image: 'x', services: [{ protocol: 'tcp', internal_port: 8080 }] },
    });
    const record = await run({ app, image: image(app, 'v2'), strategy: 'bluegreen' });
    expect(record.outcome).toBe('failed');
    expect(record.error).toMatch(/bluegreen needs at least one health check/);
    expect(tags(app)).toEqual(['v1']);
  });

  it('stops with a clear error when another deploy holds a lease, and changes nothing', async () => {
    const { app, ids } = await newApp(3);
    const held = ids[1]!;
    sandbox.faults.holdLease(app, held, 'someone@example.com');
    try {
      const before = sandbox.machines(app).map((machine) => machine.versionCount);
      const record = await run({ app, image: image(app, 'v2') });
      expect(record.outcome).toBe('failed');
      expect(record.error).toContain(`another deploy holds machine ${held}`);
      expect(record.error).toMatch(/someone@example\.com.*expires at/);
      expect(sandbox.machines(app).map((machine) => machine.versionCount)).toEqual(before);
      expect(tags(app)).toEqual(['v1', 'v1', 'v1']);
      // Only the other holder's lease is left.
      expect(leasesLeft(app).map((machine) => machine.id)).toEqual([held]);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('rides out bursts of 429 and 5xx answers', async () => {
    const { app } = await newApp(3);
    // The client tries each call up to 6 times; these bursts stay under that even if they hit one call.
    sandbox.faults.add({ status: 429, retryAfter: 0, times: 2, app });
    sandbox.faults.add({ method: 'GET', status: 503, times: 2, app });
    sandbox.faults.add({ method: 'POST', path: '/machines/[^/]+$', status: 502, times: 2, app });
    try {
      sandbox.resetRequests();
      const record = await run({ app, image: image(app, 'v2') });
      expect(record.outcome, record.error).toBe('succeeded');
      expect(tags(app)).toEqual(['v2', 'v2', 'v2']);
      const statuses = sandbox.requests
        .filter((request) => request.app === app)
        .map((request) => request.status);
      expect(statuses.filter((status) => status === 429)).toHaveLength(2);
      expect(statuses.filter((status) => status >= 500)).toHaveLength(4);
    } finally {
      sandbox.faults.clear();
    }
  });
});

function releaseCommand(app: string, command: string[]) {
  const config: MachineConfig = {
    image: image(app, 'v2'),
    init: { cmd: command },
    restart: { policy: 'no' },
    auto_destroy: true,
    dns: { skip_registration: true },
    metadata: { fly_platform_version: 'v2', fly_process_group: 'fly_app_release_command' },
  };
  return { command, timeoutMs: 3000, config };
}

describe.concurrent('release command', () => {
  it('runs before the rollout', async ({ expect }) => {
    const { app } = await newApp(2);
    const record = await run({
      app,
      image: image(app, 'v2'),
      releaseCommand: releaseCommand(app, ['bin/migrate']),
    });
    expect(record.outcome, record.error).toBe('succeeded');
    expect(record.releaseCommand).toMatchObject({ exitCode: 0 });
    const first = record.timeline.findIndex((entry) => entry.phase === 'release-command');
    const update = record.timeline.findIndex((entry) => entry.phase === 'update');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(update);
    expect(tags(app)).toEqual(['v2', 'v2']);
    const ran = sandbox.machines(app).find((machine) => machine.id === record.releaseCommand?.machineId);
    expect(ran?.state).toBe('destroyed');
  });

  it('stops the deploy when it fails, with every machine untouched', async ({ expect }) => {
    const { app } = await newApp(2);
    const before = sandbox.machines(app).map((machine) => machine.versionCount);
    const record = await run({
      app,
      image: image(app, 'v2'),
      releaseCommand: releaseCommand(app, ['bin/migrate', 'fail']),
    });
    expect(record.outcome).toBe('failed');
    expect(record.releaseCommand?.exitCode).toBe(1);
    expect(record.error).toMatch(/exited with status 1/);
    expect(live(app).map((machine) => machine.versionCount)).toEqual(before);
    expect(summary(record)).toEqual(['canceled/previous', 'canceled/previous']);
    expect(leasesLeft(app)).toEqual([]);
  });
});

describe.concurrent('scaling', () => {
  it('creates machines to reach the count per region, cloned from the new config', async ({ expect }) => {
    const { app } = await newApp(1, { regions: ['iad'] });
    const record = await run({ app, image: image(app, 'v2'), scale: { count: 3, regions: ['iad'] } });
    expect(record.outcome, record.error).toBe('succeeded');
    expect(tags(app)).toEqual(['v2', 'v2', 'v2']);
    expect(record.machines.filter((machine) => machine.action === 'created')).toHaveLength(2);
  });

  it('destroys the newest surplus machines only after the rollout worked', async ({ expect }) => {
    const { app, ids } = await newApp(3, { regions: ['iad'] });
    const record = await run({ app, image: image(app, 'v2'), scale: { count: 1, regions: ['iad'] } });
    expect(record.outcome, record.error).toBe('succeeded');
    expect(tags(app)).toEqual(['v2']);
    const destroyed = record.machines
      .filter((machine) => machine.final === 'destroyed')
      .map((machine) => machine.id);
    expect(destroyed).toHaveLength(2);
    expect(ids).toEqual(expect.arrayContaining(destroyed));
    const lastUpdate = Math.max(...record.timeline.filter((e) => e.phase === 'healthy').map((e) => e.at));
    const firstDestroy = Math.min(...record.timeline.filter((e) => e.phase === 'destroy').map((e) => e.at));
    expect(firstDestroy).toBeGreaterThanOrEqual(lastUpdate);
  });
});

describe.concurrent('rollback', () => {
  it('puts every machine back on its recorded config, and a re-run changes nothing', async ({ expect }) => {
    const { app } = await newApp(3);
    const release = await run({ app, image: image(app, 'v2'), env: { FEATURE: 'on' } });
    expect(release.outcome).toBe('succeeded');
    const back = await undo({ app, record: release });
    expect(back.outcome, back.error).toBe('succeeded');
    expect(back.kind).toBe('rollback');
    expect(tags(app)).toEqual(['v1', 'v1', 'v1']);
    expect(await served(app)).toEqual(['v1']);
    const machine = await api.getMachine(app, sandbox.machines(app)[0]!.id);
    expect(machine.config.env?.FEATURE).toBeUndefined();
    const again = await undo({ app, record: release });
    expect(again.outcome).toBe('unchanged');
    expect(again.machines.every((entry) => entry.action === 'unchanged')).toBe(true);
  });

  it('rolls back from machine metadata; deploy → rollback → redeploy converges', async ({ expect }) => {
    const { app } = await newApp(2);
    expect((await run({ app, image: image(app, 'v2') })).outcome).toBe('succeeded');
    expect((await run({ app, image: image(app, 'v2') })).outcome).toBe('unchanged');
    const back = await undo({ app });
    expect(back.outcome, back.error).toBe('succeeded');
    expect(tags(app)).toEqual(['v1', 'v1']);
    expect((await undo({ app })).outcome).toBe('unchanged');
    const redeploy = await run({ app, image: image(app, 'v2') });
    expect(redeploy.outcome, redeploy.error).toBe('succeeded');
    expect(tags(app)).toEqual(['v2', 'v2']);
    expect(await served(app)).toEqual(['v2']);
    expect((await run({ app, image: image(app, 'v2') })).outcome).toBe('unchanged');
    const machine = await api.getMachine(app, sandbox.machines(app)[0]!.id);
    expect(JSON.parse(machine.config.metadata?.shipgate_images ?? '[]')).toEqual([
      image(app, 'v1'),
      image(app, 'v2'),
    ]);
  });

  it('undoes a bluegreen release in place: the greens go back to the blues’ config', async ({ expect }) => {
    const { app } = await newApp(2);
    const release = await run({ app, image: image(app, 'v2'), strategy: 'bluegreen' });
    expect(release.outcome, release.error).toBe('succeeded');
    const greens = live(app).map((machine) => machine.id);
    const back = await undo({ app, record: release });
    expect(back.outcome, back.error).toBe('succeeded');
    expect(live(app).map((machine) => machine.id)).toEqual(greens);
    expect(tags(app)).toEqual(['v1', 'v1']);
    expect(await served(app)).toEqual(['v1']);
  });

  it('refuses an image that never ran on the app unless forced', async ({ expect }) => {
    const { app } = await newApp(2);
    const refused = await undo({ app, image: image(app, 'v0') });
    expect(refused.outcome).toBe('failed');
    expect(refused.error).toMatch(/never ran on/);
    expect(tags(app)).toEqual(['v1', 'v1']);
    const forced = await undo({ app, image: image(app, 'v0'), force: true });
    expect(forced.outcome, forced.error).toBe('succeeded');
    expect(tags(app)).toEqual(['v0', 'v0']);
    // v1 ran here, so going back to it needs no force, and takes its old config from the versions.
    const toV1 = await undo({ app, image: image(app, 'v1') });
    expect(toV1.outcome, toV1.error).toBe('succeeded');
    expect(tags(app)).toEqual(['v1', 'v1']);
  });
});

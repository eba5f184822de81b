import { createRecordingLogger } from '@shipgate/kit';
import { type FlySandbox, startFlySandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { FlyClient } from '../src/client/index';
import { type DeployRequest, deploy, rollback } from '../src/deploy/index';

// One step of a canary promotion: a deploy with onlyMachines moves those machines through the engine's
// usual leases, health waits, rollback and record, and never touches the others. Against the sandbox,
// durations scaled down 50×.

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
const fast = { waitTimeoutMs: 4000, healthPollMs: 20, leaseTtlSeconds: 5 };

async function newApp(machines: number) {
  const app = `subset-${++appCount}`;
  const ids = await sandbox.createApp(app, { machines, image: image(app, 'v1') });
  return { app, ids: [...ids].sort() };
}

function run(request: Partial<DeployRequest> & { app: string; image: string }) {
  return deploy(api, { strategy: 'rolling', ...fast, ...request }, { log: createRecordingLogger() });
}

const tagOf = (app: string) => {
  const tags = new Map(sandbox.machines(app).map((machine) => [machine.id, machine.image.split(':').pop()]));
  return (id: string) => tags.get(id);
};

/** Every API call that named one of these machines, apart from reads. */
const writesTo = (app: string, ids: readonly string[]) =>
  sandbox.requests.filter(
    (request) =>
      request.app === app &&
      request.machine !== undefined &&
      ids.includes(request.machine) &&
      (request.method !== 'GET' || request.path.endsWith('/lease')),
  );

const versionCounts = (app: string, ids: readonly string[]) =>
  ids.map((id) => sandbox.machines(app).find((machine) => machine.id === id)?.versionCount);

async function served(app: string, requests = 24): Promise<string[]> {
  const versions = new Set<string>();
  for (let index = 0; index < requests; index++) {
    const response = await fetch(`${sandbox.appUrl(app)}/version`);
    versions.add(
      response.ok ? ((await response.json()) as { version: string }).version : `status ${response.status}`,
    );
  }
  return [...versions].sort();
}

describe.concurrent('deploy with onlyMachines', () => {
  it('moves only the named machine to v2; a rollback from its record moves only it back', async ({
    expect,
  }) => {
    const { app, ids } = await newApp(4);
    const [chosen, ...others] = ids as [string, ...string[]];
    const othersBefore = versionCounts(app, others);

    const step = await run({ app, image: image(app, 'v2'), onlyMachines: [chosen] });
    expect(step.outcome, step.error).toBe('succeeded');
    expect(step.machines.map((entry) => [entry.id, entry.action, entry.final])).toEqual([
      [chosen, 'updated', 'new'],
    ]);
    expect(step.previousImage).toBe(image(app, 'v1'));
    const tag = tagOf(app);
    expect(tag(chosen)).toBe('v2');
    expect(others.map(tag)).toEqual(['v1', 'v1', 'v1']);
    const chosenNow = await api.getMachine(app, chosen);
    expect(chosenNow.state).toBe('started');
    expect(chosenNow.checks?.every((check) => check.status === 'passing')).toBe(true);
    expect(writesTo(app, [chosen]).some((request) => request.path.endsWith('/lease'))).toBe(true);
    expect(writesTo(app, others)).toEqual([]);
    expect(versionCounts(app, others)).toEqual(othersBefore);
    expect(await served(app)).toEqual(['v1', 'v2']);

    const back = await rollback(
      api,
      { app, record: step, strategy: 'rolling', ...fast },
      { log: createRecordingLogger() },
    );
    expect(back.outcome, back.error).toBe('succeeded');
    expect(back.machines.map((entry) => [entry.id, entry.action])).toEqual([[chosen, 'updated']]);
    expect(ids.map(tagOf(app))).toEqual(['v1', 'v1', 'v1', 'v1']);
    expect(writesTo(app, others)).toEqual([]);
    expect(versionCounts(app, others)).toEqual(othersBefore);
    expect(await served(app, 6)).toEqual(['v1']);
    expect(sandbox.machines(app).filter((machine) => machine.leaseHolder !== undefined)).toEqual([]);
  });

  it('rolls back only the named machine when the new image is unhealthy', async ({ expect }) => {
    const { app, ids } = await newApp(4);
    const [chosen, ...others] = ids as [string, ...string[]];
    const record = await run({
      app,
      image: image(app, 'unhealthy-v2'),
      onlyMachines: [chosen],
      waitTimeoutMs: 1200,
    });
    expect(record.outcome).toBe('rolled-back');
    expect(record.error).toMatch(/health checks did not pass/);
    expect(record.machines.map((entry) => [entry.id, entry.action, entry.final])).toEqual([
      [chosen, 'updated', 'previous'],
    ]);
    expect(record.timeline.some((entry) => entry.phase === 'rollback')).toBe(true);
    expect(record.timeline.every((entry) => entry.machineId === chosen)).toBe(true);
    expect(ids.map(tagOf(app))).toEqual(['v1', 'v1', 'v1', 'v1']);
    expect(writesTo(app, others)).toEqual([]);
    expect(await served(app, 6)).toEqual(['v1']);
  });

  it('refuses misuse before touching anything', async ({ expect }) => {
    const { app, ids } = await newApp(2);
    const v2 = image(app, 'v2');
    await expect(run({ app, image: v2, onlyMachines: [ids[0]!, 'nope', 'gone'] })).rejects.toThrow(
      `onlyMachines names machines ${app} has no deployable machine for: nope, gone`,
    );
    await expect(run({ app, image: v2, onlyMachines: [] })).rejects.toThrow(/onlyMachines is empty/);
    for (const strategy of ['bluegreen', 'canary'] as const) {
      await expect(run({ app, image: v2, strategy, onlyMachines: [ids[0]!] })).rejects.toThrow(
        `onlyMachines works with the rolling or immediate strategy, not ${strategy}`,
      );
    }
    await expect(
      run({ app, image: v2, onlyMachines: [ids[0]!], scale: { count: 3, regions: ['iad'] } }),
    ).rejects.toThrow('onlyMachines cannot be combined with scale');
    expect(writesTo(app, ids)).toEqual([]);
    expect(ids.map(tagOf(app))).toEqual(['v1', 'v1']);
  });
});

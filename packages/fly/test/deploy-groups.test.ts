import { createRecordingLogger } from '@shipgate/kit';
import { type FlySandbox, startFlySandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlyClient } from '../src/client/index';
import { loadFlyToml, machineConfigs } from '../src/config/index';
import { deploy } from '../src/deploy/index';

// A fly.toml with two process groups, each with its own VM size, deployed through the engine against the
// sandbox: every machine gets its own group's config, and a guest override reaches only the group it names.

let sandbox: FlySandbox;
let api: FlyClient;

beforeAll(async () => {
  sandbox = await startFlySandbox({ timeScale: 0.02 });
  api = new FlyClient({
    token: sandbox.token,
    baseUrl: sandbox.apiUrl,
    waitRetryDelayMs: { min: 10, max: 40 },
  });
});

afterAll(async () => {
  await api?.close();
  await sandbox?.close();
});

const flyToml = `
app = "shop-groups"
primary_region = "iad"

[processes]
  app = "node server.js"
  worker = "node worker.js"

[env]
  NODE_ENV = "production"

[http_service]
  internal_port = 3000
  processes = ["app"]

  [[http_service.checks]]
    grace_period = "1s"
    interval = "2s"
    method = "GET"
    path = "/healthz"
    timeout = "2s"

[[vm]]
  size = "shared-cpu-1x"
  memory = "512mb"
  processes = ["app"]

[[vm]]
  size = "shared-cpu-2x"
  processes = ["worker"]
`;

describe('a deploy of several process groups', () => {
  it('gives each machine its own group config and applies a guest override to its group only', async () => {
    const app = 'shop-groups';
    const v1 = 'registry.fly.io/shop-groups:v1';
    const v2 = 'registry.fly.io/shop-groups:v2';
    await sandbox.createApp(app, { machines: 2, image: v1 });
    const worker = await api.createMachine(app, {
      region: 'iad',
      config: {
        image: v1,
        init: { cmd: ['node', 'worker.js'] },
        metadata: { fly_platform_version: 'v2', fly_process_group: 'worker' },
      },
    });
    await api.waitForState(app, worker.id, { states: ['started'], deadline: Date.now() + 10_000 });

    const { config } = loadFlyToml(flyToml, 'fly.toml');
    const record = await deploy(
      api,
      {
        app,
        image: v2,
        groups: machineConfigs(config),
        strategy: 'rolling',
        waitTimeoutMs: 10_000,
        healthPollMs: 20,
        guest: { worker: { memoryMb: 2048 } },
      },
      { log: createRecordingLogger() },
    );
    expect(record.outcome, record.error).toBe('succeeded');

    const machines = await api.listMachines(app);
    const byGroup = (group: string) => machines.filter((m) => m.config.metadata?.fly_process_group === group);
    expect(byGroup('app')).toHaveLength(2);
    expect(byGroup('worker')).toHaveLength(1);
    for (const machine of byGroup('app')) {
      expect(machine.config.image).toBe(v2);
      expect(machine.config.guest).toMatchObject({ cpus: 1, memory_mb: 512 });
      expect(machine.config.init?.cmd).toEqual(['node', 'server.js']);
      expect(machine.config.services?.[0]?.internal_port).toBe(3000);
      expect(machine.config.env?.FLY_PROCESS_GROUP).toBe('app');
    }
    const [workerMachine] = byGroup('worker');
    expect(workerMachine?.config.image).toBe(v2);
    expect(workerMachine?.config.guest).toMatchObject({ cpus: 2, memory_mb: 2048 });
    expect(workerMachine?.config.init?.cmd).toEqual(['node', 'worker.js']);
    expect(workerMachine?.config.services ?? []).toEqual([]);
    expect(record.machines.map((machine) => `${machine.group}:${machine.final}`).sort()).toEqual([
      'app:new',
      'app:new',
      'worker:new',
    ]);
  });
});

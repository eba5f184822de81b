import { describe, expect, it } from 'vitest';
import { eventually, type Json, sandboxForFile, viaProxy, webConfig } from './helpers';

const { sandbox, api } = await sandboxForFile();

const healthCheck = {
  type: 'http',
  interval: '5s',
  timeout: '2s',
  grace_period: '1s',
  method: 'GET',
  path: '/healthz',
};

async function servedBy(app: string, times: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < times; i++) {
    const answer = await viaProxy(sandbox, app);
    if (answer.status === 200) seen.add(answer.headers.get('x-machine-id') ?? '');
  }
  return seen;
}

describe('proxy routing', () => {
  it('cordon takes a machine out of rotation, uncordon puts it back', async () => {
    const [a, b] = await sandbox.createApp('cordons', { machines: 2 });
    await api.call('POST', `/apps/cordons/machines/${a}/cordon`);
    expect((await api.call<Json>('GET', `/apps/cordons/machines/${a}`)).body.cordoned).toBe(true);
    expect(await servedBy('cordons', 4)).toEqual(new Set([b]));
    await api.call('POST', `/apps/cordons/machines/${b}/cordon`);
    const none = await viaProxy(sandbox, 'cordons');
    expect(none.status).toBe(503);
    expect(none.text).toMatch(/no machine of cordons can serve/);
    await api.call('POST', `/apps/cordons/machines/${a}/uncordon`);
    expect(await servedBy('cordons', 3)).toEqual(new Set([a]));
  });

  it('fly-force-instance-id sends to that machine only, with a 503 and a reason when it cannot serve', async () => {
    const [a, b] = await sandbox.createApp('pinned', { machines: 2 });
    for (let i = 0; i < 3; i++) {
      const answer = await viaProxy(sandbox, 'pinned', '/', { 'fly-force-instance-id': b! });
      expect(answer.headers.get('x-machine-id')).toBe(b);
    }
    await api.call('POST', `/apps/pinned/machines/${b}/stop`);
    await api.call('GET', `/apps/pinned/machines/${b}/wait?state=stopped&timeout=30`);
    const refused = await viaProxy(sandbox, 'pinned', '/', { 'fly-force-instance-id': b! });
    expect(refused.status).toBe(503);
    expect(refused.text).toMatch(new RegExp(`machine ${b} is stopped`));
    const unknown = await viaProxy(sandbox, 'pinned', '/', { 'fly-force-instance-id': 'ffffffffffffff' });
    expect(unknown.status).toBe(503);
    expect((await viaProxy(sandbox, 'pinned')).headers.get('x-machine-id')).toBe(a);
  });

  it('skip_service_registration keeps a new machine out of rotation until it is uncordoned', async () => {
    const [blue] = await sandbox.createApp('bluegreen', { machines: 1 });
    const green = await api.call<Json & { id: string }>('POST', '/apps/bluegreen/machines', {
      body: { config: webConfig('registry.fly.io/shop:v2'), skip_service_registration: true },
    });
    await api.call('GET', `/apps/bluegreen/machines/${green.body.id}/wait?state=started&timeout=30`);
    expect(sandbox.machines('bluegreen').find((m) => m.id === green.body.id)?.registered).toBe(false);
    expect(await servedBy('bluegreen', 4)).toEqual(new Set([blue]));
    await api.call('POST', `/apps/bluegreen/machines/${green.body.id}/uncordon`);
    await api.call('POST', `/apps/bluegreen/machines/${blue}/cordon`);
    expect(await servedBy('bluegreen', 3)).toEqual(new Set([green.body.id]));
  });
});

describe('health checks', () => {
  it('report nothing at first, then passing; the unhealthy image turns critical and gets no traffic', async () => {
    await sandbox.createApp('health', { machines: 0 });
    const create = (image: string) =>
      api.call<Json & { id: string; checks: unknown[] }>('POST', '/apps/health/machines', {
        body: {
          config: webConfig(image, {
            checks: { alive: { type: 'tcp', port: 8080, interval: '5s', timeout: '2s' } },
            services: [{ protocol: 'tcp', internal_port: 8080, checks: [healthCheck] }],
          }),
        },
      });
    const good = await create('registry.fly.io/shop:v1');
    expect(good.body.checks).toEqual([]);
    const bad = await create('registry.fly.io/shop:unhealthy-1');

    const checksOf = async (id: string) =>
      (
        await api.call<{ checks: Array<{ name: string; status: string; output: string }> }>(
          'GET',
          `/apps/health/machines/${id}`,
        )
      ).body.checks;
    const goodChecks = await eventually('good checks', async () => {
      const checks = await checksOf(good.body.id);
      return checks.length === 2 && checks.every((check) => check.status === 'passing') ? checks : undefined;
    });
    expect(goodChecks.map((check) => check.name).sort()).toEqual(['alive', 'servicecheck-00-http-8080']);
    const badChecks = await eventually('bad checks', async () => {
      const checks = await checksOf(bad.body.id);
      return checks.length === 2 ? checks : undefined;
    });
    expect(badChecks.find((check) => check.name === 'servicecheck-00-http-8080')).toMatchObject({
      status: 'critical',
      output: expect.stringMatching(/503/),
    });
    expect(badChecks.find((check) => check.name === 'alive')?.status).toBe('passing');
    expect(await servedBy('health', 4)).toEqual(new Set([good.body.id]));
    // Pinned requests reach a machine whatever its health, so it can be looked at.
    const pinned = await viaProxy(sandbox, 'health', '/healthz', { 'fly-force-instance-id': bad.body.id });
    expect(pinned.status).toBe(503);
    expect(JSON.parse(pinned.text)).toMatchObject({ status: 'unhealthy', version: 'unhealthy-1' });
  });

  it('the flaky image fails a share of requests', async () => {
    const [id] = await sandbox.createApp('flaky', {
      machines: 1,
      image: 'registry.fly.io/shop:flaky-2',
      config: webConfig('registry.fly.io/shop:flaky-2', { env: { FLAKY_RATE: '0.5' } }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await viaProxy(sandbox, 'flaky', '/', { 'fly-force-instance-id': id! })).status);
    }
    expect(statuses.filter((status) => status === 500).length).toBeGreaterThan(4);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(4);
  });
});

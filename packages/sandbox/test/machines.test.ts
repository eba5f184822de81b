import { describe, expect, it } from 'vitest';
import { eventually, type Json, sandboxForFile, viaProxy, webConfig } from './helpers';

const { sandbox, api } = await sandboxForFile();

interface Machine extends Json {
  id: string;
  state: string;
  version: string;
  instance_id: string;
  config: Json & { image: string; metadata?: Record<string, string> };
  events: Array<{ type: string; status: string; timestamp: number; request?: Json }>;
  checks: Json[];
}

const waitFor = (app: string, id: string, state: string, extra = '') =>
  api.call('GET', `/apps/${app}/machines/${id}/wait?state=${state}&timeout=30${extra}`);

describe('seeded apps', () => {
  it('start N machines on the image, with v2 metadata, serving through the proxy', async () => {
    const ids = await sandbox.createApp('seeded', {
      machines: 2,
      image: 'registry.fly.io/shop-app:v7',
      regions: ['ams', 'cdg'],
    });
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{14}$/);
    const machines = (await api.call<Machine[]>('GET', '/apps/seeded/machines')).body;
    expect(machines.map((machine) => machine.state)).toEqual(['started', 'started']);
    expect(machines.map((machine) => machine.region).sort()).toEqual(['ams', 'cdg']);
    expect(machines[0]?.config.metadata).toMatchObject({
      fly_platform_version: 'v2',
      fly_process_group: 'app',
    });
    expect(machines[0]?.image_ref).toMatchObject({
      registry: 'registry.fly.io',
      repository: 'shop-app',
      tag: 'v7',
    });
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const page = await viaProxy(sandbox, 'seeded');
      expect(page.status).toBe(200);
      expect(page.text).toContain('version <span id="version">v7</span>');
      expect(page.headers.get('fly-request-id')).toBeTruthy();
      seen.add(page.headers.get('x-machine-id') ?? '');
    }
    expect(seen).toEqual(new Set(ids)); // round-robin over both
  });
});

describe('machine lifecycle', () => {
  it('create → started → update (new version, new process) → stop → destroy, all visible through the proxy', async () => {
    await sandbox.createApp('life', { machines: 0 });
    const created = await api.call<Machine>('POST', '/apps/life/machines', {
      body: { config: webConfig('registry.fly.io/shop-app:v1'), region: 'ord', name: 'web-1' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'web-1', region: 'ord', state: 'starting' });
    const id = created.body.id;
    expect((await waitFor('life', id, 'started')).status).toBe(200);
    expect((await viaProxy(sandbox, 'life')).text).toContain('>v1<');

    const updated = await api.call<Machine>('POST', `/apps/life/machines/${id}`, {
      body: { config: webConfig('registry.fly.io/shop-app:v2') },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.state).toBe('replacing');
    expect(updated.body.version).not.toBe(created.body.version);
    expect(updated.body.instance_id).not.toBe(created.body.instance_id);
    expect(updated.body.config.image).toBe('registry.fly.io/shop-app:v2');
    expect((await waitFor('life', id, 'started', `&version=${updated.body.version}`)).status).toBe(200);
    const page = await eventually('the page of v2', async () => {
      const answer = await viaProxy(sandbox, 'life');
      return answer.text.includes('>v2<') ? answer : undefined;
    });
    expect(page.status).toBe(200);

    const versions = await api.call<Array<{ version: string; user_config: Json }>>(
      'GET',
      `/apps/life/machines/${id}/versions`,
    );
    expect(versions.body.map((entry) => entry.version)).toEqual([updated.body.version, created.body.version]);
    expect(versions.body[1]?.user_config).toMatchObject({ image: 'registry.fly.io/shop-app:v1' });

    const events = (await api.call<Machine['events']>('GET', `/apps/life/machines/${id}/events`)).body;
    expect(events.map((event) => event.type)).toEqual(['start', 'exit', 'update', 'start', 'launch']);
    expect(events[0]!.timestamp).toBeGreaterThanOrEqual(events[1]!.timestamp);
    expect(events[1]?.request).toMatchObject({ exit_event: { requested_stop: true } });

    const refused = await api.call('DELETE', `/apps/life/machines/${id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/not currently stopped/);

    expect(
      (
        await api.call('POST', `/apps/life/machines/${id}/stop`, {
          body: { signal: 'SIGTERM', timeout: '5s' },
        })
      ).status,
    ).toBe(200);
    expect((await waitFor('life', id, 'stopped')).status).toBe(200);
    expect((await viaProxy(sandbox, 'life')).status).toBe(503);

    expect((await api.call('DELETE', `/apps/life/machines/${id}`)).status).toBe(200);
    const destroyed = await api.call<Machine>('GET', `/apps/life/machines/${id}`);
    expect(destroyed.status).toBe(200);
    expect(destroyed.body.state).toBe('destroyed');
    expect(destroyed.body.events[0]?.type).toBe('destroy');
    expect((await api.call<Machine[]>('GET', '/apps/life/machines')).body).toEqual([]);
    const withDeleted = await api.call<Machine[]>('GET', '/apps/life/machines?include_deleted=true');
    expect(withDeleted.body.map((machine) => machine.id)).toEqual([id]);
    expect((await api.call('POST', `/apps/life/machines/${id}/start`)).status).toBe(404);
  });

  it('skip_launch leaves a machine created with no process; start starts it; kill=true or force=true destroy a running one', async () => {
    await sandbox.createApp('skip', { machines: 0 });
    const created = await api.call<Machine>('POST', '/apps/skip/machines', {
      body: { config: webConfig('registry.fly.io/shop-app:v1'), skip_launch: true },
    });
    expect(created.body.state).toBe('created');
    expect(sandbox.machines('skip')[0]).not.toHaveProperty('pid');
    const started = await api.call('POST', `/apps/skip/machines/${created.body.id}/start`);
    expect(started.body).toMatchObject({ previous_state: 'created' });
    expect((await waitFor('skip', created.body.id, 'started')).status).toBe(200);
    expect((await api.call('DELETE', `/apps/skip/machines/${created.body.id}?kill=true`)).status).toBe(200);

    const other = await api.call<Machine>('POST', '/apps/skip/machines', {
      body: { config: webConfig('registry.fly.io/shop-app:v1') },
    });
    await waitFor('skip', other.body.id, 'started');
    expect((await api.call('DELETE', `/apps/skip/machines/${other.body.id}?force=true`)).status).toBe(200);
    expect(sandbox.machines('skip').map((machine) => machine.state)).toEqual(['destroyed', 'destroyed']);
  });

  it('updating a stopped machine with skip_launch keeps it stopped; restart brings a new process', async () => {
    const [id] = await sandbox.createApp('restart-app', { machines: 1 });
    const pid = sandbox.machines('restart-app')[0]?.pid;
    expect((await api.call('POST', `/apps/restart-app/machines/${id}/restart`)).status).toBe(200);
    await eventually('a new process', () => {
      const machine = sandbox.machines('restart-app')[0];
      return machine?.state === 'started' && machine.pid !== pid ? machine : undefined;
    });
    await api.call('POST', `/apps/restart-app/machines/${id}/stop`);
    await waitFor('restart-app', id!, 'stopped');
    const updated = await api.call<Machine>('POST', `/apps/restart-app/machines/${id}`, {
      body: { config: webConfig('registry.fly.io/shop-app:v3'), skip_launch: true },
    });
    expect(updated.body.state).toBe('stopped');
    const machine = sandbox.machines('restart-app')[0];
    expect(machine).toMatchObject({
      state: 'stopped',
      image: 'registry.fly.io/shop-app:v3',
      versionCount: 2,
    });
    expect(machine).not.toHaveProperty('pid');
  });

  it('answers 404 for unknown apps and machines', async () => {
    expect((await api.call('GET', '/apps/no-such-app/machines')).status).toBe(404);
    const missing = await api.call('GET', '/apps/life/machines/0123456789abcd');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/machine not found/);
  });
});

describe('metadata', () => {
  it('reads and writes config.metadata', async () => {
    const [id] = await sandbox.createApp('meta', { machines: 1 });
    const path = `/apps/meta/machines/${id}/metadata`;
    expect(
      (await api.call(`POST`, `${path}/fly_bluegreen_deployment_tag`, { body: { value: 'safe_to_destroy' } }))
        .status,
    ).toBe(204);
    expect((await api.call('GET', path)).body).toEqual({
      fly_platform_version: 'v2',
      fly_process_group: 'app',
      fly_bluegreen_deployment_tag: 'safe_to_destroy',
    });
    const machine = await api.call<Machine>('GET', `/apps/meta/machines/${id}`);
    expect(machine.body.config.metadata?.fly_bluegreen_deployment_tag).toBe('safe_to_destroy');
    expect((await api.call('DELETE', `${path}/fly_bluegreen_deployment_tag`)).status).toBe(204);
    expect((await api.call('GET', path)).body).not.toHaveProperty('fly_bluegreen_deployment_tag');
    expect((await api.call('POST', `${path}/x`, { body: { value: 3 } })).status).toBe(400);
  });
});

import { describe, expect, it } from 'vitest';
import { type Json, sandboxForFile, webConfig } from './helpers';

const { sandbox, api } = await sandboxForFile();
await sandbox.createApp('waits', { machines: 0 });

async function create(
  image: string,
  extra: Record<string, unknown> = {},
  body: Record<string, unknown> = {},
) {
  const answer = await api.call<Json & { id: string; version: string }>('POST', '/apps/waits/machines', {
    body: { config: webConfig(image, extra), ...body },
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

const wait = (id: string, query: string) => api.call('GET', `/apps/waits/machines/${id}/wait?${query}`);

describe('wait', () => {
  it('answers at once when the machine is already in the state', async () => {
    const machine = await create('registry.fly.io/shop:v1');
    expect((await wait(machine.id, 'state=started&timeout=30')).status).toBe(200);
    const started = Date.now();
    expect((await wait(machine.id, 'state=started&timeout=30')).status).toBe(200);
    expect((await wait(machine.id, 'state=settled&timeout=30')).status).toBe(200);
    expect((await wait(machine.id, 'state=stopped&state=started&timeout=30')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('long-polls until the machine gets there, then answers 200', async () => {
    const machine = await create('registry.fly.io/shop:v1', {}, { skip_launch: true });
    const pending = wait(machine.id, 'state=started&timeout=30');
    const early = await Promise.race([
      pending.then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('waiting'), 150)),
    ]);
    expect(early).toBe('waiting');
    await api.call('POST', `/apps/waits/machines/${machine.id}/start`);
    expect((await pending).status).toBe(200);
    expect(sandbox.machines('waits').find((m) => m.id === machine.id)?.state).toBe('started');
  });

  it('answers 408 with a JSON error when the time is up (timeout in whole seconds, at least 1)', async () => {
    sandbox.faults.neverStarts('waits', 'next-created');
    const machine = await create('registry.fly.io/shop:v1');
    const started = Date.now();
    const answer = await wait(machine.id, 'state=started&timeout=0');
    expect(answer.status).toBe(408);
    expect(answer.body.error).toMatch(/timed out/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.machines('waits').find((m) => m.id === machine.id)?.state).toBe('starting');
  });

  it('answers 400 "machine failed to reach desired state" for a crashing image', async () => {
    const machine = await create('registry.fly.io/shop:crash', {
      restart: { policy: 'on-failure', max_retries: 2 },
    });
    const answer = await wait(machine.id, 'state=started&timeout=30');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/machine failed to reach desired state/);
    const got = await api.call<{ state: string; events: Array<{ type: string; request?: Json }> }>(
      'GET',
      `/apps/waits/machines/${machine.id}`,
    );
    expect(got.body.state).toBe('failed');
    const exits = got.body.events.filter((event) => event.type === 'exit');
    expect(exits).toHaveLength(3);
    expect(exits[0]?.request).toMatchObject({
      exit_event: { exit_code: 1, requested_stop: false, restarting: false },
      restart_count: 2,
    });
    expect(exits[1]?.request).toMatchObject({ exit_event: { restarting: true }, restart_count: 1 });
  });

  it('waits on a version, and answers 400 for one that is no longer current', async () => {
    const machine = await create('registry.fly.io/shop:v1');
    expect((await wait(machine.id, `state=started&version=${machine.version}&timeout=30`)).status).toBe(200);
    const updated = await api.call<{ version: string }>('POST', `/apps/waits/machines/${machine.id}`, {
      body: { config: webConfig('registry.fly.io/shop:v2') },
    });
    expect(
      (await wait(machine.id, `state=started&instance_id=${updated.body.version}&timeout=30`)).status,
    ).toBe(200);
    const old = await wait(machine.id, `state=started&version=${machine.version}&timeout=30`);
    expect(old.status).toBe(400);
  });

  it('answers 200 for destroyed on a destroyed machine, 404 for any other state', async () => {
    const machine = await create('registry.fly.io/shop:v1', {}, { skip_launch: true });
    const pending = wait(machine.id, 'state=started&timeout=30');
    await api.call('DELETE', `/apps/waits/machines/${machine.id}`);
    expect((await pending).status).toBe(404);
    expect((await wait(machine.id, 'state=destroyed&timeout=30')).status).toBe(200);
    expect((await wait(machine.id, 'state=stopped&timeout=30')).status).toBe(404);
  });
});

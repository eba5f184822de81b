import { describe, expect, it } from 'vitest';
import { eventually, type Json, sandboxForFile, webConfig } from './helpers';

// An image whose tag starts with `unpullable` cannot be pulled. flyd accepts the update (a new version
// comes back), then puts the machine back on its previous version and image and starts it there.

const { sandbox, api } = await sandboxForFile();

interface MachineEvent {
  type: string;
  status: string;
  source: string;
  timestamp: number;
  request?: { error?: string };
}

interface MachineBody extends Json {
  state: string;
  version: string;
  config: { image: string };
  events: MachineEvent[];
}

describe('an update to an image that cannot be pulled', () => {
  it('is accepted with a new version, then reverted: started on the previous version and image, with a failed update event', async () => {
    const [id] = await sandbox.createApp('revert-shop', { machines: 1 });
    const before = await api.call<MachineBody>('GET', `/apps/revert-shop/machines/${id}`);
    const image = 'registry.fly.io/revert-shop:unpullable-v2';
    const updated = await api.call<MachineBody>('POST', `/apps/revert-shop/machines/${id}`, {
      body: { config: webConfig(image) },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).not.toBe(before.body.version);
    expect(updated.body.config.image).toBe(image);

    const reverted = await eventually('the machine back on its previous version, started', async () => {
      const machine = await api.call<MachineBody>('GET', `/apps/revert-shop/machines/${id}`);
      return machine.body.state === 'started' && machine.body.version === before.body.version
        ? machine.body
        : undefined;
    });
    expect(reverted.config.image).toBe('registry.fly.io/revert-shop:v1');
    const failedUpdate = reverted.events.find(
      (event) => event.type === 'update' && event.status === 'failed',
    );
    expect(failedUpdate?.request?.error).toBe(
      `failed to pull image ${image}: manifest unknown; reverting to previous version`,
    );
    const accepted = reverted.events.find((event) => event.type === 'update' && event.status === 'replacing');
    expect(failedUpdate && accepted && failedUpdate.timestamp >= accepted.timestamp).toBe(true);
    expect(sandbox.machines('revert-shop')[0]).toMatchObject({
      state: 'started',
      image: reverted.config.image,
    });

    // A wait for the reverted version neither succeeds nor fails fast: it runs to its timeout.
    const wait = await api.call(
      'GET',
      `/apps/revert-shop/machines/${id}/wait?state=started&timeout=1&version=${updated.body.version}`,
    );
    expect(wait.status).toBe(408);
    const current = await api.call(
      'GET',
      `/apps/revert-shop/machines/${id}/wait?state=started&timeout=1&version=${before.body.version}`,
    );
    expect(current.status).toBe(200);
  });

  it('fails the start of a new machine, which has nothing to go back to', async () => {
    await sandbox.createApp('pull-fails', { machines: 0 });
    const image = 'registry.fly.io/pull-fails:unpullable';
    const created = await api.call<MachineBody>('POST', '/apps/pull-fails/machines', {
      body: { config: webConfig(image) },
    });
    expect(created.status).toBe(200);
    const failed = await eventually('the new machine failed', async () => {
      const machine = await api.call<MachineBody>('GET', `/apps/pull-fails/machines/${created.body.id}`);
      return machine.body.state === 'failed' ? machine.body : undefined;
    });
    expect(failed.events[0]).toMatchObject({
      type: 'start',
      status: 'failed',
      request: { error: `failed to pull image ${image}: manifest unknown` },
    });
  });

  it('leaves pullable images alone, whatever their name holds', async () => {
    const [id] = await sandbox.createApp('pull-ok', { machines: 1 });
    const image = 'registry.fly.io/unpullable:v2';
    const updated = await api.call<MachineBody>('POST', `/apps/pull-ok/machines/${id}`, {
      body: { config: webConfig(image) },
    });
    await eventually('started on the new version', async () => {
      const machine = await api.call<MachineBody>('GET', `/apps/pull-ok/machines/${id}`);
      return machine.body.state === 'started' && machine.body.version === updated.body.version
        ? true
        : undefined;
    });
    expect(sandbox.machines('pull-ok')[0]?.image).toBe(image);
  });
});

import { describe, expect, it } from 'vitest';
import { eventually, type Json, sandboxForFile, sandboxForTest, webConfig } from './helpers';

const { sandbox, api } = await sandboxForFile();

interface LeaseAnswer {
  status: string;
  data: { nonce: string; expires_at: number; owner: string; version: string };
}

const lease = (app: string, id: string, ttl: number, nonce?: string) =>
  api.call<LeaseAnswer & Json>(
    'POST',
    `/apps/${app}/machines/${id}/lease?ttl=${ttl}`,
    nonce ? { nonce } : {},
  );

describe('leases', () => {
  it('acquire answers the success envelope; a second acquire conflicts with 409', async () => {
    const [id] = await sandbox.createApp('lease-a', { machines: 1 });
    const first = await lease('lease-a', id!, 30);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('success');
    expect(first.body.data.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect(first.body.data.expires_at).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 29);
    expect(first.body.data.owner).toBeTruthy();
    const second = await lease('lease-a', id!, 30);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatch(/lease currently held/);
    expect((await api.call('GET', `/apps/lease-a/machines/${id}/lease`)).body).toMatchObject({
      data: { nonce: first.body.data.nonce },
    });
    expect(sandbox.machines('lease-a')[0]?.leaseHolder).toBe(first.body.data.owner);
  });

  it('refuses mutations without the nonce (412 by default), allows them with it', async () => {
    const [id] = await sandbox.createApp('lease-b', { machines: 1 });
    const { nonce } = (await lease('lease-b', id!, 30)).body.data;
    for (const [method, path, body] of [
      ['POST', `/apps/lease-b/machines/${id}/cordon`, undefined],
      ['POST', `/apps/lease-b/machines/${id}/stop`, undefined],
      ['POST', `/apps/lease-b/machines/${id}`, { config: webConfig('registry.fly.io/shop:v2') }],
      ['DELETE', `/apps/lease-b/machines/${id}?kill=true`, undefined],
    ] as const) {
      const missing = await api.call(method, path, body ? { body } : {});
      expect(missing.status, `${method} ${path}`).toBe(412);
      expect(missing.body.error).toMatch(/leased by .* no fly-machine-lease-nonce header/);
      const wrong = await api.call(method, path, { ...(body ? { body } : {}), nonce: 'not-the-nonce' });
      expect(wrong.status).toBe(412);
    }
    expect((await api.call('POST', `/apps/lease-b/machines/${id}/cordon`, { nonce })).status).toBe(200);
    expect(sandbox.machines('lease-b')[0]?.cordoned).toBe(true);
  });

  it('answers 409 for a missing nonce when configured so', async () => {
    const { sandbox: strict, api: strictApi } = await sandboxForTest({ leaseMismatchStatus: 409 });
    const [id] = await strict.createApp('lease-c', { machines: 0 }).then(async () => {
      const created = await strictApi.call<{ id: string }>('POST', '/apps/lease-c/machines', {
        body: { config: webConfig('registry.fly.io/shop:v1'), skip_launch: true },
      });
      return [created.body.id];
    });
    await strictApi.call('POST', `/apps/lease-c/machines/${id}/lease?ttl=30`);
    expect((await strictApi.call('POST', `/apps/lease-c/machines/${id}/start`)).status).toBe(409);
  });

  it('refresh with the nonce keeps it and moves the expiry; release frees the machine', async () => {
    const [id] = await sandbox.createApp('lease-d', { machines: 1 });
    const first = (await lease('lease-d', id!, 5)).body.data;
    const refreshed = await lease('lease-d', id!, 60, first.nonce);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.data.nonce).toBe(first.nonce);
    expect(refreshed.body.data.expires_at).toBeGreaterThan(first.expires_at);

    const wrongRelease = await api.call('DELETE', `/apps/lease-d/machines/${id}/lease`, { nonce: 'nope' });
    expect(wrongRelease.status).toBe(412);
    expect(
      (await api.call('DELETE', `/apps/lease-d/machines/${id}/lease`, { nonce: first.nonce })).status,
    ).toBe(200);
    expect((await api.call('GET', `/apps/lease-d/machines/${id}/lease`)).status).toBe(404);
    expect((await api.call('POST', `/apps/lease-d/machines/${id}/cordon`)).status).toBe(200);
    const again = await lease('lease-d', id!, 5);
    expect(again.status).toBe(200);
    expect(again.body.data.nonce).not.toBe(first.nonce);
  });

  it('expires: after the TTL another client can acquire and the old nonce is no longer needed', async () => {
    const [id] = await sandbox.createApp('lease-e', { machines: 1 });
    await lease('lease-e', id!, 1);
    expect((await lease('lease-e', id!, 1)).status).toBe(409);
    const next = await eventually(
      'the lease to expire',
      async () => {
        const answer = await lease('lease-e', id!, 30);
        return answer.status === 200 ? answer : undefined;
      },
      5_000,
    );
    expect(next.body.status).toBe('success');
  });

  it('create with lease_ttl returns the machine leased, its nonce in `nonce`', async () => {
    await sandbox.createApp('lease-f', { machines: 0 });
    const created = await api.call<Json & { id: string; nonce: string }>('POST', '/apps/lease-f/machines', {
      body: { config: webConfig('registry.fly.io/shop:v1'), lease_ttl: 300 },
    });
    expect(created.body.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect((await lease('lease-f', created.body.id, 30)).status).toBe(409);
    expect((await api.call('POST', `/apps/lease-f/machines/${created.body.id}/cordon`)).status).toBe(412);
    const leaseNow = await api.call<LeaseAnswer>('GET', `/apps/lease-f/machines/${created.body.id}/lease`);
    expect(leaseNow.body.data.nonce).toBe(created.body.nonce);
    // A plain GET does not show the nonce.
    expect((await api.call('GET', `/apps/lease-f/machines/${created.body.id}`)).body).not.toHaveProperty(
      'nonce',
    );
  });

  it('holdLease fault: someone else holds the lease', async () => {
    const [id] = await sandbox.createApp('lease-g', { machines: 1 });
    sandbox.faults.holdLease('lease-g', id!, 'deployer@elsewhere');
    const conflict = await lease('lease-g', id!, 30);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatch(/deployer@elsewhere/);
    expect(sandbox.machines('lease-g')[0]?.leaseHolder).toBe('deployer@elsewhere');
    sandbox.faults.clear();
    expect((await lease('lease-g', id!, 30)).status).toBe(200);
  });
});

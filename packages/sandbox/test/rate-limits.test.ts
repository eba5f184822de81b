import { describe, expect, it } from 'vitest';
import { MachineRateLimits } from '../src/rate-limits';
import { sandboxForFile } from './helpers';

describe('per-machine, per-action limits (token buckets on a fake clock)', () => {
  it('lets a burst of 3 actions through, then one a second, and says how long to wait', () => {
    let now = 0;
    const limits = new MachineRateLimits({}, () => now);
    const cordon = () => limits.take('m1', 'POST', '/v1/apps/{app}/machines/{id}/cordon');
    expect([cordon(), cordon(), cordon()]).toEqual([undefined, undefined, undefined]);
    expect(cordon()).toEqual({ retryAfterSeconds: 1 });
    now += 500;
    expect(cordon()).toEqual({ retryAfterSeconds: 1 });
    now += 500;
    expect(cordon()).toBeUndefined();
    expect(cordon()).toEqual({ retryAfterSeconds: 1 });
  });

  it('keeps one bucket per machine and per action, and a larger one for reading a machine', () => {
    let now = 0;
    const limits = new MachineRateLimits({}, () => now);
    for (let i = 0; i < 3; i++) limits.take('m1', 'POST', '/v1/apps/{app}/machines/{id}/cordon');
    expect(limits.take('m1', 'POST', '/v1/apps/{app}/machines/{id}/cordon')).toBeDefined();
    expect(limits.take('m2', 'POST', '/v1/apps/{app}/machines/{id}/cordon')).toBeUndefined();
    expect(limits.take('m1', 'POST', '/v1/apps/{app}/machines/{id}/uncordon')).toBeUndefined();
    const read = () => limits.take('m1', 'GET', '/v1/apps/{app}/machines/{id}');
    const answers = Array.from({ length: 11 }, read);
    expect(answers.filter((answer) => answer === undefined)).toHaveLength(10);
    expect(answers[10]).toEqual({ retryAfterSeconds: 1 });
    now += 200;
    expect(read()).toBeUndefined();
  });
});

describe('the sandbox with machineRateLimits', async () => {
  // Fly's bursts, with a refill so slow that a busy machine cannot earn a request back during the test.
  const { sandbox, api } = await sandboxForFile({ machineRateLimits: { perSecond: 0.001 } });
  const [first, second] = await sandbox.createApp('limited', { machines: 2 });

  it('answers 429 with Retry-After past a machine action burst, and only for that machine and action', async () => {
    const cordon = (id: string | undefined) => api.call('POST', `/apps/limited/machines/${id}/cordon`);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await cordon(first)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await cordon(first);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'rate limit exceeded' });
    expect(Number(limited.headers.get('retry-after'))).toBe(1000);
    expect((await cordon(second)).status).toBe(200);
    expect((await api.call('POST', `/apps/limited/machines/${first}/uncordon`)).status).toBe(200);
    expect(sandbox.requests.filter((request) => request.status === 429).length).toBeGreaterThanOrEqual(1);
  });

  it('does not limit app-wide calls such as listing machines', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.call('GET', '/apps/limited/machines').then((answer) => answer.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe('the sandbox with machineRateLimits and no Retry-After', async () => {
  const { sandbox, api } = await sandboxForFile({
    machineRateLimits: { retryAfter: false, burst: 1, perSecond: 0.001 },
  });
  const [id] = await sandbox.createApp('limited-quiet', { machines: 1 });

  it('answers 429 without the header', async () => {
    expect((await api.call('POST', `/apps/limited-quiet/machines/${id}/cordon`)).status).toBe(200);
    const limited = await api.call('POST', `/apps/limited-quiet/machines/${id}/cordon`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
  });
});

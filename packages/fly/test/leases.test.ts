import { createRecordingLogger } from '@shipgate/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlyApi } from '../src/api';
import { LeaseSet } from '../src/deploy/leases';

afterEach(() => {
  vi.useRealTimers();
});

describe('LeaseSet', () => {
  it('releases only after a refresh in flight has landed, so the refresh cannot lease the machine again', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    let finishRefresh: () => void = () => {};
    const api = {
      acquireLease: async () => ({ nonce: 'n1' }),
      refreshLease: () => {
        calls.push('refresh sent');
        return new Promise<void>((resolve) => {
          finishRefresh = () => {
            calls.push('refresh landed');
            resolve();
          };
        });
      },
      releaseLease: async () => {
        calls.push('release');
      },
    } as unknown as FlyApi;
    const leases = new LeaseSet(api, 'shop', 2, createRecordingLogger());
    await leases.acquireAll(['m1'], 'test');
    leases.startRefreshing();
    await vi.advanceTimersByTimeAsync(400);
    expect(calls).toEqual(['refresh sent']);
    const released = leases.releaseAll();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual(['refresh sent']);
    finishRefresh();
    await released;
    expect(calls).toEqual(['refresh sent', 'refresh landed', 'release']);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRequest } from '../src/deploy/deploy';
import {
  configsMatch,
  deployableMachines,
  imageHistory,
  isConverged,
  maxUnavailableCount,
  newReleaseId,
  planScale,
  type ReleaseRecord,
  readReleaseRecord,
  shouldSkipLaunch,
  writeReleaseRecord,
} from '../src/deploy/index';
import { checksPassing, releaseMetadata, splitColdWarm, withReleaseMetadata } from '../src/deploy/plan';
import { runPool } from '../src/deploy/pool';
import { latestExitCode } from '../src/deploy/release-command';
import { freshMachineConfig } from '../src/deploy/scale';
import { groupConfig } from '../src/deploy/target';
import type { Machine, MachineConfig } from '../src/machine-types';

function machine(id: string, overrides: Partial<Machine> = {}, config: Partial<MachineConfig> = {}): Machine {
  return {
    id,
    state: 'started',
    region: 'ord',
    config: {
      image: 'app:v1',
      metadata: { fly_platform_version: 'v2', fly_process_group: 'app' },
      ...config,
    },
    ...overrides,
  };
}

describe('max unavailable', () => {
  it('takes a fraction of the started machines, rounded up, never below 1', () => {
    expect(maxUnavailableCount(0.33, 3)).toBe(1);
    expect(maxUnavailableCount(0.33, 10)).toBe(4);
    expect(maxUnavailableCount(0.5, 0)).toBe(1);
    expect(maxUnavailableCount(0.01, 1)).toBe(1);
  });
  it('takes 1 and above as a count', () => {
    expect(maxUnavailableCount(1, 10)).toBe(1);
    expect(maxUnavailableCount(3, 2)).toBe(3);
  });
  it('is refused at zero, negative or NaN by the one engine guard, before any plan', () => {
    const request = { app: 'shop', strategy: 'rolling' as const, waitTimeoutMs: 1000 };
    for (const maxUnavailable of [0, -1, Number.NaN]) {
      expect(() => checkRequest({ ...request, maxUnavailable })).toThrow(/maxUnavailable must be positive/);
    }
    expect(() => checkRequest({ ...request, maxUnavailable: 0.33 })).not.toThrow();
  });
});

describe('which machines a deploy touches, and in what order', () => {
  it('skips destroyed machines and one-off groups, keeps v2 machines when any are marked', () => {
    const list = [
      machine('b'),
      machine('a'),
      machine('c', { state: 'destroyed' }),
      machine(
        'd',
        {},
        { metadata: { fly_platform_version: 'v2', fly_process_group: 'fly_app_release_command' } },
      ),
      machine('e', {}, { metadata: {} }),
    ];
    expect(deployableMachines(list).map((entry) => entry.id)).toEqual(['a', 'b']);
  });
  it('takes unmarked machines when none are v2', () => {
    expect(deployableMachines([machine('x', {}, { metadata: {} })]).map((entry) => entry.id)).toEqual(['x']);
  });
  it('puts cold machines first, each list by id', () => {
    const plans = [
      machine('3'),
      machine('1', { state: 'stopped' }),
      machine('2'),
      machine('0', { state: 'created' }),
    ].map((entry) => ({ machine: entry }));
    const { cold, warm } = splitColdWarm(plans);
    expect(cold.map((plan) => plan.machine.id)).toEqual(['0', '1']);
    expect(warm.map((plan) => plan.machine.id)).toEqual(['2', '3']);
  });
  it('keeps a machine stopped unless it was started, starting or failed (flyctl)', () => {
    expect(shouldSkipLaunch('started')).toBe(false);
    expect(shouldSkipLaunch('failed')).toBe(false);
    expect(shouldSkipLaunch('starting')).toBe(false);
    expect(shouldSkipLaunch('stopped')).toBe(true);
    expect(shouldSkipLaunch('created')).toBe(true);
    expect(shouldSkipLaunch('suspended')).toBe(true);
  });
});

describe('convergence', () => {
  const checks = { checks: { alive: { type: 'http', port: 8080, path: '/' } } };
  it('ignores release bookkeeping when comparing configs', () => {
    const current = machine('a', {}, { metadata: { fly_process_group: 'app', shipgate_release_id: 'r1' } });
    const target = withReleaseMetadata(current.config, releaseMetadata(current, 'r2'));
    expect(configsMatch(current.config, target)).toBe(true);
    expect(isConverged(current, target)).toBe(true);
  });
  it('sees a different image or env as a change', () => {
    const current = machine('a');
    expect(configsMatch(current.config, { ...current.config, image: 'app:v2' })).toBe(false);
    expect(configsMatch(current.config, { ...current.config, env: { A: '1' } })).toBe(false);
  });
  it('does not count a machine whose checks are not passing as converged', () => {
    const failing = machine('a', { checks: [{ name: 'alive', status: 'critical' }] }, checks);
    expect(isConverged(failing, failing.config)).toBe(false);
    const empty = machine('a', { checks: [] }, checks);
    expect(checksPassing(empty)).toBe(false);
    const passing = machine('a', { checks: [{ name: 'alive', status: 'passing' }] }, checks);
    expect(isConverged(passing, passing.config)).toBe(true);
  });
});

describe('release metadata', () => {
  it('remembers the image a healthy machine leaves, newest first, ten at most', () => {
    const history = Array.from({ length: 10 }, (_, index) => `app:old${index}`);
    const current = machine(
      'a',
      {},
      {
        image: 'app:v1',
        metadata: { shipgate_images: JSON.stringify(history), shipgate_release_id: 'r1' },
      },
    );
    const metadata = releaseMetadata(current, 'r2');
    expect(metadata.shipgate_release_id).toBe('r2');
    expect(metadata.fly_release_id).toBe('r2');
    expect(metadata.shipgate_previous_image).toBe('app:v1');
    expect(metadata.shipgate_previous_release_id).toBe('r1');
    const images = JSON.parse(metadata.shipgate_images!);
    expect(images[0]).toBe('app:v1');
    expect(images).toHaveLength(10);
  });
  it('does not vouch for an image a failed machine ran', () => {
    const metadata = releaseMetadata(machine('a', { state: 'failed' }), 'r2');
    expect(JSON.parse(metadata.shipgate_images!)).toEqual([]);
  });
  it('reads a malformed history as empty', () => {
    expect(imageHistory({ image: 'x', metadata: { shipgate_images: 'not json' } })).toEqual([]);
  });
  it('makes time-ordered ids', () => {
    const first = newReleaseId(1_000);
    const second = newReleaseId(1_000);
    const third = newReleaseId(2_000);
    expect([third, second, first].sort()).toEqual([first, second, third]);
  });
});

describe('target config', () => {
  it('keeps the machine config and changes image, env and guest when fly.toml gives no group', () => {
    const existing: MachineConfig = {
      image: 'app:v1',
      env: { A: '1' },
      guest: { cpus: 1, memory_mb: 256 },
      schedule: 'daily',
    };
    const config = groupConfig(existing, 'app', {
      image: 'app:v2',
      env: { B: '2' },
      guest: { app: { memoryMb: 512 } },
    })!;
    expect(config).toEqual({
      image: 'app:v2',
      env: { A: '1', B: '2' },
      guest: { cpus: 1, memory_mb: 512 },
      schedule: 'daily',
    });
    expect(existing.image).toBe('app:v1');
  });
  it('gives a brand-new machine an empty release history', () => {
    const config = freshMachineConfig(
      {
        image: 'app:v2',
        metadata: { fly_process_group: 'app', shipgate_images: '["app:v1"]', fly_canary: 'true' },
      },
      'r9',
    );
    expect(config.metadata).toEqual({
      fly_process_group: 'app',
      shipgate_release_id: 'r9',
      fly_release_id: 'r9',
      shipgate_images: '[]',
    });
  });
});

describe('scaling plan', () => {
  it('creates what is missing and destroys the newest surplus first, only in the listed regions', () => {
    const list = [
      machine('a', { region: 'ord', created_at: '2024-01-01T00:00:00Z' }),
      machine('b', { region: 'ord', created_at: '2024-03-01T00:00:00Z' }),
      machine('c', { region: 'ord', created_at: '2024-02-01T00:00:00Z' }),
      machine('d', { region: 'lhr' }),
      machine('e', { region: 'syd' }),
    ];
    const plan = planScale(list, 'app', { count: 1, regions: ['ord', 'lhr', 'ams'] });
    expect(plan.create).toEqual(['ams']);
    expect(plan.destroy.map((entry) => entry.id)).toEqual(['b', 'c']);
  });
  it('refuses a count that is not a whole number', () => {
    expect(() => planScale([], 'app', { count: 1.5, regions: ['ord'] })).toThrow(/whole number/);
  });
});

describe('rollout pool', () => {
  it('keeps the pool full instead of waiting for a whole batch', async () => {
    const order: string[] = [];
    let inFlight = 0;
    let most = 0;
    const durations: Record<string, number> = { a: 40, b: 5, c: 5, d: 5 };
    const result = await runPool(['a', 'b', 'c', 'd'], 2, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, durations[item]));
      inFlight--;
      order.push(item);
      return true;
    });
    expect(result).toEqual({ ok: true, notStarted: [] });
    expect(most).toBe(2);
    // b, c and d all finish while a (slow) is still running: a continuous pool, not lockstep batches.
    expect(order).toEqual(['b', 'c', 'd', 'a']);
  });
  it('stops feeding after a failure and lets the ones in flight finish', async () => {
    const finished: string[] = [];
    const result = await runPool(['a', 'b', 'c', 'd', 'e'], 2, async (item) => {
      await new Promise((resolve) => setTimeout(resolve, item === 'b' ? 20 : 1));
      finished.push(item);
      return item !== 'a';
    });
    expect(result.ok).toBe(false);
    expect(finished).toContain('b');
    expect(result.notStarted).toEqual(['c', 'd', 'e']);
  });
});

describe('release command exit code', () => {
  it('reads the newest exit event', () => {
    const exited = machine('rc', {
      events: [
        { type: 'exit', timestamp: 1, request: { exit_event: { exit_code: 0 } } },
        { type: 'exit', timestamp: 3, request: { exit_event: { exit_code: 2 } } },
        { type: 'start', timestamp: 2 },
      ],
    });
    expect(latestExitCode(exited)).toBe(2);
    expect(latestExitCode(machine('rc'))).toBeNull();
  });
});

describe('release record file', () => {
  const record: ReleaseRecord = {
    version: 1,
    id: 'r1',
    kind: 'deploy',
    app: 'shop',
    image: 'app:v2',
    previousImage: 'app:v1',
    strategy: 'rolling',
    startedAt: '2024-01-01T00:00:00.000Z',
    finishedAt: '2024-01-01T00:00:10.000Z',
    durationMs: 10_000,
    outcome: 'succeeded',
    machines: [
      {
        id: 'm1',
        region: 'ord',
        group: 'app',
        action: 'updated',
        previous: { image: 'app:v1', config: { image: 'app:v1', env: { A: '1' } }, version: 'v1' },
        next: { image: 'app:v2', version: 'v2' },
        final: 'new',
        state: 'started',
        checks: [{ name: 'alive', status: 'passing' }],
        timings: { updateStartedAt: '2024-01-01T00:00:01.000Z', finishedAt: '2024-01-01T00:00:05.000Z' },
      },
    ],
    timeline: [{ at: 1000, machineId: 'm1', phase: 'update', detail: 'app:v2' }],
  };
  it('writes and reads back the same record', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'record-')), 'nested', 'release.json');
    await writeReleaseRecord(path, record);
    expect(await readReleaseRecord(path)).toEqual(record);
  });
  it('names the field that is wrong', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'record-')), 'bad.json');
    await writeFile(path, JSON.stringify({ ...record, outcome: 'maybe' }));
    await expect(readReleaseRecord(path)).rejects.toThrow(/outcome/);
  });
});

import { describe, expect, it } from 'vitest';
import { loadFlyToml, machineConfigs, mergeMachineConfig, mountChange } from '../src/config';
import type { MachineConfig } from '../src/machine-types';

const newImage = 'registry.fly.io/shop:deployment-2';

/** A machine as `fly machine run/update` and an earlier deploy left it. */
function existingConfig(): MachineConfig {
  return {
    image: 'registry.fly.io/shop:deployment-1',
    env: { OLD: '1', FLY_PROCESS_GROUP: 'app' },
    init: { cmd: ['old'], tty: true, kernel_args: ['quiet'] },
    guest: { cpu_kind: 'performance', cpus: 2, memory_mb: 4096 },
    metadata: {
      fly_process_group: 'app',
      fly_platform_version: 'v2',
      fly_release_id: 'rel_1',
      team: 'payments',
    },
    services: [{ protocol: 'tcp', internal_port: 1111 }],
    checks: { stale: { type: 'tcp', port: 1111 } },
    restart: { policy: 'always' },
    metrics: { port: 9000, path: '/old' },
    stop_config: { signal: 'SIGUSR1' },
    schedule: 'daily',
    auto_destroy: true,
    standbys: ['148ed123456789'],
    dns: { nameservers: ['1.1.1.1'] },
    future_field: { kept: ['as', 'is'] },
  };
}

function desiredFrom(text: string): MachineConfig {
  return machineConfigs(loadFlyToml(text, 'fly.toml').config).app!;
}

describe('mergeMachineConfig', () => {
  it('keeps what only fly machine run/update sets and replaces what fly.toml owns', () => {
    const desired = desiredFrom('[env]\n  NEW = "2"\n[processes]\n  app = "node server.js"\n');
    expect(mergeMachineConfig(existingConfig(), desired, newImage)).toEqual({
      image: newImage,
      env: { NEW: '2', FLY_PROCESS_GROUP: 'app' },
      init: { cmd: ['node', 'server.js'], tty: true, kernel_args: ['quiet'] },
      guest: { cpu_kind: 'performance', cpus: 2, memory_mb: 4096 },
      metadata: {
        fly_process_group: 'app',
        fly_platform_version: 'v2',
        fly_release_id: 'rel_1',
        team: 'payments',
      },
      schedule: 'daily',
      auto_destroy: true,
      standbys: ['148ed123456789'],
      dns: { nameservers: ['1.1.1.1'] },
      future_field: { kept: ['as', 'is'] },
    });
  });

  it('replaces services, checks, restart, metrics and stop_config, and the guest when fly.toml has [[vm]]', () => {
    const desired = desiredFrom(
      [
        'kill_timeout = 10',
        '[http_service]',
        '  internal_port = 3000',
        '[checks.alive]',
        '  type = "tcp"',
        '[[restart]]',
        '  policy = "on-failure"',
        '[metrics]',
        '  port = 9091',
        '  path = "/metrics"',
        '[[vm]]',
        '  size = "shared-cpu-1x"',
      ].join('\n'),
    );
    const merged = mergeMachineConfig(existingConfig(), desired, newImage);
    expect(merged.services).toEqual(desired.services);
    expect(merged.checks).toEqual({ alive: { type: 'tcp', port: 3000 } });
    expect(merged.restart).toEqual({ policy: 'on-failure' });
    expect(merged.metrics).toEqual({ port: 9091, path: '/metrics' });
    expect(merged.stop_config).toEqual({ timeout: '10s' });
    expect(merged.guest).toEqual({ cpu_kind: 'shared', cpus: 1, memory_mb: 256 });
    // A standby that now has services stops being a standby, as flyctl does.
    expect(merged).not.toHaveProperty('standbys');
  });

  it('adds fly.toml metadata over the existing keys', () => {
    const existing = existingConfig();
    existing.metadata = { ...existing.metadata, fly_process_group: 'web' };
    const merged = mergeMachineConfig(existing, desiredFrom('app = "x"'), newImage);
    expect(merged.metadata).toEqual({
      fly_process_group: 'app',
      fly_platform_version: 'v2',
      fly_release_id: 'rel_1',
      team: 'payments',
    });
  });

  it('does not mutate its inputs', () => {
    const existing = existingConfig();
    const desired = desiredFrom(
      '[http_service]\n  internal_port = 3000\n[[mounts]]\n  source = "d"\n  destination = "/d"\n',
    );
    const existingBefore = structuredClone(existing);
    const desiredBefore = structuredClone(desired);
    const merged = mergeMachineConfig(existing, desired, newImage);
    expect(existing).toEqual(existingBefore);
    expect(desired).toEqual(desiredBefore);
    merged.metadata!.added = 'later';
    merged.services![0]!.internal_port = 1;
    (merged.future_field as { kept: string[] }).kept.push('changed');
    expect(existing).toEqual(existingBefore);
    expect(desired).toEqual(desiredBefore);
  });

  it('builds a fresh config when there is no machine yet', () => {
    const desired = desiredFrom('[env]\n  A = "b"\n');
    expect(mergeMachineConfig(undefined, desired, newImage)).toEqual({ ...desired, image: newImage });
  });

  describe('mounts', () => {
    const withVolume = (mount: Record<string, unknown>): MachineConfig => ({
      ...existingConfig(),
      mounts: [{ volume: 'vol_123', name: 'data', path: '/data', size_gb: 3, encrypted: true, ...mount }],
    });

    it('keeps the attached volume and follows fly.toml for its path and auto-extension', () => {
      const desired = desiredFrom(
        '[mounts]\n  source = "data"\n  destination = "/var/data"\n  auto_extend_size_threshold = 90\n',
      );
      const merged = mergeMachineConfig(withVolume({ add_size_gb: 5 }), desired, newImage);
      expect(merged.mounts).toEqual([
        {
          volume: 'vol_123',
          name: 'data',
          path: '/var/data',
          size_gb: 3,
          encrypted: true,
          extend_threshold_percent: 90,
        },
      ]);
      expect(mountChange(withVolume({}), desired)).toBeUndefined();
    });

    it.each([
      ['removed from fly.toml', 'app = "x"', /has volume vol_123 but fly.toml has no mounts/],
      [
        'renamed',
        '[mounts]\n  source = "other"\n  destination = "/data"\n',
        /has volume 'data' but fly.toml mounts 'other'/,
      ],
    ])('asks for a replacement when the volume is %s', (_name, text, reason) => {
      expect(mountChange(withVolume({}), desiredFrom(text))).toMatch(reason);
    });

    it('asks for a replacement when fly.toml adds a volume to a machine without one', () => {
      const desired = desiredFrom('[mounts]\n  source = "data"\n  destination = "/data"\n');
      expect(mountChange(existingConfig(), desired)).toMatch(/mounts volume 'data' and the machine has none/);
      expect(mergeMachineConfig(existingConfig(), desired, newImage).mounts).toEqual([
        { name: 'data', path: '/data' },
      ]);
    });
  });
});

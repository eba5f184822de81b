import { readFileSync } from 'node:fs';
import { ConfigError } from '@shipgate/kit/config';
import { describe, expect, it } from 'vitest';
import { loadFlyToml } from '../src/config';

const shopAppToml = readFileSync(new URL('../../../examples/shop-app/fly.toml', import.meta.url), 'utf8');

function loadError(text: string): ConfigError {
  try {
    loadFlyToml(text, 'fly.toml');
  } catch (thrown) {
    if (thrown instanceof ConfigError) return thrown;
    throw thrown;
  }
  throw new Error('expected a ConfigError');
}

describe('loadFlyToml', () => {
  it('reads the example app, durations in ms and memory in MB', () => {
    expect(loadFlyToml(shopAppToml, 'fly.toml')).toEqual({
      config: {
        app: 'shop-app-staging',
        primary_region: 'iad',
        build: { image: 'registry.fly.io/shop-app:latest' },
        env: { NODE_ENV: 'production', PORT: '3000' },
        deploy: { strategy: 'rolling', release_command: 'npx prisma generate' },
        http_service: {
          internal_port: 3000,
          force_https: true,
          auto_stop_machines: 'stop',
          auto_start_machines: true,
          min_machines_running: 1,
          checks: [
            { grace_period: 10_000, interval: 15_000, method: 'GET', path: '/healthz', timeout: 2_000 },
          ],
        },
        vm: [{ size: 'shared-cpu-1x', memory: 1024 }],
      },
      warnings: [],
    });
  });

  it('reads single tables where lists are usual, numbers in [env] as strings, numeric durations as seconds', () => {
    const { config } = loadFlyToml(
      [
        'kill_timeout = 30',
        '[env]',
        '  WORKERS = 4',
        '  DEBUG = false',
        '[metrics]',
        '  port = 9091',
        '  path = "/metrics"',
        '[mounts]',
        '  source = "data"',
        '  destination = "/data"',
        '[deploy]',
        '  wait_timeout = "2m"',
      ].join('\n'),
      'fly.toml',
    );
    expect(config.env).toEqual({ WORKERS: '4', DEBUG: 'false' });
    expect(config.kill_timeout).toBe(30_000);
    expect(config.metrics).toEqual([{ port: 9091, path: '/metrics' }]);
    expect(config.mounts).toEqual([{ source: 'data', destination: '/data' }]);
    expect(config.deploy?.wait_timeout).toBe(120_000);
  });

  it('warns about every unknown key with its line, and keeps the rest', () => {
    const text = [
      'app = "shop"', // 1
      'regoin = "iad"', // 2
      '[http_service]', // 3
      '  internal_port = 3000', // 4
      '  auto_stop = true', // 5
      '  [[http_service.checks]]', // 6
      '    path = "/healthz"', // 7
      '    intervl = "15s"', // 8
      '[[services]]', // 9
      '  protocol = "tcp"', // 10
      '  internal_port = 9000', // 11
      '[[services]]', // 12
      '  protocol = "udp"', // 13
      '  internal_port = 53', // 14
      '  [[services.ports]]', // 15
      '    port = 53', // 16
      '    weight = 2', // 17
      '[metrics]', // 18
      '  port = 9091', // 19
      '  path = "/metrics"', // 20
      '  scrape = true', // 21
      '[swarm]', // 22
      '  size = 3', // 23
      '[checks.db]', // 24
      '  type = "tcp"', // 25
      '  port = 5432', // 26
      '  headers = { X = "1" }', // 27
      '  probe = { every = "5s" }', // 28
    ].join('\n');
    const { config, warnings } = loadFlyToml(text, 'fly.toml');
    expect(warnings).toEqual([
      "fly.toml:2: unknown key 'regoin'; it is not deployed",
      "fly.toml:5: unknown key 'http_service.auto_stop'; it is not deployed",
      "fly.toml:8: unknown key 'http_service.checks[0].intervl'; it is not deployed",
      "fly.toml:17: unknown key 'services[1].ports[0].weight'; it is not deployed",
      "fly.toml:21: unknown key 'metrics.scrape'; it is not deployed",
      "fly.toml:22: unknown key 'swarm'; it is not deployed",
      "fly.toml:28: unknown key 'checks.db.probe'; it is not deployed",
    ]);
    expect(config.http_service).toEqual({ internal_port: 3000, checks: [{ path: '/healthz' }] });
    expect(config.services?.[1]?.ports).toEqual([{ port: 53 }]);
    expect(config.checks?.db).toEqual({ type: 'tcp', port: 5432, headers: { X: '1' } });
    expect(config).not.toHaveProperty('swarm');
  });

  it('names the source it is given', () => {
    expect(loadFlyToml('nope = 1', 'deploy/fly.staging.toml').warnings).toEqual([
      "deploy/fly.staging.toml:1: unknown key 'nope'; it is not deployed",
    ]);
  });

  it.each([
    [
      'a string for a port',
      '[http_service]\n  internal_port = "3000"\n',
      'fly.toml:2:19: http_service.internal_port: Invalid input: expected number, received string',
    ],
    [
      'a bad duration in a list of tables',
      '[http_service]\ninternal_port = 8080\n\n[[http_service.checks]]\n  path = "/"\n\n[[http_service.checks]]\n  interval = "15 seconds"\n',
      `fly.toml:8:14: http_service.checks[1].interval: '15 seconds' is not a duration: write it like "15s" or "1m30s", or a number of seconds`,
    ],
    [
      'an unknown strategy',
      '[deploy]\nstrategy = "yolo"\n',
      'fly.toml:2:12: deploy.strategy: Invalid option: expected one of "immediate"|"rolling"|"bluegreen"|"canary"',
    ],
    [
      'a bad memory size in a one-table [vm]',
      '[vm]\n  memory = "lots"\n',
      `fly.toml:2:12: vm.memory: invalid memory size 'lots': write a size like "512mb" or "1gb", or a number of megabytes`,
    ],
    [
      'an unknown VM size',
      '[[vm]]\n  size = "shared-cpu-3x"\n',
      'fly.toml:2:10: vm[0].size: unknown VM size',
    ],
    [
      'a wrong auto_stop_machines',
      '[http_service]\ninternal_port = 80\nauto_stop_machines = "sometimes"\n',
      'fly.toml:3:22: http_service.auto_stop_machines: expected true, false, "off", "stop" or "suspend"',
    ],
    [
      'a header value of the wrong type, written inline',
      '[[services]]\nprotocol = "tcp"\ninternal_port = 80\n  [[services.http_checks]]\n  headers = { Host = 1 }\n',
      'fly.toml:5:22: services[0].http_checks[0].headers.Host',
    ],
    [
      'a missing required key',
      '[[services]]\n  protocol = "tcp"\n',
      'fly.toml:1:1: services[0].internal_port: required, expected number',
    ],
    [
      'a check without a type',
      '[checks.alive]\n  port = 8080\n',
      'fly.toml:1:1: checks.alive.type: required, one of "http", "tcp"',
    ],
    [
      'a restart policy flyctl does not know',
      '[[restart]]\n  policy = "no"\n',
      'fly.toml:2:12: restart[0].policy: Invalid option',
    ],
    [
      'an unsplittable process command',
      '[processes]\n  web = "node \'server.js"\n',
      'fly.toml:2:9: processes.web: unclosed single quote',
    ],
    [
      'an unsplittable [experimental] cmd',
      '[experimental]\n  cmd = "a \'b"\n',
      'fly.toml:2:9: experimental.cmd: unclosed single quote',
    ],
    ['an env table', '[env]\n  [env.nested]\n  A = "b"\n', 'fly.toml:2:3: env.nested: expected a string'],
    [
      'a wrong value in a list',
      '[http_service]\ninternal_port = 80\nprocesses = ["web", 2]\n',
      'fly.toml:3:21: http_service.processes[1]: Invalid input: expected string, received number',
    ],
  ])('locates %s', (_name, text, message) => {
    const error = loadError(text);
    expect(error.message.startsWith(message), error.message).toBe(true);
    expect(error.source).toBe('fly.toml');
  });

  it('still reports type errors when the same table has unknown keys', () => {
    expect(loadError('[http_service]\n  mystery = 1\n  internal_port = true\n').message).toBe(
      'fly.toml:3:19: http_service.internal_port: Invalid input: expected number, received boolean',
    );
  });

  it.each([
    ['an unclosed string', 'app = "shop\nprimary_region = "iad"\n', /^fly\.toml:1:\d+: invalid TOML: /],
    ['a duplicate key', 'app = "a"\napp = "b"\n', /^fly\.toml:2:\d+: invalid TOML: /],
    ['a broken header', '[http_service\ninternal_port = 1\n', /^fly\.toml:1:\d+: invalid TOML: /],
  ])('locates a TOML syntax error: %s', (_name, text, message) => {
    const error = loadError(text);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.line).toBe(Number(/^fly\.toml:(\d+)/.exec(error.message)![1]));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deploySettings, loadFlyToml, machineConfigs, releaseCommandConfig } from '../src/config';

const shopAppToml = readFileSync(new URL('../../../examples/shop-app/fly.toml', import.meta.url), 'utf8');

function configsOf(text: string) {
  return machineConfigs(loadFlyToml(text, 'fly.toml').config);
}

describe('machineConfigs', () => {
  it('builds the example app exactly', () => {
    expect(configsOf(shopAppToml)).toEqual({
      app: {
        image: 'registry.fly.io/shop-app:latest',
        env: { NODE_ENV: 'production', PORT: '3000', FLY_PROCESS_GROUP: 'app', PRIMARY_REGION: 'iad' },
        init: {},
        metadata: { fly_platform_version: 'v2', fly_process_group: 'app' },
        guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 1024 },
        services: [
          {
            protocol: 'tcp',
            internal_port: 3000,
            ports: [
              { port: 80, handlers: ['http'], force_https: true },
              { port: 443, handlers: ['http', 'tls'] },
            ],
            autostop: 'stop',
            autostart: true,
            min_machines_running: 1,
            checks: [
              {
                type: 'http',
                interval: '15s',
                timeout: '2s',
                grace_period: '10s',
                method: 'GET',
                path: '/healthz',
              },
            ],
          },
        ],
      },
    });
  });

  it('leaves the image empty without [build] image, and omits what fly.toml does not set', () => {
    expect(configsOf('app = "bare"')).toEqual({
      app: {
        image: '',
        env: { FLY_PROCESS_GROUP: 'app' },
        init: {},
        metadata: { fly_platform_version: 'v2', fly_process_group: 'app' },
      },
    });
  });

  it('maps http_service options and concurrency; force_https off leaves port 80 plain', () => {
    const { app } = configsOf(
      [
        '[http_service]',
        '  internal_port = 8080',
        '  auto_stop_machines = false',
        '  [http_service.concurrency]',
        '    type = "requests"',
        '    soft_limit = 20',
        '    hard_limit = 25',
        '  [[http_service.checks]]',
        '    interval = "1m30s"',
        '    path = "/up"',
        '    method = "head"',
        '    protocol = "https"',
        '    tls_skip_verify = true',
        '    headers = { Host = "example.com" }',
      ].join('\n'),
    );
    expect(app!.services).toEqual([
      {
        protocol: 'tcp',
        internal_port: 8080,
        ports: [
          { port: 80, handlers: ['http'] },
          { port: 443, handlers: ['http', 'tls'] },
        ],
        concurrency: { type: 'requests', soft_limit: 20, hard_limit: 25 },
        autostop: false,
        checks: [
          {
            type: 'http',
            interval: '1m30s',
            path: '/up',
            method: 'HEAD',
            protocol: 'https',
            tls_skip_verify: true,
            headers: [{ name: 'Host', values: ['example.com'] }],
          },
        ],
      },
    ]);
  });

  it('maps [[services]] with ports, tcp then http checks and header maps, after http_service', () => {
    const { app } = configsOf(
      [
        '[http_service]',
        '  internal_port = 3000',
        '[[services]]',
        '  protocol = "tcp"',
        '  internal_port = 5432',
        '  auto_start_machines = false',
        '  [[services.ports]]',
        '    port = 5432',
        '    handlers = ["pg_tls"]',
        '  [[services.ports]]',
        '    start_port = 10000',
        '    end_port = 10010',
        '  [[services.http_checks]]',
        '    interval = "10s"',
        '    timeout = "2s"',
        '    method = "GET"',
        '    path = "/ready"',
        '    [services.http_checks.headers]',
        '      Authorization = "Bearer x"',
        '      Accept = ["application/json", "text/plain"]',
        '  [[services.tcp_checks]]',
        '    interval = "5s"',
        '    grace_period = 1',
        '    restart_limit = 3',
      ].join('\n'),
    );
    expect(app!.services).toHaveLength(2);
    expect(app!.services![0]!.internal_port).toBe(3000);
    expect(app!.services![1]).toEqual({
      protocol: 'tcp',
      internal_port: 5432,
      autostart: false,
      ports: [
        { port: 5432, handlers: ['pg_tls'] },
        { start_port: 10000, end_port: 10010 },
      ],
      checks: [
        { type: 'tcp', interval: '5s', grace_period: '1s' },
        {
          type: 'http',
          interval: '10s',
          timeout: '2s',
          method: 'GET',
          path: '/ready',
          headers: [
            { name: 'Authorization', values: ['Bearer x'] },
            { name: 'Accept', values: ['application/json', 'text/plain'] },
          ],
        },
      ],
    });
  });

  const processesToml = [
    'app = "multi"',
    'primary_region = "fra"',
    'swap_size_mb = 512',
    '[processes]',
    '  web = "node server.js --port 3000"',
    `  worker = "sh -c 'node worker.js \\"$QUEUE\\"'"`,
    '[env]',
    '  LOG = "info"',
    '[http_service]',
    '  internal_port = 3000',
    '  processes = ["web"]',
    '[[services]]',
    '  protocol = "tcp"',
    '  internal_port = 9090',
    '  processes = ["worker"]',
    '[[vm]]',
    '  size = "shared-cpu-2x"',
    '[[vm]]',
    '  size = "performance-2x"',
    '  memory = "8gb"',
    '  processes = ["worker"]',
    '[[restart]]',
    '  policy = "never"',
    '  processes = ["worker"]',
    '[[restart]]',
    '  policy = "on-failure"',
    '  retries = 5',
    '  processes = ["web"]',
    '[[mounts]]',
    '  source = "jobs"',
    '  destination = "/jobs"',
    '  processes = ["worker"]',
    '  auto_extend_size_threshold = 80',
    '  auto_extend_size_increment = "1GB"',
    '  auto_extend_size_limit = "10GB"',
  ].join('\n');

  it('builds one config per process group, filtering services, vm, restart and mounts by processes', () => {
    const configs = configsOf(processesToml);
    expect(Object.keys(configs)).toEqual(['web', 'worker']);
    const web = configs.web!;
    const worker = configs.worker!;
    expect(web.init).toEqual({ cmd: ['node', 'server.js', '--port', '3000'], swap_size_mb: 512 });
    expect(worker.init).toEqual({ cmd: ['sh', '-c', 'node worker.js "$QUEUE"'], swap_size_mb: 512 });
    expect(web.env).toEqual({ LOG: 'info', FLY_PROCESS_GROUP: 'web', PRIMARY_REGION: 'fra' });
    expect(worker.metadata).toEqual({ fly_platform_version: 'v2', fly_process_group: 'worker' });
    expect(web.services!.map((service) => service.internal_port)).toEqual([3000]);
    expect(worker.services!.map((service) => service.internal_port)).toEqual([9090]);
    expect(web.guest).toEqual({ cpu_kind: 'shared', cpus: 2, memory_mb: 512 });
    expect(worker.guest).toEqual({ cpu_kind: 'performance', cpus: 2, memory_mb: 8192 });
    expect(web.restart).toEqual({ policy: 'on-failure', max_retries: 5 });
    expect(worker.restart).toEqual({ policy: 'no' });
    expect(web.mounts).toBeUndefined();
    expect(worker.mounts).toEqual([
      { name: 'jobs', path: '/jobs', extend_threshold_percent: 80, add_size_gb: 1, size_gb_limit: 10 },
    ]);
  });

  it('gives sections without processes to the default group only (app, else the first group)', () => {
    const configs = configsOf(
      [
        '[processes]',
        '  web = "web"',
        '  cron = "cron"',
        '[http_service]',
        '  internal_port = 80',
        '[metrics]',
        '  port = 9091',
        '  path = "/metrics"',
      ].join('\n'),
    );
    expect(Object.keys(configs)).toEqual(['cron', 'web']);
    expect(configs.cron!.services).toHaveLength(1);
    expect(configs.cron!.metrics).toEqual({ port: 9091, path: '/metrics' });
    expect(configs.web!.services).toBeUndefined();
    expect(configs.web!.metrics).toBeUndefined();
  });

  it('refuses a processes list naming a group that does not exist', () => {
    expect(() =>
      configsOf('[processes]\n  web = "w"\n[http_service]\n  internal_port = 80\n  processes = ["wbe"]\n'),
    ).toThrow("fly.toml: http_service.processes: 'wbe' is not a process group (groups: web)");
  });

  describe('top-level checks', () => {
    it('take their port from http_service when they have none, and keep their own otherwise', () => {
      const { app } = configsOf(
        [
          '[http_service]',
          '  internal_port = 8080',
          '[checks.alive]',
          '  type = "http"',
          '  path = "/alive"',
          '  interval = "30s"',
          '  kind = "readiness"',
          '[checks.db]',
          '  type = "tcp"',
          '  port = 5432',
          '  timeout = "1s"',
        ].join('\n'),
      );
      expect(app!.checks).toEqual({
        alive: { type: 'http', port: 8080, path: '/alive', interval: '30s', kind: 'readiness' },
        db: { type: 'tcp', port: 5432, timeout: '1s' },
      });
    });

    it('are an error without a port when the group has no http_service', () => {
      expect(() => configsOf('[checks.alive]\n  type = "http"\n  path = "/alive"\n')).toThrow(
        "fly.toml: checks.alive: no port, and process group 'app' has no http_service to take it from",
      );
    });

    it('do not borrow the port of an http_service that belongs to another group', () => {
      const text = [
        '[processes]',
        '  app = "a"',
        '  api = "b"',
        '[http_service]',
        '  internal_port = 80',
        '  processes = ["app"]',
        '[checks.alive]',
        '  type = "tcp"',
        '  processes = ["api"]',
      ].join('\n');
      expect(() =>
        machineConfigs(loadFlyToml(text, 'fly.toml').config, { source: 'infra/fly.toml' }),
      ).toThrow(
        "infra/fly.toml: checks.alive: no port, and process group 'api' has no http_service to take it from",
      );
    });
  });

  describe('guest', () => {
    it.each([
      ['size = "shared-cpu-1x"', { cpu_kind: 'shared', cpus: 1, memory_mb: 256 }],
      ['size = "shared-cpu-4x"', { cpu_kind: 'shared', cpus: 4, memory_mb: 1024 }],
      ['size = "performance-1x"', { cpu_kind: 'performance', cpus: 1, memory_mb: 2048 }],
      ['size = "performance-8x"', { cpu_kind: 'performance', cpus: 8, memory_mb: 16384 }],
      ['memory = "512mb"', { cpu_kind: 'shared', cpus: 1, memory_mb: 512 }],
      ['memory = 2048', { cpu_kind: 'shared', cpus: 1, memory_mb: 2048 }],
      ['memory = "2048"', { cpu_kind: 'shared', cpus: 1, memory_mb: 2048 }],
      ['size = "shared-cpu-2x"\nmemory = "2gb"', { cpu_kind: 'shared', cpus: 2, memory_mb: 2048 }],
      [
        'cpus = 4\ncpu_kind = "performance"\nmemory_mb = 8192',
        { cpu_kind: 'performance', cpus: 4, memory_mb: 8192 },
      ],
      [
        'size = "a100-40gb"',
        { cpu_kind: 'performance', cpus: 8, memory_mb: 32768, gpus: 1, gpu_kind: 'a100-40gb' },
      ],
    ])('[[vm]] %s', (section, guest) => {
      expect(configsOf(`[[vm]]\n${section}\n`).app!.guest).toEqual(guest);
    });

    it('reads [[compute]] like [[vm]], and leaves the guest out without either', () => {
      expect(configsOf('[[compute]]\nsize = "performance-4x"\n').app!.guest).toEqual({
        cpu_kind: 'performance',
        cpus: 4,
        memory_mb: 8192,
      });
      expect(configsOf('app = "x"').app).not.toHaveProperty('guest');
    });
  });

  it('maps kill_signal/kill_timeout, statics and files', () => {
    const { app } = configsOf(
      [
        'kill_signal = "SIGINT"',
        'kill_timeout = "2m"',
        '[[statics]]',
        '  guest_path = "/app/public"',
        '  url_prefix = "/static"',
        '[[files]]',
        '  guest_path = "/etc/app.conf"',
        '  raw_value = "mode=fast"',
        '[[files]]',
        '  guest_path = "/etc/secret"',
        '  secret_name = "APP_SECRET"',
      ].join('\n'),
    );
    expect(app!.stop_config).toEqual({ signal: 'SIGINT', timeout: '2m0s' });
    expect(app!.statics).toEqual([{ guest_path: '/app/public', url_prefix: '/static' }]);
    expect(app!.files).toEqual([
      { guest_path: '/etc/app.conf', raw_value: Buffer.from('mode=fast').toString('base64') },
      { guest_path: '/etc/secret', secret_name: 'APP_SECRET' },
    ]);
    expect(configsOf('kill_timeout = 5').app!.stop_config).toEqual({ timeout: '5s' });
  });

  it('reads [[files]] local_path only through the reader it is given', () => {
    const { config } = loadFlyToml('[[files]]\n  guest_path = "/a"\n  local_path = "a.txt"\n', 'fly.toml');
    expect(() => machineConfigs(config)).toThrow(/local_path/);
    const configs = machineConfigs(config, { readLocalFile: (path) => `read ${path}` });
    expect(configs.app!.files).toEqual([
      { guest_path: '/a', raw_value: Buffer.from('read a.txt').toString('base64') },
    ]);
  });

  it('takes init from [experimental] when [processes] has no command', () => {
    const { app } = configsOf('[experimental]\n  cmd = "bin/start --fast"\n  entrypoint = ["/tini", "--"]\n');
    expect(app!.init).toEqual({ cmd: ['bin/start', '--fast'], entrypoint: ['/tini', '--'] });
  });
});

describe('deploySettings', () => {
  it('fills flyctl defaults', () => {
    expect(deploySettings(loadFlyToml('app = "x"', 'fly.toml').config)).toEqual({
      strategy: 'rolling',
      maxUnavailable: 0.33,
      waitTimeoutMs: 300_000,
      releaseCommandTimeoutMs: 300_000,
    });
  });

  it('reads [deploy]', () => {
    const { config } = loadFlyToml(
      [
        '[deploy]',
        '  strategy = "bluegreen"',
        '  max_unavailable = 2',
        '  wait_timeout = "10m"',
        '  release_command = "bin/rails db:migrate VERBOSE=\'yes please\'"',
        '  release_command_timeout = 90',
        '  [deploy.release_command_vm]',
        '    size = "performance-1x"',
        '    memory = "4gb"',
      ].join('\n'),
      'fly.toml',
    );
    expect(deploySettings(config)).toEqual({
      strategy: 'bluegreen',
      maxUnavailable: 2,
      waitTimeoutMs: 600_000,
      releaseCommand: ['bin/rails', 'db:migrate', 'VERBOSE=yes please'],
      releaseCommandTimeoutMs: 90_000,
      releaseCommandGuest: { cpu_kind: 'performance', cpus: 1, memory_mb: 4096 },
    });
  });
});

describe('releaseCommandConfig', () => {
  const image = 'registry.fly.io/shop-app:deployment-01J';

  it('builds the release machine of the example app', () => {
    const { config } = loadFlyToml(shopAppToml, 'fly.toml');
    const command = deploySettings(config).releaseCommand!;
    expect(releaseCommandConfig(config, image, command)).toEqual({
      image,
      env: {
        NODE_ENV: 'production',
        PORT: '3000',
        RELEASE_COMMAND: '1',
        FLY_PROCESS_GROUP: 'fly_app_release_command',
        PRIMARY_REGION: 'iad',
      },
      init: { cmd: ['npx', 'prisma', 'generate'] },
      guest: { cpu_kind: 'shared', cpus: 2, memory_mb: 512 },
      restart: { policy: 'no' },
      auto_destroy: true,
      dns: { skip_registration: true },
      metadata: { fly_platform_version: 'v2', fly_process_group: 'fly_app_release_command' },
    });
  });

  it('prefers release_command_vm, then the guest it is given', () => {
    const given = { cpu_kind: 'performance', cpus: 2, memory_mb: 4096 };
    const plain = loadFlyToml('app = "x"', 'fly.toml').config;
    expect(releaseCommandConfig(plain, image, ['migrate'], given).guest).toEqual(given);
    const withVm = loadFlyToml('[deploy.release_command_vm]\n  size = "shared-cpu-1x"\n', 'fly.toml').config;
    expect(releaseCommandConfig(withVm, image, ['migrate'], given).guest).toEqual({
      cpu_kind: 'shared',
      cpus: 1,
      memory_mb: 256,
    });
  });

  it('has no services or checks even when the app has them, and carries stop_config', () => {
    const { config } = loadFlyToml(
      'kill_signal = "SIGTERM"\n[http_service]\n  internal_port = 80\n[checks.a]\n  type = "tcp"\n',
      'fly.toml',
    );
    const release = releaseCommandConfig(config, image, ['migrate']);
    expect(release).not.toHaveProperty('services');
    expect(release).not.toHaveProperty('checks');
    expect(release.stop_config).toEqual({ signal: 'SIGTERM' });
  });
});

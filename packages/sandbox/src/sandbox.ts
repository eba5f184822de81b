// startFlySandbox: the Machines API, one proxy per app, machines as local processes, faults on demand.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiServer, type RecordedRequest, type SpecViolation } from './api-server';
import { notFound } from './errors';
import { Faults } from './faults';
import { checksReported } from './health-checks';
import { leaseNonce } from './ids';
import type { CheckResult, MachineConfig, SimMachine } from './model';
import { Platform } from './platform';
import { type AppProxy, startAppProxy } from './proxy';
import { type MachineRateLimitOptions, MachineRateLimits } from './rate-limits';
import { appRoutes } from './routes/apps';
import { controlRoutes } from './routes/control';
import type { ApiDeps } from './routes/deps';
import { leaseRoutes } from './routes/leases';
import { machineRoutes } from './routes/machines';
import { metadataRoutes } from './routes/metadata';
import { secretRoutes } from './routes/secrets';
import { SpecChecker } from './spec-check';

export interface FlySandboxOptions {
  /** Port of the API (default 0: any free one). Always on 127.0.0.1. */
  port?: number;
  /** The accepted API token; by default any non-empty token is accepted. */
  token?: string;
  /** Multiplies every simulated duration (boot, check grace/interval/timeout, stop timeout). Default 1. */
  timeScale?: number;
  /** Time from `starting` to `started`; default 500 ms × timeScale. */
  bootMs?: number;
  /** Check requests against Fly's OpenAPI description (default true). */
  checkSpec?: boolean;
  /** Status for a mutation of a leased machine without its nonce: 412 (default) or 409. */
  leaseMismatchStatus?: 409 | 412;
  /** Region of machines when neither the app nor the request names one (default `iad`). */
  defaultRegion?: string;
  /** Owner recorded on leases taken through the API (default `sandbox-user@shipgate.dev`). */
  leaseOwner?: string;
  /**
   * Fly's per-machine limits: each action on a machine about 1 request a second in bursts of 3, a read of a
   * machine 5 a second in bursts of 10; past them a 429 with Retry-After. Off unless given (`true` for the
   * published numbers).
   */
  machineRateLimits?: true | MachineRateLimitOptions;
  log?: (line: string) => void;
}

export interface CreateAppOptions {
  org?: string;
  /** Machines to seed, started (default 1). */
  machines?: number;
  image?: string;
  /** The seeded machines' config; the image and the v2/app metadata are filled in. */
  config?: MachineConfig;
  regions?: string[];
}

export interface MachineSnapshot {
  id: string;
  state: string;
  region: string;
  image: string;
  version: string;
  cordoned: boolean;
  registered: boolean;
  /** Owner of the unexpired lease, if any. */
  leaseHolder?: string;
  checks: CheckResult[];
  /** How many configs the machine has had. */
  versionCount: number;
  restartCount: number;
  /** The loopback port its process serves on, while it has one. */
  port?: number;
  pid?: number;
}

export interface FlySandbox {
  /** Base URL without /v1; clients append /v1. */
  apiUrl: string;
  token: string;
  createApp(name: string, options?: CreateAppOptions): Promise<string[]>;
  /** The app's proxy URL: where its public traffic goes. */
  appUrl(app: string): string;
  machines(app: string): MachineSnapshot[];
  faults: Faults;
  requests: RecordedRequest[];
  resetRequests(): void;
  specViolations: SpecViolation[];
  /** Pids of every machine process alive now (for leak checks). */
  processIds(): number[];
  close(): Promise<void>;
}

export type { RecordedRequest, SpecViolation };

export function defaultMachineConfig(image: string): MachineConfig {
  return {
    image,
    env: { PRIMARY_REGION: 'iad' },
    guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
    metadata: { fly_platform_version: 'v2', fly_process_group: 'app' },
    restart: { policy: 'on-failure', max_retries: 10 },
    services: [
      {
        protocol: 'tcp',
        internal_port: 8080,
        ports: [
          { port: 80, handlers: ['http'], force_https: true },
          { port: 443, handlers: ['http', 'tls'] },
        ],
        checks: [
          {
            type: 'http',
            interval: '10s',
            timeout: '2s',
            grace_period: '5s',
            method: 'GET',
            path: '/healthz',
          },
        ],
      },
    ],
  };
}

export async function startFlySandbox(options: FlySandboxOptions = {}): Promise<FlySandbox> {
  const timeScale = options.timeScale ?? 1;
  const log = options.log ?? (() => {});
  const platform = new Platform({
    timeScale,
    bootMs: options.bootMs ?? 500 * timeScale,
    defaultRegion: options.defaultRegion ?? 'iad',
    log,
  });
  const proxies = new Map<string, AppProxy>();
  const requests: RecordedRequest[] = [];
  const specViolations: SpecViolation[] = [];

  const faults = new Faults({
    neverStarts(appName, id) {
      const app = platform.app(appName);
      if (id === 'next-created') app.nextCreatedNeverStarts = true;
      else {
        const machine = platform.liveMachine(appName, id);
        machine.neverStarts = true;
      }
    },
    holdLease(appName, id, owner, ttlSeconds) {
      const machine = platform.liveMachine(appName, id);
      const nonce = leaseNonce();
      machine.lease = {
        nonce,
        owner,
        description: 'held by a fault',
        expiresAt: Date.now() + ttlSeconds * 1000,
        version: machine.version,
      };
      return { nonce };
    },
    clearMachineFaults() {
      for (const app of platform.apps.values()) {
        app.nextCreatedNeverStarts = false;
        for (const machine of app.machines.values()) {
          machine.neverStarts = false;
          if (machine.lease?.description === 'held by a fault') machine.lease = undefined;
        }
      }
    },
  });

  const deps: ApiDeps = {
    platform,
    leaseMismatchStatus: options.leaseMismatchStatus ?? 412,
    leaseOwner: options.leaseOwner ?? 'sandbox-user@shipgate.dev',
    async appCreated(name) {
      proxies.set(name, await startAppProxy(platform.app(name), faults, log));
    },
    async appDeleted(name) {
      await proxies.get(name)?.close();
      proxies.delete(name);
    },
  };

  const sandbox: FlySandbox = {
    apiUrl: '',
    token: options.token ?? 'sandbox-token',
    faults,
    requests,
    specViolations,
    resetRequests: () => void requests.splice(0),
    async createApp(name, appOptions = {}) {
      platform.createApp(name, appOptions.org ?? 'personal', 'default', appOptions.regions);
      await deps.appCreated(name);
      const image = appOptions.image ?? appOptions.config?.image ?? `registry.fly.io/${name}:v1`;
      const base = appOptions.config ?? defaultMachineConfig(image);
      const config: MachineConfig = {
        ...base,
        image,
        metadata: { ...(base.metadata ?? {}), fly_platform_version: 'v2', fly_process_group: 'app' },
      };
      const machines = Array.from({ length: appOptions.machines ?? 1 }, () =>
        platform.createMachine(name, { config: structuredClone(config) }),
      );
      await Promise.all(machines.map(settled));
      return machines.map((machine) => machine.id);
    },
    appUrl(app) {
      const proxy = proxies.get(app);
      if (!proxy) throw notFound(`app not found: ${app}`);
      return proxy.url;
    },
    machines(app) {
      return [...platform.app(app).machines.values()].map(snapshot);
    },
    processIds() {
      const pids: number[] = [];
      for (const app of platform.apps.values()) {
        for (const machine of app.machines.values()) {
          const pid = machine.process?.child.pid;
          const child = machine.process?.child;
          if (pid !== undefined && child?.exitCode === null && child.signalCode === null) pids.push(pid);
        }
      }
      return pids;
    },
    async close() {
      await platform.lifecycle.killAll();
      await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
      proxies.clear();
      await closeServer(server);
    },
  };

  const server = createApiServer({
    routes: [
      ...appRoutes(deps),
      ...secretRoutes(deps),
      ...leaseRoutes(deps),
      ...metadataRoutes(deps),
      ...machineRoutes(deps),
    ],
    controlRoutes: controlRoutes({ sandbox, platform }),
    token: options.token,
    faults,
    spec: options.checkSpec === false ? undefined : new SpecChecker(),
    requests,
    specViolations,
    rateLimits: options.machineRateLimits
      ? new MachineRateLimits(options.machineRateLimits === true ? {} : options.machineRateLimits)
      : undefined,
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  sandbox.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log(`Fly sandbox listening on ${sandbox.apiUrl}`);
  return sandbox;
}

/** Resolves once the machine is started with every check reported once, or has come to rest otherwise. */
function settled(machine: SimMachine): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const done =
        (machine.state === 'started' && checksReported(machine)) ||
        ['stopped', 'failed', 'destroyed', 'created'].includes(machine.state);
      if (done) {
        machine.listeners.delete(check);
        resolve();
      }
    };
    machine.listeners.add(check);
    check();
  });
}

function snapshot(machine: SimMachine): MachineSnapshot {
  const lease = machine.lease && machine.lease.expiresAt > Date.now() ? machine.lease : undefined;
  return {
    id: machine.id,
    state: machine.state,
    region: machine.region,
    image: machine.config.image,
    version: machine.version,
    cordoned: machine.cordoned,
    registered: machine.registered,
    ...(lease ? { leaseHolder: lease.owner } : {}),
    checks: [...machine.checks.values()].map((check) => ({ ...check })),
    versionCount: machine.versions.length,
    restartCount: machine.restartCount,
    ...(machine.process ? { port: machine.process.port } : {}),
    ...(machine.process?.child.pid !== undefined ? { pid: machine.process.child.pid } : {}),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

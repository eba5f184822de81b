// The simulated platform's state and the operations the API routes and the test helpers share.
import { ApiError, badRequest, notFound } from './errors';
import { HealthChecks } from './health-checks';
import { machineId, machineName, privateIp, sha256Hex, ulid } from './ids';
import { Lifecycle } from './lifecycle';
import { addEvent } from './machine-json';
import {
  currentSecrets,
  type MachineConfig,
  notify,
  type SecretRecord,
  type SimApp,
  type SimMachine,
} from './model';

export interface PlatformOptions {
  timeScale: number;
  bootMs: number;
  defaultRegion: string;
  log: (line: string) => void;
}

export interface LaunchInput {
  config: MachineConfig;
  region?: string;
  name?: string;
  skip_launch?: boolean;
  skip_service_registration?: boolean;
  skip_secrets?: boolean;
  min_secrets_version?: number;
  lease_ttl?: number;
}

export class Platform {
  readonly apps = new Map<string, SimApp>();
  readonly checks: HealthChecks;
  readonly lifecycle: Lifecycle;
  private numericIds = 100_000;

  constructor(readonly options: PlatformOptions) {
    this.checks = new HealthChecks(options.timeScale);
    this.lifecycle = new Lifecycle({
      timeScale: options.timeScale,
      bootMs: options.bootMs,
      apps: this.apps,
      checks: this.checks,
      log: options.log,
    });
  }

  createApp(name: string, org: string, network = 'default', regions?: string[]): SimApp {
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(name)) {
      throw badRequest(`invalid app name ${JSON.stringify(name)}: lowercase letters, digits and dashes`);
    }
    if (this.apps.has(name)) throw new ApiError(400, 'Name has already been taken', 'name_taken');
    const app: SimApp = {
      id: ulid(),
      name,
      org,
      network,
      internalNumericId: ++this.numericIds,
      createdAt: new Date().toISOString(),
      regions: regions && regions.length > 0 ? regions : [this.options.defaultRegion],
      machines: new Map(),
      secretVersions: [],
      nextCreatedNeverStarts: false,
    };
    this.apps.set(name, app);
    return app;
  }

  app(name: string): SimApp {
    const app = this.apps.get(name);
    if (!app) throw notFound(`app not found: ${name}`);
    return app;
  }

  /** Any machine the app ever had, destroyed ones included (they stay readable with their events). */
  machine(appName: string, id: string): SimMachine {
    const machine = this.app(appName).machines.get(id);
    if (!machine) throw notFound(`machine not found: ${id}`);
    return machine;
  }

  /** A machine that can still be acted on. */
  liveMachine(appName: string, id: string): SimMachine {
    const machine = this.machine(appName, id);
    if (machine.state === 'destroyed') throw notFound(`machine not found: ${id} was destroyed`);
    return machine;
  }

  createMachine(appName: string, input: LaunchInput): SimMachine {
    const app = this.app(appName);
    validateConfig(input.config);
    this.checkSecretsVersion(app, input.min_secrets_version);
    let id = machineId();
    while (this.findMachine(id)) id = machineId();
    const now = new Date().toISOString();
    const version = ulid();
    const config = structuredClone(input.config);
    const machine: SimMachine = {
      id,
      app: appName,
      name: input.name || machineName(),
      region:
        input.region || app.regions[app.machines.size % app.regions.length] || this.options.defaultRegion,
      state: 'created',
      config,
      version,
      versions: [{ version, user_config: structuredClone(config) }],
      events: [],
      checks: new Map(),
      cordoned: false,
      registered: !input.skip_service_registration,
      restartCount: 0,
      generation: 0,
      neverStarts: app.nextCreatedNeverStarts,
      privateIp: privateIp(),
      createdAt: now,
      updatedAt: now,
      secretsVersion: 0,
      skipSecrets: input.skip_secrets === true,
      listeners: new Set(),
    };
    app.nextCreatedNeverStarts = false;
    app.machines.set(id, machine);
    addEvent(machine, 'launch', 'created', 'user');
    if (!input.skip_launch) this.lifecycle.start(machine);
    return machine;
  }

  /** Applies a full new config (a new version); the process swap runs on in the background. */
  updateMachine(machine: SimMachine, input: LaunchInput): void {
    validateConfig(input.config);
    this.checkSecretsVersion(this.app(machine.app), input.min_secrets_version);
    const previous = { version: machine.version, config: machine.config };
    const config = structuredClone(input.config);
    machine.config = config;
    machine.version = ulid();
    machine.versions.unshift({ version: machine.version, user_config: structuredClone(config) });
    machine.skipSecrets = input.skip_secrets === true;
    if (input.skip_service_registration) machine.registered = false;
    machine.updatedAt = new Date().toISOString();
    addEvent(machine, 'update', 'replacing', 'user');
    notify(machine);
    void this.lifecycle.replace(machine, !input.skip_launch, previous);
  }

  findMachine(id: string): SimMachine | undefined {
    for (const app of this.apps.values()) {
      const machine = app.machines.get(id);
      if (machine) return machine;
    }
    return undefined;
  }

  /** Writes secrets (a string sets, null deletes) as one new version; returns it. */
  writeSecrets(app: SimApp, values: Record<string, string | null>): number {
    const current = currentSecrets(app);
    const secrets = new Map(current.secrets);
    const now = new Date().toISOString();
    for (const [name, value] of Object.entries(values)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        throw badRequest(`invalid secret name ${JSON.stringify(name)}`);
      if (value === null) {
        secrets.delete(name);
        continue;
      }
      const previous = secrets.get(name);
      const record: SecretRecord = {
        value,
        digest: sha256Hex(value),
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      secrets.set(name, record);
    }
    const version = current.version + 1;
    app.secretVersions.push({ version, secrets });
    return version;
  }

  /**
   * The reference leaves open what Fly does when min_secrets_version is not visible yet. Here writes are
   * visible at once, so a newer version than the app has can only be a client's mistake: 400.
   */
  private checkSecretsVersion(app: SimApp, minimum: number | undefined): void {
    const current = currentSecrets(app).version;
    if (minimum !== undefined && minimum > current) {
      throw badRequest(`min_secrets_version ${minimum} is newer than the app's secrets version ${current}`);
    }
  }
}

function validateConfig(config: MachineConfig | undefined): asserts config is MachineConfig {
  if (typeof config !== 'object' || config === null) throw badRequest('config is required');
  if (typeof config.image !== 'string' || config.image === '') throw badRequest('config.image is required');
}

// What flyd does with a machine: boot its process, stop it, replace its config, restart it by policy,
// destroy it. Every step bumps `machine.generation`; a late callback of an older step sees the change
// and does nothing.
import { parseGoDuration } from './durations';
import type { HealthChecks } from './health-checks';
import { addEvent } from './machine-json';
import {
  currentSecrets,
  type MachineConfig,
  type MachineProcess,
  type SimApp,
  type SimMachine,
  setState,
} from './model';
import { freePort, spawnMachineProcess, stopMachineProcess, tellRun } from './processes';

export interface LifecycleOptions {
  timeScale: number;
  bootMs: number;
  apps: Map<string, SimApp>;
  checks: HealthChecks;
  log: (line: string) => void;
}

// Not in the reference: flyd's default for on-failure when max_retries is unset. 10 is the value Fly's
// docs give; a crash image on the default policy therefore fails after 10 restarts.
const defaultMaxRetries = 10;
const defaultStopTimeoutMs = 5_000;

export class Lifecycle {
  constructor(private readonly options: LifecycleOptions) {}

  /** created / stopped / failed → starting → started (unless the neverStarts fault holds it). */
  start(machine: SimMachine): void {
    machine.restartCount = 0;
    this.boot(machine);
  }

  /** started → stopping → stopped; resolves when the process is gone. */
  async stop(machine: SimMachine, request: { signal?: string; timeout?: string } = {}): Promise<void> {
    const generation = ++machine.generation;
    this.options.checks.stop(machine);
    addEvent(machine, 'stop', 'stopping', 'user');
    setState(machine, 'stopping');
    await this.endProcess(machine, request, false);
    if (machine.generation === generation) setState(machine, 'stopped');
  }

  /**
   * The process is swapped for one on the new config (already applied by the caller). When the new image
   * cannot be pulled, flyd puts the machine back on `previous` (its version and config) and starts it there,
   * with an `update` event of status `failed`: the update was accepted, yet the machine runs the old release.
   */
  async replace(
    machine: SimMachine,
    launch: boolean,
    previous?: { version: string; config: MachineConfig },
  ): Promise<void> {
    const generation = ++machine.generation;
    const wasCreated = machine.state === 'created';
    this.options.checks.stop(machine);
    if (machine.process || machine.state === 'starting' || machine.state === 'started') {
      setState(machine, 'replacing');
      await this.endProcess(machine, {}, launch);
    }
    if (machine.generation !== generation) return;
    if (launch && previous && isUnpullable(machine.config.image)) {
      setState(machine, 'replacing');
      await delay(this.options.bootMs);
      if (machine.generation !== generation) return;
      const image = machine.config.image;
      machine.revertedVersions ??= new Set();
      machine.revertedVersions.add(machine.version);
      machine.config = structuredClone(previous.config);
      machine.version = previous.version;
      machine.updatedAt = new Date().toISOString();
      addEvent(machine, 'update', 'failed', 'flyd', {
        error: `${pullError(image)}; reverting to previous version`,
      });
      this.options.log(`machine ${machine.id}: ${pullError(image)}, reverted to version ${previous.version}`);
    }
    if (launch) this.start(machine);
    else setState(machine, wasCreated ? 'created' : 'stopped');
  }

  async restart(machine: SimMachine): Promise<void> {
    const generation = ++machine.generation;
    this.options.checks.stop(machine);
    addEvent(machine, 'restart', 'restarting', 'user');
    setState(machine, 'stopping');
    await this.endProcess(machine, {}, true);
    if (machine.generation === generation) this.start(machine);
  }

  /** Any state → destroying → destroyed; the machine stays readable with its events. */
  async destroy(machine: SimMachine, source: 'user' | 'flyd'): Promise<void> {
    ++machine.generation;
    this.options.checks.stop(machine);
    machine.lease = undefined;
    setState(machine, 'destroying');
    await this.endProcess(machine, { signal: 'SIGKILL' }, false);
    addEvent(machine, 'destroy', 'destroyed', source);
    setState(machine, 'destroyed');
  }

  /** Kills every process at once (sandbox shutdown) and waits until all are gone. */
  async killAll(): Promise<void> {
    this.options.checks.stopAll();
    const exits: Array<Promise<unknown>> = [];
    for (const app of this.options.apps.values()) {
      for (const machine of app.machines.values()) {
        machine.generation++;
        const machineProcess = machine.process;
        if (!machineProcess) continue;
        machine.process = undefined;
        exits.push(stopMachineProcess(machineProcess, 'SIGKILL', 0));
      }
    }
    await Promise.all(exits);
  }

  private boot(machine: SimMachine): void {
    const generation = ++machine.generation;
    setState(machine, 'starting');
    if (machine.neverStarts) {
      this.options.log(`machine ${machine.id} is held in starting (neverStarts fault)`);
      return;
    }
    if (isUnpullable(machine.config.image)) {
      // Nothing to go back to (a new machine, or one started on this image): the start fails.
      setTimeout(() => {
        if (machine.generation !== generation) return;
        addEvent(machine, 'start', 'failed', 'flyd', { error: pullError(machine.config.image) });
        setState(machine, 'failed');
      }, this.options.bootMs);
      return;
    }
    void this.launch(machine, generation);
  }

  private async launch(machine: SimMachine, generation: number): Promise<void> {
    const port = await freePort();
    if (machine.generation !== generation) return;
    const machineProcess = spawnMachineProcess({
      port,
      env: this.environment(machine),
      onReady: () => started(),
      onOutput: (line) => this.options.log(`[${machine.app}/${machine.id}] ${line}`),
    });
    machine.process = machineProcess;
    let booted = false;
    const started = () => {
      if (!booted || !machineProcess.ready || machine.generation !== generation) return;
      if (machine.process !== machineProcess || machine.state !== 'starting') return;
      addEvent(machine, 'start', 'started', 'flyd');
      setState(machine, 'started');
      tellRun(machineProcess);
      this.options.checks.start(machine);
    };
    setTimeout(() => {
      booted = true;
      started();
    }, this.options.bootMs);
    void machineProcess.exited.then((result) => this.exited(machine, machineProcess, result));
  }

  private environment(machine: SimMachine): Record<string, string> {
    const config = machine.config;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      FLY_MACHINE_ID: machine.id,
      FLY_APP_NAME: machine.app,
      FLY_REGION: machine.region,
      FLY_IMAGE_REF: config.image,
      FLY_MACHINE_VERSION: machine.version,
      FLY_PRIVATE_IP: machine.privateIp,
      ...(config.env ?? {}),
    };
    const app = this.options.apps.get(machine.app);
    if (app && !machine.skipSecrets) {
      const secrets = currentSecrets(app);
      machine.secretsVersion = secrets.version;
      for (const [name, secret] of secrets.secrets) env[name] = secret.value;
    }
    if (isReleaseCommand(machine)) env.RELEASE_COMMAND_SIM = (config.init?.cmd ?? []).join(' ');
    return env;
  }

  /** An exit nobody asked for: record it, then restart by policy, or stop (and auto-destroy). */
  private exited(
    machine: SimMachine,
    machineProcess: MachineProcess,
    result: { code: number | null; signal: NodeJS.Signals | null },
  ): void {
    if (machineProcess.requestedStop || machine.process !== machineProcess) return;
    machine.process = undefined;
    this.options.checks.stop(machine);
    const wasStarted = machine.state === 'started';
    const exitCode = result.code ?? 137;
    const policy = machine.config.restart?.policy ?? 'on-failure';
    const maxRetries = machine.config.restart?.max_retries ?? defaultMaxRetries;
    const restarting =
      policy === 'always' || (policy === 'on-failure' && exitCode !== 0 && machine.restartCount < maxRetries);
    addEvent(
      machine,
      'exit',
      'stopped',
      'flyd',
      exitRequest(exitCode, false, restarting, machine.restartCount),
    );
    this.options.log(`machine ${machine.id} exited with code ${exitCode}${restarting ? ', restarting' : ''}`);
    if (restarting) {
      machine.restartCount++;
      const generation = ++machine.generation;
      setState(machine, 'starting');
      const backoff = this.options.bootMs * Math.min(2 ** machine.restartCount, 16);
      setTimeout(() => {
        if (machine.generation === generation) this.boot(machine);
      }, backoff);
      return;
    }
    // A process that dies before the machine counted as started is a failed start.
    setState(machine, !wasStarted && exitCode !== 0 ? 'failed' : 'stopped');
    if (machine.config.auto_destroy) void this.destroy(machine, 'flyd');
  }

  /** Stops the process if there is one and records its exit as requested. */
  private async endProcess(
    machine: SimMachine,
    request: { signal?: string; timeout?: string },
    restarting: boolean,
  ): Promise<void> {
    const machineProcess = machine.process;
    if (!machineProcess) return;
    const signal = (request.signal ?? machine.config.stop_config?.signal ?? 'SIGINT') as NodeJS.Signals;
    const timeoutMs =
      (parseGoDuration(request.timeout ?? machine.config.stop_config?.timeout) ?? defaultStopTimeoutMs) *
      this.options.timeScale;
    const result = await stopMachineProcess(machineProcess, signal, timeoutMs);
    if (machine.process === machineProcess) machine.process = undefined;
    addEvent(
      machine,
      'exit',
      'stopped',
      'flyd',
      exitRequest(result.code ?? 137, true, restarting, machine.restartCount),
    );
  }
}

/**
 * An image whose tag starts with `unpullable` (`registry.fly.io/shop:unpullable-v2`) is one no registry has,
 * as with a tag pushed to the wrong repository: flyd's pull fails.
 */
export function isUnpullable(image: string): boolean {
  return /:unpullable[^/@]*(?:@|$)/.test(image);
}

function pullError(image: string): string {
  return `failed to pull image ${image}: manifest unknown`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A release-command machine (reference §release_command): `init.cmd` set and restart policy `no`. */
export function isReleaseCommand(machine: SimMachine): boolean {
  return (machine.config.init?.cmd?.length ?? 0) > 0 && machine.config.restart?.policy === 'no';
}

function exitRequest(exitCode: number, requestedStop: boolean, restarting: boolean, restartCount: number) {
  return {
    exit_event: {
      exit_code: exitCode,
      guest_exit_code: exitCode,
      oom_killed: false,
      requested_stop: requestedStop,
      restarting,
      signal: -1,
      exited_at: new Date().toISOString(),
    },
    restart_count: restartCount,
  };
}

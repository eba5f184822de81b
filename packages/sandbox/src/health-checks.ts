// Runs a started machine's checks against its process, as Fly's health checker does (reference §3):
// top-level checks under their map key, service checks as `servicecheck-NN-<type>-<internal_port>`.
import { request } from 'node:http';
import { connect } from 'node:net';
import { parseGoDuration } from './durations';
import { type CheckConfig, type CheckResult, type MachineConfig, notify, type SimMachine } from './model';

export interface CheckDefinition {
  name: string;
  check: CheckConfig;
}

// Fly's documented defaults are not in the reference; these are the values flyctl's templates write.
const defaultIntervalMs = 15_000;
const defaultTimeoutMs = 2_000;
// Scaled durations get floors: a check timeout of 40 ms would fail on a busy machine for no reason of
// the app's, and an interval near zero would spin.
const minTimeoutMs = 250;
const minIntervalMs = 20;

export function checkDefinitions(config: MachineConfig): CheckDefinition[] {
  const definitions: CheckDefinition[] = Object.entries(config.checks ?? {}).map(([name, check]) => ({
    name,
    check,
  }));
  let index = 0;
  for (const service of config.services ?? []) {
    for (const check of service.checks ?? []) {
      const type = check.type ?? 'tcp';
      const port = check.port ?? service.internal_port ?? 8080;
      definitions.push({ name: `servicecheck-${String(index).padStart(2, '0')}-${type}-${port}`, check });
      index++;
    }
  }
  return definitions;
}

/** True when every check that gates traffic has a passing result (informational checks never gate). */
export function checksPass(machine: SimMachine): boolean {
  return checkDefinitions(machine.config)
    .filter((definition) => definition.check.kind !== 'informational')
    .every((definition) => machine.checks.get(definition.name)?.status === 'passing');
}

/** True when every configured check has reported at least once. */
export function checksReported(machine: SimMachine): boolean {
  return checkDefinitions(machine.config).every((definition) => machine.checks.has(definition.name));
}

export class HealthChecks {
  private readonly timers = new Map<string, Set<NodeJS.Timeout>>();

  constructor(private readonly timeScale: number) {}

  start(machine: SimMachine): void {
    this.stop(machine);
    const timers = new Set<NodeJS.Timeout>();
    this.timers.set(machine.id, timers);
    for (const definition of checkDefinitions(machine.config)) {
      const grace = (parseGoDuration(definition.check.grace_period) ?? 0) * this.timeScale;
      const interval = Math.max(
        minIntervalMs,
        (parseGoDuration(definition.check.interval) ?? defaultIntervalMs) * this.timeScale,
      );
      const timeout = Math.max(
        minTimeoutMs,
        (parseGoDuration(definition.check.timeout) ?? defaultTimeoutMs) * this.timeScale,
      );
      const run = async () => {
        const port = machine.process?.port;
        const result = port
          ? await runCheck(definition, port, timeout)
          : { status: 'critical' as const, output: 'no process' };
        if (this.timers.get(machine.id) !== timers) return;
        const previous = machine.checks.get(definition.name);
        const next: CheckResult = { name: definition.name, ...result, updated_at: new Date().toISOString() };
        machine.checks.set(definition.name, next);
        if (previous?.status !== next.status) notify(machine);
        schedule(interval);
      };
      const schedule = (ms: number) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void run();
        }, ms);
        timers.add(timer);
      };
      schedule(grace);
    }
  }

  /** Stops the machine's checks and forgets their results: a stopped machine reports none. */
  stop(machine: SimMachine): void {
    const timers = this.timers.get(machine.id);
    if (timers) for (const timer of timers) clearTimeout(timer);
    this.timers.delete(machine.id);
    if (machine.checks.size > 0) {
      machine.checks.clear();
      notify(machine);
    }
  }

  stopAll(): void {
    for (const timers of this.timers.values()) for (const timer of timers) clearTimeout(timer);
    this.timers.clear();
  }
}

type Outcome = Pick<CheckResult, 'status' | 'output'>;

function runCheck(definition: CheckDefinition, port: number, timeoutMs: number): Promise<Outcome> {
  return definition.check.type === 'http'
    ? httpCheck(definition.check, port, timeoutMs)
    : tcpCheck(port, timeoutMs);
}

function httpCheck(check: CheckConfig, port: number, timeoutMs: number): Promise<Outcome> {
  const method = check.method ?? 'GET';
  const path = check.path ?? '/';
  const headers: Record<string, string> = {};
  for (const header of check.headers ?? []) headers[header.name] = header.values.join(', ');
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      const line = `${method} ${path}: ${status} ${res.statusMessage ?? ''}`.trim();
      resolve({ status: status >= 200 && status < 400 ? 'passing' : 'critical', output: line });
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${Math.round(timeoutMs)} ms`)));
    req.on('error', (error) =>
      resolve({ status: 'critical', output: `${method} ${path}: ${error.message}` }),
    );
    req.end();
  });
}

function tcpCheck(port: number, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(
      () => socket.destroy(new Error(`timed out after ${Math.round(timeoutMs)} ms`)),
      timeoutMs,
    );
    socket.on('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: 'passing', output: 'TCP connection succeeded' });
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: 'critical', output: `TCP connection failed: ${error.message}` });
    });
  });
}

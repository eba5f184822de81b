// The simulator's own records of apps and machines. Their JSON faces (what the API answers) are built in
// machine-json.ts; these hold what the platform knows, including things the API never shows.
import type { ChildProcess } from 'node:child_process';

export type MachineState =
  | 'created'
  | 'starting'
  | 'started'
  | 'stopping'
  | 'stopped'
  | 'replacing'
  | 'destroying'
  | 'destroyed'
  | 'failed';

export type JsonObject = Record<string, unknown>;

/** The machine config as the client sent it; only the fields the simulator acts on are typed. */
export interface MachineConfig extends JsonObject {
  image: string;
  env?: Record<string, string>;
  init?: { cmd?: string[]; [key: string]: unknown };
  metadata?: Record<string, string>;
  services?: ServiceConfig[];
  checks?: Record<string, CheckConfig>;
  restart?: { policy?: string; max_retries?: number };
  auto_destroy?: boolean;
  stop_config?: { timeout?: string; signal?: string };
}

export interface ServiceConfig extends JsonObject {
  protocol?: string;
  internal_port?: number;
  checks?: CheckConfig[];
}

export interface CheckConfig extends JsonObject {
  type?: string;
  port?: number;
  interval?: string;
  timeout?: string;
  grace_period?: string;
  method?: string;
  path?: string;
  kind?: string;
  headers?: Array<{ name: string; values: string[] }>;
}

export interface CheckResult {
  name: string;
  status: 'passing' | 'warning' | 'critical';
  output: string;
  updated_at: string;
}

export interface MachineEvent {
  id: string;
  type: string;
  status: string;
  source: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  request?: JsonObject;
}

export interface Lease {
  nonce: string;
  owner: string;
  description: string;
  /** Epoch ms. */
  expiresAt: number;
  version: string;
}

export interface MachineVersion {
  version: string;
  user_config: MachineConfig;
}

export interface MachineProcess {
  child: ChildProcess;
  /** The loopback port the process serves on; every service's internal_port maps to it. */
  port: number;
  ready: boolean;
  /** Set before the simulator stops the process, so its exit is a requested one. */
  requestedStop: boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SimMachine {
  id: string;
  app: string;
  name: string;
  region: string;
  state: MachineState;
  config: MachineConfig;
  version: string;
  /** Every config this machine has had, newest first; index 0 is the current one. */
  versions: MachineVersion[];
  /** Newest first. */
  events: MachineEvent[];
  checks: Map<string, CheckResult>;
  cordoned: boolean;
  /** False after `skip_service_registration` until the machine is uncordoned. */
  registered: boolean;
  lease?: Lease;
  process?: MachineProcess;
  /** Restarts by the restart policy since the last start asked for through the API. */
  restartCount: number;
  /** Bumped by every lifecycle step, so the late callbacks of an older step know to do nothing. */
  generation: number;
  /**
   * Versions flyd accepted and then reverted (their image could not be pulled). A wait for one neither
   * succeeds nor fails: it runs to its timeout, as users of the real API report.
   */
  revertedVersions?: Set<string>;
  /** Fault: the machine stays `starting` whenever it is started. */
  neverStarts: boolean;
  privateIp: string;
  createdAt: string;
  updatedAt: string;
  /** The secrets the process was started with are the app's as of this version. */
  secretsVersion: number;
  skipSecrets: boolean;
  /** Called on every state (or check) change; used by wait and by tests' condition polling. */
  listeners: Set<() => void>;
}

export interface SecretRecord {
  value: string;
  digest: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimApp {
  id: string;
  name: string;
  org: string;
  network: string;
  internalNumericId: number;
  createdAt: string;
  regions: string[];
  machines: Map<string, SimMachine>;
  /** The secrets as of each version; the last entry is the current one. */
  secretVersions: Array<{ version: number; secrets: Map<string, SecretRecord> }>;
  /** Set by the neverStarts fault with 'next-created'. */
  nextCreatedNeverStarts: boolean;
}

export function currentSecrets(app: SimApp): { version: number; secrets: Map<string, SecretRecord> } {
  return app.secretVersions[app.secretVersions.length - 1] ?? { version: 0, secrets: new Map() };
}

export function notify(machine: SimMachine): void {
  for (const listener of [...machine.listeners]) listener();
}

export function setState(machine: SimMachine, state: MachineState): void {
  if (machine.state === state) return;
  machine.state = state;
  machine.updatedAt = new Date().toISOString();
  notify(machine);
}

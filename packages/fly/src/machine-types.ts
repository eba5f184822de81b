/**
 * The Machines API's objects as the deploy engine uses them (shapes from fly-go's machine_types.go and Fly's
 * OpenAPI description in packages/sandbox/spec). Every object may carry fields not listed here: they are kept
 * as they came, because an update sends the whole config back and must not drop what Fly set.
 */

export type MachineState =
  | 'created'
  | 'starting'
  | 'started'
  | 'stopping'
  | 'stopped'
  | 'suspending'
  | 'suspended'
  | 'replacing'
  | 'updating'
  | 'destroying'
  | 'destroyed'
  | 'failed'
  | 'launch_failed'
  | 'replaced'
  | (string & {});

/** States the wait endpoint accepts; `settled` is flyctl's pseudo-state (started, stopped or suspended). */
export type WaitState = 'started' | 'stopped' | 'suspended' | 'destroyed' | 'settled';

export interface GuestConfig {
  cpu_kind?: 'shared' | 'performance' | (string & {});
  cpus?: number;
  memory_mb?: number;
  gpus?: number;
  gpu_kind?: string;
  kernel_args?: string[];
  [key: string]: unknown;
}

export interface CheckHeader {
  name: string;
  values: string[];
}

/** A check: top-level ones live in a map keyed by name, service ones in a list. Durations are Go strings. */
export interface MachineCheck {
  type?: 'http' | 'tcp' | (string & {});
  port?: number;
  interval?: string;
  timeout?: string;
  grace_period?: string;
  method?: string;
  path?: string;
  protocol?: 'http' | 'https' | (string & {});
  tls_skip_verify?: boolean;
  tls_server_name?: string;
  headers?: CheckHeader[];
  kind?: 'informational' | 'readiness' | (string & {});
  [key: string]: unknown;
}

export interface MachinePort {
  port?: number;
  start_port?: number;
  end_port?: number;
  handlers?: string[];
  force_https?: boolean;
  [key: string]: unknown;
}

export interface MachineService {
  protocol: 'tcp' | 'udp' | (string & {});
  internal_port: number;
  ports?: MachinePort[];
  /** Fly answers booleans for off/stop and accepts "off" | "stop" | "suspend". */
  autostop?: boolean | 'off' | 'stop' | 'suspend';
  autostart?: boolean;
  min_machines_running?: number;
  concurrency?: {
    type?: 'connections' | 'requests' | (string & {});
    soft_limit?: number;
    hard_limit?: number;
  };
  checks?: MachineCheck[];
  [key: string]: unknown;
}

export interface MachineConfig {
  image: string;
  env?: Record<string, string>;
  init?: {
    exec?: string[];
    entrypoint?: string[];
    cmd?: string[];
    tty?: boolean;
    swap_size_mb?: number;
    [key: string]: unknown;
  };
  guest?: GuestConfig;
  metadata?: Record<string, string>;
  services?: MachineService[];
  checks?: Record<string, MachineCheck>;
  restart?: { policy?: 'no' | 'always' | 'on-failure' | (string & {}); max_retries?: number };
  auto_destroy?: boolean;
  dns?: { skip_registration?: boolean; [key: string]: unknown };
  metrics?: { port?: number; path?: string; https?: boolean };
  stop_config?: { timeout?: string; signal?: string };
  mounts?: Array<{ volume?: string; path: string; name?: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface CheckStatus {
  name: string;
  status: 'passing' | 'warning' | 'critical' | (string & {});
  output?: string;
  updated_at?: string;
}

export interface MachineEvent {
  id?: string;
  type: string;
  status?: string;
  source?: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  request?: {
    exit_event?: {
      exit_code?: number;
      guest_exit_code?: number;
      oom_killed?: boolean;
      requested_stop?: boolean;
      restarting?: boolean;
      signal?: number;
      exited_at?: string;
    };
    restart_count?: number;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface Machine {
  id: string;
  name?: string;
  state: MachineState;
  region: string;
  instance_id?: string;
  version?: string;
  private_ip?: string;
  created_at?: string;
  updated_at?: string;
  image_ref?: {
    registry?: string;
    repository?: string;
    tag?: string;
    digest?: string;
    [key: string]: unknown;
  };
  config: MachineConfig;
  /** Newest first. */
  events?: MachineEvent[];
  checks?: CheckStatus[];
  /** The lease nonce, when the machine was created with lease_ttl. */
  nonce?: string;
  host_status?: string;
  cordoned?: boolean;
  [key: string]: unknown;
}

/** The body of create and update: `config` is always the whole config, never a patch. */
export interface LaunchMachineInput {
  config: MachineConfig;
  region?: string;
  name?: string;
  skip_launch?: boolean;
  skip_service_registration?: boolean;
  skip_secrets?: boolean;
  min_secrets_version?: number;
  lease_ttl?: number;
}

export interface Lease {
  nonce: string;
  /** Unix seconds. */
  expiresAt: number;
  owner?: string;
  description?: string;
}

export interface MachineVersion {
  version: string;
  user_config: MachineConfig;
}

export interface App {
  id?: string;
  name: string;
  status?: string;
  organization?: { name?: string; slug?: string };
  machine_count?: number;
  [key: string]: unknown;
}

export interface AppSecret {
  name: string;
  digest?: string;
  value?: string;
  created_at?: string;
  updated_at?: string;
}

// fly.toml as teams write it, validated by zod. Every object is strict: a key not listed here is reported as a
// warning by the loader (it would not reach the machines), never silently dropped. Durations become
// milliseconds and memory sizes megabytes, so later code never parses text again.
import { z } from 'zod';
import { guestForSize } from './guest';
import { isDuration, parseDuration, parseMemory, splitCommand } from './units';

function isPlainTable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `[x]` or `[[x]]`: flyctl accepts a single table where a list of tables is usual. */
function tableOrList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (isPlainTable(value) ? [value] : value), z.array(item));
}

/** A Go duration string, or a number of seconds; read as milliseconds. */
const duration = z
  .union([z.string(), z.number()], {
    error: 'expected a duration like "15s" or "1m30s", or a number of seconds',
  })
  .superRefine((value, ctx) => {
    if (typeof value === 'number' ? value < 0 : !isDuration(value) || parseDuration(value) < 0) {
      ctx.addIssue({
        code: 'custom',
        message: `'${value}' is not a duration: write it like "15s" or "1m30s", or a number of seconds`,
      });
    }
  })
  .transform((value) => (typeof value === 'number' ? value * 1000 : parseDuration(value)));

const memory = z
  .union([z.string(), z.number()], { error: 'expected a memory size like "512mb" or "1gb", or megabytes' })
  .transform((value, ctx) => {
    try {
      return parseMemory(value);
    } catch (thrown) {
      ctx.addIssue({ code: 'custom', message: (thrown as Error).message });
      return z.NEVER;
    }
  });

/** A command written as one string, split like a shell would when the config is built. */
const shellCommand = z.string().superRefine((value, ctx) => {
  try {
    splitCommand(value);
  } catch (thrown) {
    ctx.addIssue({ code: 'custom', message: (thrown as Error).message });
  }
});

const vmSize = z.string().superRefine((value, ctx) => {
  try {
    guestForSize(value);
  } catch (thrown) {
    ctx.addIssue({ code: 'custom', message: (thrown as Error).message });
  }
});

const port = z.number().int().min(1).max(65535);
const count = z.number().int().min(0);
const processes = z.array(z.string()).optional();
/** Header values: one string, or several. */
const headers = z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional();
/** Passed to the API as written (TLS and HTTP options of a port). */
const opaqueTable = z.record(z.string(), z.unknown()).optional();

const checkTiming = {
  interval: duration.optional(),
  timeout: duration.optional(),
  grace_period: duration.optional(),
};

const httpCheckFields = {
  ...checkTiming,
  method: z.string().optional(),
  path: z.string().optional(),
  protocol: z.enum(['http', 'https']).optional(),
  tls_skip_verify: z.boolean().optional(),
  tls_server_name: z.string().optional(),
  headers,
};

/** `restart_limit` only meant something on Fly's V1 platform; accepted so old files load. */
const serviceTcpCheck = z.strictObject({ ...checkTiming, restart_limit: count.optional() });
const serviceHttpCheck = z.strictObject({ ...httpCheckFields, restart_limit: count.optional() });

const topLevelCheck = z.strictObject({
  type: z.enum(['http', 'tcp']),
  port: port.optional(),
  ...httpCheckFields,
  kind: z.enum(['informational', 'readiness']).optional(),
  processes,
});

const concurrency = z.strictObject({
  type: z.enum(['connections', 'requests']).optional(),
  soft_limit: count.optional(),
  hard_limit: count.optional(),
});

const autostop = z.union([z.boolean(), z.enum(['off', 'stop', 'suspend'])], {
  error: 'expected true, false, "off", "stop" or "suspend"',
});

const servicePort = z.strictObject({
  port: port.optional(),
  start_port: port.optional(),
  end_port: port.optional(),
  handlers: z.array(z.string()).optional(),
  force_https: z.boolean().optional(),
  tls_options: opaqueTable,
  http_options: opaqueTable,
  proxy_proto_options: opaqueTable,
});

const httpService = z.strictObject({
  internal_port: port,
  force_https: z.boolean().optional(),
  auto_stop_machines: autostop.optional(),
  auto_start_machines: z.boolean().optional(),
  min_machines_running: count.optional(),
  processes,
  concurrency: concurrency.optional(),
  checks: z.array(serviceHttpCheck).optional(),
  tls_options: opaqueTable,
  http_options: opaqueTable,
});

const service = z.strictObject({
  protocol: z.enum(['tcp', 'udp']),
  internal_port: port,
  processes,
  ports: z.array(servicePort).optional(),
  concurrency: concurrency.optional(),
  auto_stop_machines: autostop.optional(),
  auto_start_machines: z.boolean().optional(),
  min_machines_running: count.optional(),
  tcp_checks: z.array(serviceTcpCheck).optional(),
  http_checks: z.array(serviceHttpCheck).optional(),
});

const guestFields = {
  size: vmSize.optional(),
  memory: memory.optional(),
  memory_mb: z.number().int().positive().optional(),
  cpus: z.number().int().positive().optional(),
  cpu_kind: z.enum(['shared', 'performance']).optional(),
  gpus: count.optional(),
  gpu_kind: z.string().optional(),
  kernel_args: z.array(z.string()).optional(),
  host_dedication_id: z.string().optional(),
  persist_rootfs: z.enum(['never', 'restart', 'always']).optional(),
};

const compute = z.strictObject({ ...guestFields, processes });
export type ComputeSection = z.output<typeof compute>;

const deploy = z.strictObject({
  strategy: z.enum(['immediate', 'rolling', 'bluegreen', 'canary']).optional(),
  max_unavailable: z.number().positive().optional(),
  wait_timeout: duration.optional(),
  release_command: shellCommand.optional(),
  release_command_timeout: duration.optional(),
  release_command_vm: z.strictObject(guestFields).optional(),
  seed_command: shellCommand.optional(),
});

const metrics = z.strictObject({
  port,
  path: z.string(),
  https: z.boolean().optional(),
  processes,
});

const restart = z.strictObject({
  policy: z.enum(['always', 'never', 'on-failure']),
  retries: count.optional(),
  processes,
});

const volumeSize = z.union([z.string(), z.number()], { error: 'expected a size like "10gb"' });

const mount = z.strictObject({
  source: z.string(),
  destination: z.string(),
  processes,
  initial_size: volumeSize.optional(),
  auto_extend_size_threshold: z.number().int().min(0).max(100).optional(),
  auto_extend_size_increment: volumeSize.optional(),
  auto_extend_size_limit: volumeSize.optional(),
  snapshot_retention: count.optional(),
  scheduled_snapshots: z.boolean().optional(),
});

const statics = z.strictObject({
  guest_path: z.string(),
  url_prefix: z.string(),
  tigris_bucket: z.string().optional(),
  index_document: z.string().optional(),
});

const file = z
  .strictObject({
    guest_path: z.string(),
    raw_value: z.string().optional(),
    local_path: z.string().optional(),
    secret_name: z.string().optional(),
    mode: z.number().int().optional(),
    processes,
  })
  .refine(
    (entry) =>
      [entry.raw_value, entry.local_path, entry.secret_name].filter((v) => v !== undefined).length === 1,
    { message: 'set exactly one of raw_value, local_path or secret_name' },
  );

/** A command as a list, or one string to be split like a shell would. */
const command = z
  .union([z.string(), z.array(z.string())], { error: 'expected a string or a list of strings' })
  .superRefine((value, ctx) => {
    if (typeof value !== 'string') return;
    try {
      splitCommand(value);
    } catch (thrown) {
      ctx.addIssue({ code: 'custom', message: (thrown as Error).message });
    }
  });

const experimental = z.strictObject({
  cmd: command.optional(),
  entrypoint: command.optional(),
  exec: command.optional(),
  auto_rollback: z.boolean().optional(),
  enable_consul: z.boolean().optional(),
  enable_etcd: z.boolean().optional(),
});

/** Only `image` is used (shipgate deploys images built elsewhere); the rest is accepted so files load. */
const build = z.strictObject({
  image: z.string().optional(),
  dockerfile: z.string().optional(),
  ignorefile: z.string().optional(),
  builder: z.string().optional(),
  builtin: z.string().optional(),
  buildpacks: z.array(z.string()).optional(),
  'build-target': z.string().optional(),
  args: z.record(z.string(), z.string()).optional(),
  settings: opaqueTable,
});

/** TOML numbers and booleans in `[env]` become the strings a process sees. */
const envValue = z
  .union([z.string(), z.number(), z.boolean()], { error: 'expected a string' })
  .transform((value) => String(value));

export const flyTomlSchema = z.strictObject({
  app: z.string().optional(),
  primary_region: z.string().optional(),
  kill_signal: z.string().optional(),
  kill_timeout: duration.optional(),
  swap_size_mb: count.optional(),
  console_command: z.string().optional(),
  host_dedication_id: z.string().optional(),
  build: build.optional(),
  env: z.record(z.string(), envValue).optional(),
  http_service: httpService.optional(),
  services: tableOrList(service).optional(),
  checks: z.record(z.string(), topLevelCheck).optional(),
  vm: tableOrList(compute).optional(),
  compute: tableOrList(compute).optional(),
  deploy: deploy.optional(),
  processes: z.record(z.string(), shellCommand).optional(),
  metrics: tableOrList(metrics).optional(),
  restart: tableOrList(restart).optional(),
  mounts: tableOrList(mount).optional(),
  statics: tableOrList(statics).optional(),
  files: tableOrList(file).optional(),
  experimental: experimental.optional(),
});

/** A validated fly.toml: durations in milliseconds, memory in megabytes, one-or-many tables as lists. */
export type AppConfig = z.output<typeof flyTomlSchema>;

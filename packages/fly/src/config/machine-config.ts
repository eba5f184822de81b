// fly.toml → one machine config per process group, the way flyctl builds them (internal/appconfig/machines.go
// `updateMachineConfig`, processgroups.go `Flatten`, service.go), and the merge over a machine's current config
// that an update sends (internal/command/deploy/machines_launchinput.go).
import { ConfigError } from '@shipgate/kit/config';
import type { GuestConfig, MachineCheck, MachineConfig, MachinePort, MachineService } from '../machine-types';
import { guestForSize, guestFromCompute } from './guest';
import type { AppConfig } from './schema';
import { formatDuration, parseSizeGb, splitCommand } from './units';

export const defaultProcessGroup = 'app';
export const releaseCommandProcessGroup = 'fly_app_release_command';
const releaseCommandDefaultSize = 'shared-cpu-2x';

export interface MachineConfigOptions {
  /** Names fly.toml in messages; default `fly.toml`. */
  source?: string;
  /** Reads a `[[files]] local_path`; without it such a file is an error. */
  readLocalFile?: (path: string) => Uint8Array | string;
}

export interface MachineStatic {
  guest_path: string;
  url_prefix: string;
  tigris_bucket?: string;
  index_document?: string;
}

export interface MachineFile {
  guest_path: string;
  /** Base64. */
  raw_value?: string;
  secret_name?: string;
  mode?: number;
}

type Services = NonNullable<AppConfig['services']>;
type ServiceSection = Services[number];
type HttpCheckSection = NonNullable<ServiceSection['http_checks']>[number];
type TcpCheckSection = NonNullable<ServiceSection['tcp_checks']>[number];
type TopLevelCheckSection = NonNullable<AppConfig['checks']>[string];
type HttpServiceSection = NonNullable<AppConfig['http_service']>;

/** The process groups of the app: the keys of `[processes]`, sorted, or `app` alone. */
export function processGroups(app: AppConfig): string[] {
  const names = Object.keys(app.processes ?? {}).sort();
  return names.length > 0 ? names : [defaultProcessGroup];
}

/**
 * The machine config of each process group. `image` is `[build] image` or empty: the caller sets the image it
 * deploys. Sections without `processes` belong to the default group (`app`, else the first group), as in
 * flyctl; `[[vm]]`/`[[compute]]` without `processes` apply to every group, the one naming the group winning.
 */
export function machineConfigs(
  app: AppConfig,
  options: MachineConfigOptions = {},
): Record<string, MachineConfig> {
  const source = options.source ?? 'fly.toml';
  const groups = processGroups(app);
  const defaultGroup = groups.includes(defaultProcessGroup) ? defaultProcessGroup : groups[0]!;
  assertKnownGroups(app, groups, source);
  const configs: Record<string, MachineConfig> = {};
  for (const group of groups) {
    const belongs = (processes: string[] | undefined) =>
      !processes || processes.length === 0
        ? group === defaultGroup
        : processes.some((name) => name === group || (name === '' && group === defaultGroup));
    configs[group] = groupConfig(app, group, belongs, source, options);
  }
  return configs;
}

function groupConfig(
  app: AppConfig,
  group: string,
  belongs: (processes: string[] | undefined) => boolean,
  source: string,
  options: MachineConfigOptions,
): MachineConfig {
  const config: MachineConfig = {
    image: app.build?.image ?? '',
    env: { ...app.env, FLY_PROCESS_GROUP: group, ...primaryRegion(app) },
    init: initFor(app, app.processes?.[group], source, `processes.${group}`),
    metadata: { fly_platform_version: 'v2', fly_process_group: group },
  };

  const services: MachineService[] = [];
  if (app.http_service && belongs(app.http_service.processes))
    services.push(httpServiceFor(app.http_service));
  for (const service of app.services ?? [])
    if (belongs(service.processes)) services.push(serviceFor(service));
  if (services.length > 0) config.services = services;

  const checks = Object.entries(app.checks ?? {}).filter(([, check]) => belongs(check.processes));
  if (checks.length > 0) {
    const httpPort =
      app.http_service && belongs(app.http_service.processes) ? app.http_service.internal_port : undefined;
    config.checks = {};
    for (const [name, check] of checks) {
      const port = check.port ?? httpPort;
      if (port === undefined) {
        throw new ConfigError(
          `${source}: checks.${name}: no port, and process group '${group}' has no http_service to take it from`,
          source,
        );
      }
      config.checks[name] = topLevelCheckFor(check, port);
    }
  }

  const guest = guestFor(app, group, belongs, source);
  if (guest) config.guest = guest;

  const restarts = (app.restart ?? []).filter((restart) => belongs(restart.processes));
  const restart = restarts.at(-1);
  if (restart) {
    config.restart = compact({
      policy: restart.policy === 'never' ? 'no' : restart.policy,
      max_retries: restart.retries,
    });
  }

  const metrics = (app.metrics ?? []).find((entry) => belongs(entry.processes));
  if (metrics) config.metrics = compact({ port: metrics.port, path: metrics.path, https: metrics.https });

  const stopConfig = stopConfigFor(app);
  if (stopConfig) config.stop_config = stopConfig;

  const mounts = (app.mounts ?? []).filter((mount) => belongs(mount.processes));
  if (mounts.length > 0) {
    config.mounts = mounts.map((mount) =>
      compact({
        name: mount.source,
        path: mount.destination,
        extend_threshold_percent: mount.auto_extend_size_threshold,
        add_size_gb: optionalSizeGb(mount.auto_extend_size_increment),
        size_gb_limit: optionalSizeGb(mount.auto_extend_size_limit),
      }),
    );
  }

  if (app.statics && app.statics.length > 0) config.statics = app.statics.map((entry) => staticFor(entry));

  const files = (app.files ?? []).filter((file) => belongs(file.processes));
  if (files.length > 0) config.files = files.map((file) => fileFor(file, source, options));

  return config;
}

function primaryRegion(app: AppConfig): Record<string, string> {
  return app.primary_region ? { PRIMARY_REGION: app.primary_region } : {};
}

function splitOrThrow(command: string | string[], source: string, where: string): string[] {
  if (Array.isArray(command)) return command;
  try {
    return splitCommand(command);
  } catch (thrown) {
    throw new ConfigError(`${source}: ${where}: ${(thrown as Error).message}`, source);
  }
}

function initFor(
  app: AppConfig,
  processCommand: string | undefined,
  source: string,
  where: string,
): NonNullable<MachineConfig['init']> {
  const experimental = app.experimental;
  const cmd = processCommand ? splitOrThrow(processCommand, source, where) : undefined;
  return compact({
    cmd: cmd ?? (experimental?.cmd ? splitOrThrow(experimental.cmd, source, 'experimental.cmd') : undefined),
    entrypoint: experimental?.entrypoint
      ? splitOrThrow(experimental.entrypoint, source, 'experimental.entrypoint')
      : undefined,
    exec: experimental?.exec ? splitOrThrow(experimental.exec, source, 'experimental.exec') : undefined,
    swap_size_mb: app.swap_size_mb,
  });
}

function duration(milliseconds: number | undefined): string | undefined {
  return milliseconds === undefined ? undefined : formatDuration(milliseconds);
}

function headersFor(headers: Record<string, string | string[]> | undefined) {
  if (!headers || Object.keys(headers).length === 0) return undefined;
  return Object.entries(headers).map(([name, value]) => ({
    name,
    values: Array.isArray(value) ? value : [value],
  }));
}

function httpCheckFor(check: HttpCheckSection): MachineCheck {
  return compact({
    type: 'http',
    interval: duration(check.interval),
    timeout: duration(check.timeout),
    grace_period: duration(check.grace_period),
    method: check.method?.toUpperCase(),
    path: check.path,
    protocol: check.protocol,
    tls_skip_verify: check.tls_skip_verify,
    tls_server_name: check.tls_server_name,
    headers: headersFor(check.headers),
  });
}

function tcpCheckFor(check: TcpCheckSection): MachineCheck {
  return compact({
    type: 'tcp',
    interval: duration(check.interval),
    timeout: duration(check.timeout),
    grace_period: duration(check.grace_period),
  });
}

function topLevelCheckFor(check: TopLevelCheckSection, port: number): MachineCheck {
  const base = check.type === 'http' ? httpCheckFor(check) : tcpCheckFor(check);
  return compact({ ...base, type: check.type, port, kind: check.kind });
}

function httpServiceFor(section: HttpServiceSection): MachineService {
  const checks = (section.checks ?? []).map(httpCheckFor);
  return compact({
    protocol: 'tcp',
    internal_port: section.internal_port,
    ports: [
      compact<MachinePort>({
        port: 80,
        handlers: ['http'],
        force_https: section.force_https || undefined,
        http_options: section.http_options,
      }),
      compact<MachinePort>({
        port: 443,
        handlers: ['http', 'tls'],
        tls_options: section.tls_options,
        http_options: section.http_options,
      }),
    ],
    concurrency: section.concurrency,
    autostop: section.auto_stop_machines,
    autostart: section.auto_start_machines,
    min_machines_running: section.min_machines_running,
    checks: checks.length > 0 ? checks : undefined,
  });
}

function serviceFor(section: ServiceSection): MachineService {
  const checks = [
    ...(section.tcp_checks ?? []).map(tcpCheckFor),
    ...(section.http_checks ?? []).map(httpCheckFor),
  ];
  return compact({
    protocol: section.protocol,
    internal_port: section.internal_port,
    ports: section.ports?.map((port) => compact<MachinePort>({ ...port })),
    concurrency: section.concurrency,
    autostop: section.auto_stop_machines,
    autostart: section.auto_start_machines,
    min_machines_running: section.min_machines_running,
    checks: checks.length > 0 ? checks : undefined,
  });
}

function guestFor(
  app: AppConfig,
  group: string,
  belongs: (processes: string[] | undefined) => boolean,
  source: string,
): GuestConfig | undefined {
  const sections = [...(app.vm ?? []), ...(app.compute ?? [])].filter(
    (section) => !section.processes || section.processes.length === 0 || belongs(section.processes),
  );
  const section = sections.find((entry) => entry.processes?.includes(group)) ?? sections[0];
  if (!section) return undefined;
  try {
    const guest = guestFromCompute(section);
    if (app.host_dedication_id && guest.host_dedication_id === undefined) {
      guest.host_dedication_id = app.host_dedication_id;
    }
    return guest;
  } catch (thrown) {
    throw new ConfigError(`${source}: vm: ${(thrown as Error).message}`, source);
  }
}

function stopConfigFor(app: AppConfig): MachineConfig['stop_config'] {
  if (app.kill_signal === undefined && app.kill_timeout === undefined) return undefined;
  return compact({ timeout: duration(app.kill_timeout), signal: app.kill_signal });
}

function optionalSizeGb(size: string | number | undefined): number | undefined {
  return size === undefined ? undefined : parseSizeGb(size);
}

function staticFor(entry: NonNullable<AppConfig['statics']>[number]): MachineStatic {
  return compact({
    guest_path: entry.guest_path,
    url_prefix: entry.url_prefix,
    tigris_bucket: entry.tigris_bucket,
    index_document: entry.index_document,
  });
}

function fileFor(
  file: NonNullable<AppConfig['files']>[number],
  source: string,
  options: MachineConfigOptions,
): MachineFile {
  let rawValue: string | undefined;
  if (file.raw_value !== undefined) rawValue = Buffer.from(file.raw_value, 'utf8').toString('base64');
  if (file.local_path !== undefined) {
    if (!options.readLocalFile) {
      throw new ConfigError(
        `${source}: files: '${file.local_path}' (local_path) cannot be read here; use raw_value or secret_name`,
        source,
      );
    }
    rawValue = Buffer.from(options.readLocalFile(file.local_path)).toString('base64');
  }
  return compact({
    guest_path: file.guest_path,
    raw_value: rawValue,
    secret_name: file.secret_name,
    mode: file.mode,
  });
}

/** A `processes` list naming a group `[processes]` does not define would configure nothing: flyctl refuses it. */
function assertKnownGroups(app: AppConfig, groups: string[], source: string) {
  const sections: Array<[string, { processes?: string[] | undefined } | undefined]> = [
    ['http_service', app.http_service],
    ...(app.services ?? []).map((entry, index): [string, typeof entry] => [`services[${index}]`, entry]),
    ...Object.entries(app.checks ?? {}).map(([name, entry]): [string, typeof entry] => [
      `checks.${name}`,
      entry,
    ]),
    ...(app.vm ?? []).map((entry, index): [string, typeof entry] => [`vm[${index}]`, entry]),
    ...(app.compute ?? []).map((entry, index): [string, typeof entry] => [`compute[${index}]`, entry]),
    ...(app.restart ?? []).map((entry, index): [string, typeof entry] => [`restart[${index}]`, entry]),
    ...(app.metrics ?? []).map((entry, index): [string, typeof entry] => [`metrics[${index}]`, entry]),
    ...(app.mounts ?? []).map((entry, index): [string, typeof entry] => [`mounts[${index}]`, entry]),
    ...(app.files ?? []).map((entry, index): [string, typeof entry] => [`files[${index}]`, entry]),
  ];
  for (const [where, section] of sections) {
    const unknown = section?.processes?.find((name) => name !== '' && !groups.includes(name));
    if (unknown !== undefined) {
      throw new ConfigError(
        `${source}: ${where}.processes: '${unknown}' is not a process group (groups: ${groups.join(', ')})`,
        source,
      );
    }
  }
}

/**
 * The machine that runs `[deploy] release_command` (flyctl `ToReleaseMachineConfig`): never restarted,
 * destroyed when it exits, not registered in DNS, no services or checks. Its guest is `[deploy]
 * release_command_vm`, else `fallbackGuest` (flyctl uses the largest machine of the default group), else
 * shared-cpu-2x.
 */
export function releaseCommandConfig(
  app: AppConfig,
  image: string,
  command: string[],
  fallbackGuest?: GuestConfig,
): MachineConfig {
  const vm = app.deploy?.release_command_vm;
  const guest = vm ? guestFromCompute(vm) : (fallbackGuest ?? guestForSize(releaseCommandDefaultSize));
  const experimental = app.experimental;
  const config: MachineConfig = {
    image,
    env: {
      ...app.env,
      RELEASE_COMMAND: '1',
      FLY_PROCESS_GROUP: releaseCommandProcessGroup,
      ...primaryRegion(app),
    },
    init: compact({
      cmd: [...command],
      entrypoint: experimental?.entrypoint
        ? splitOrThrow(experimental.entrypoint, 'fly.toml', 'experimental.entrypoint')
        : undefined,
      swap_size_mb: app.swap_size_mb,
    }),
    guest: structuredClone(guest),
    restart: { policy: 'no' },
    auto_destroy: true,
    dns: { skip_registration: true },
    metadata: { fly_platform_version: 'v2', fly_process_group: releaseCommandProcessGroup },
  };
  const stopConfig = stopConfigFor(app);
  if (stopConfig) config.stop_config = stopConfig;
  const files = (app.files ?? []).filter((file) => !file.processes || file.processes.length === 0);
  if (files.length > 0) config.files = files.map((file) => fileFor(file, 'fly.toml', {}));
  return config;
}

/** What fly.toml decides in a machine config; on update these replace the machine's values, or are removed. */
const ownedFields = [
  'env',
  'services',
  'checks',
  'restart',
  'metrics',
  'stop_config',
  'statics',
  'files',
] as const;
const ownedInitFields = ['cmd', 'entrypoint', 'exec', 'swap_size_mb'] as const;

/**
 * The whole config to send when updating a machine to `desired` (from `machineConfigs`) with `image`.
 * Starts from the machine's current config, so what only `fly machine run/update` sets (schedule,
 * auto_destroy, standbys, dns, fields this code does not know) survives; replaces what fly.toml owns; keeps
 * the current guest when fly.toml has no `[[vm]]` (it may come from `fly scale`); adds metadata over the
 * existing keys. An attached volume stays attached: only its mount path and auto-extension follow fly.toml
 * (see `mountChange` for when the machine must be replaced instead). Never mutates its arguments.
 */
export function mergeMachineConfig(
  existing: MachineConfig | undefined,
  desired: MachineConfig,
  image: string,
): MachineConfig {
  const merged: MachineConfig = existing ? structuredClone(existing) : { image };
  const wanted = structuredClone(desired);

  for (const field of ownedFields) delete merged[field];
  const keptInit = { ...merged.init };
  for (const field of ownedInitFields) delete keptInit[field];
  const { image: _image, init, guest, metadata, mounts, ...rest } = wanted;
  Object.assign(merged, rest);
  merged.image = image;
  merged.init = { ...keptInit, ...init };
  if (guest) merged.guest = guest;
  merged.metadata = { ...existing?.metadata, ...metadata };

  const mergedMounts = mergeMounts(existing?.mounts, mounts);
  if (mergedMounts) merged.mounts = mergedMounts;
  else delete merged.mounts;

  // A standby machine that now serves traffic is no longer a standby (flyctl launchInputForUpdate).
  if (merged.services && merged.services.length > 0 && Array.isArray(merged.standbys)) delete merged.standbys;
  return merged;
}

type Mounts = NonNullable<MachineConfig['mounts']>;

function mergeMounts(existing: Mounts | undefined, desired: Mounts | undefined): Mounts | undefined {
  if (!desired || desired.length === 0) return undefined;
  const current = existing?.[0];
  const wanted = desired[0]!;
  if (!current || (current.name && current.name !== wanted.name)) return desired;
  const { extend_threshold_percent, add_size_gb, size_gb_limit, ...attached } = current;
  return [
    compact({
      ...attached,
      path: wanted.path,
      extend_threshold_percent: wanted.extend_threshold_percent,
      add_size_gb: wanted.add_size_gb,
      size_gb_limit: wanted.size_gb_limit,
    }),
    ...desired.slice(1),
  ];
}

/**
 * Why a machine cannot be updated in place to `desired` and must be destroyed and created again, or
 * undefined: a volume cannot be attached to, detached from or swapped on an existing machine.
 */
export function mountChange(existing: MachineConfig, desired: MachineConfig): string | undefined {
  const current = existing.mounts?.[0];
  const wanted = desired.mounts?.[0];
  if (current && !wanted)
    return `it has volume ${current.volume ?? current.name ?? ''} but fly.toml has no mounts`;
  if (!current && wanted) return `fly.toml mounts volume '${wanted.name}' and the machine has none`;
  if (current && wanted && current.name && current.name !== wanted.name) {
    return `it has volume '${current.name}' but fly.toml mounts '${wanted.name}'`;
  }
  return undefined;
}

/** The object without its undefined properties, so configs compare and serialise as written. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

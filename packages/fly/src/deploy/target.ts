import { mergeMachineConfig } from '../config/index';
import type { Machine, MachineConfig } from '../machine-types';
import { deepClone, groupOf, releaseMetadata, withReleaseMetadata } from './plan';

export interface GuestOverride {
  memoryMb?: number;
  cpus?: number;
  cpuKind?: string;
}

export interface TargetRequest {
  image: string;
  groups?: Record<string, MachineConfig>;
  env?: Record<string, string>;
  guest?: Record<string, GuestOverride>;
}

/**
 * The config a group's machines should run, before release metadata: fly.toml's config for the group
 * merged over `existing` when there is one, else `existing` with the new image; then env and guest
 * overrides, which win.
 */
export function groupConfig(
  existing: MachineConfig | undefined,
  group: string,
  request: TargetRequest,
): MachineConfig | undefined {
  const desired = request.groups?.[group];
  let config: MachineConfig;
  if (desired) config = mergeMachineConfig(existing, desired, request.image);
  else if (existing) config = { ...deepClone(existing), image: request.image };
  else return undefined;
  if (request.env) config.env = { ...(config.env ?? {}), ...request.env };
  const guest = request.guest?.[group];
  if (guest) {
    config.guest = {
      ...(config.guest ?? {}),
      ...(guest.memoryMb !== undefined ? { memory_mb: guest.memoryMb } : {}),
      ...(guest.cpus !== undefined ? { cpus: guest.cpus } : {}),
      ...(guest.cpuKind !== undefined ? { cpu_kind: guest.cpuKind } : {}),
    };
  }
  return config;
}

/** The whole config to send to one existing machine, release metadata included. */
export function deployTarget(machine: Machine, request: TargetRequest, releaseId: string): MachineConfig {
  const config = groupConfig(machine.config, groupOf(machine), request)!;
  return withReleaseMetadata(config, releaseMetadata(machine, releaseId));
}

import type { Machine, MachineConfig } from '../machine-types';

/** Process groups a deploy never touches: one-off machines flyctl makes for itself. */
const reservedGroups = new Set([
  'fly_app_release_command',
  'fly_app_test_machine_command',
  'fly_app_console',
]);

/** Metadata a release writes; configs are compared without them, or every release would differ. */
export const releaseMetadataKeys = [
  'shipgate_release_id',
  'shipgate_previous_image',
  'shipgate_previous_release_id',
  'shipgate_images',
  'shipgate_rolled_back_from',
  'fly_release_id',
  'fly_release_version',
] as const;

/** How many images a machine remembers in `shipgate_images`. */
export const imageHistoryLength = 10;

export function groupOf(machine: Machine): string {
  const metadata = machine.config?.metadata ?? {};
  return metadata.fly_process_group || metadata.process_group || 'app';
}

/**
 * The machines a deploy works on: not destroyed, not one-off groups, and only Fly Launch (v2) machines
 * unless none are marked (flyctl's rule). Sorted by id, which is also rolling order.
 */
export function deployableMachines(machines: readonly Machine[]): Machine[] {
  const active = machines.filter(
    (machine) =>
      machine.state !== 'destroyed' &&
      machine.state !== 'destroying' &&
      !reservedGroups.has(groupOf(machine)),
  );
  const v2 = active.filter((machine) => machine.config?.metadata?.fly_platform_version === 'v2');
  return (v2.length > 0 ? v2 : active).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * How many machines of a group may be down at once. Below 1 it is a share of the group's started
 * machines, rounded up; 1 and above a count. Never less than 1, so a rollout always moves. The value was
 * checked once, by `checkRequest`.
 */
export function maxUnavailableCount(maxUnavailable: number, startedMachines: number): number {
  if (maxUnavailable >= 1) return Math.floor(maxUnavailable);
  return Math.max(1, Math.ceil(startedMachines * maxUnavailable));
}

/** flyctl's rule: an update only starts a machine that was started, starting or failed before. */
export function shouldSkipLaunch(state: string): boolean {
  return !(state === 'started' || state === 'starting' || state === 'failed');
}

export function isWarm(machine: Machine): boolean {
  return machine.state === 'started';
}

/** Rolling order inside a group: cold machines (not started) first, then the warm ones, each by id. */
export function splitColdWarm<T extends { machine: Machine }>(plans: readonly T[]): { cold: T[]; warm: T[] } {
  const sorted = [...plans].sort((a, b) => a.machine.id.localeCompare(b.machine.id));
  return {
    cold: sorted.filter((plan) => !isWarm(plan.machine)),
    warm: sorted.filter((plan) => isWarm(plan.machine)),
  };
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = groups.get(name);
    if (list) list.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

export function hasChecks(config: MachineConfig): boolean {
  if (config.checks && Object.keys(config.checks).length > 0) return true;
  return (config.services ?? []).some((service) => (service.checks ?? []).length > 0);
}

/** Non-empty and every check passing: warning and critical keep a machine waiting, as in flyctl. */
export function checksPassing(machine: Machine): boolean {
  const checks = machine.checks ?? [];
  return checks.length > 0 && checks.every((check) => check.status === 'passing');
}

/** A started machine whose checks (when it has any) all pass, or one that was deliberately not running. */
export function isHealthy(machine: Machine): boolean {
  if (machine.state === 'failed') return false;
  if (machine.state !== 'started') return machine.state === 'stopped' || machine.state === 'suspended';
  return !hasChecks(machine.config) || checksPassing(machine);
}

/** Deep equality of JSON values where an absent key equals `undefined`. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    if (!jsonEqual(left[key], right[key])) return false;
  }
  return true;
}

function withoutReleaseMetadata(config: MachineConfig): MachineConfig {
  const metadata: Record<string, string> = { ...(config.metadata ?? {}) };
  for (const key of releaseMetadataKeys) delete metadata[key];
  return { ...config, metadata };
}

/** Same image and the same config apart from release bookkeeping. */
export function configsMatch(current: MachineConfig, target: MachineConfig): boolean {
  return (
    current.image === target.image &&
    jsonEqual(withoutReleaseMetadata(current), withoutReleaseMetadata(target))
  );
}

/** A machine a re-run leaves alone: already on the target and healthy. */
export function isConverged(machine: Machine, target: MachineConfig): boolean {
  return configsMatch(machine.config, target) && isHealthy(machine);
}

/** The images a machine remembers having run healthy, newest first; tolerant of hand-edited metadata. */
export function imageHistory(config: MachineConfig): string[] {
  const raw = config.metadata?.shipgate_images;
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export function pushImage(history: readonly string[], image: string): string[] {
  return [image, ...history.filter((item) => item !== image)].slice(0, imageHistoryLength);
}

/**
 * The bookkeeping a release writes into a machine's metadata, in the same update as the change. The image
 * the machine leaves joins `shipgate_images` only when it was running healthy; the new image joins on the
 * next release, once it has proved itself.
 */
export function releaseMetadata(machine: Machine, releaseId: string): Record<string, string> {
  const current = machine.config;
  const history = imageHistory(current);
  const ranHealthy = machine.state === 'started' && isHealthy(machine);
  const metadata: Record<string, string> = {
    shipgate_release_id: releaseId,
    shipgate_previous_image: current.image,
    shipgate_images: JSON.stringify(ranHealthy ? pushImage(history, current.image) : history),
    fly_release_id: releaseId,
  };
  const previousRelease = current.metadata?.shipgate_release_id;
  if (previousRelease) metadata.shipgate_previous_release_id = previousRelease;
  return metadata;
}

/** Writes release metadata into a target config, dropping a stale rollback marker. */
export function withReleaseMetadata(target: MachineConfig, metadata: Record<string, string>): MachineConfig {
  const merged: Record<string, string> = { ...(target.metadata ?? {}) };
  delete merged.shipgate_rolled_back_from;
  delete merged.shipgate_previous_release_id;
  return { ...target, metadata: { ...merged, ...metadata } };
}

let lastIdTime = 0;
let idSequence = 0;

/** A release id that sorts by time: `r` + base36 milliseconds + a sequence + random. */
export function newReleaseId(now: number = Date.now()): string {
  if (now === lastIdTime) idSequence++;
  else {
    lastIdTime = now;
    idSequence = 0;
  }
  const random = Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `r${now.toString(36).padStart(9, '0')}${idSequence.toString(36).padStart(2, '0')}${random}`;
}

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}

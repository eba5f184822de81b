// The plan: per target and name, what this run does and why. Names and reasons only — never a value or a
// digest — so it can be printed, written as an output and kept in the report.
import type { Mirror } from './config';
import { digestKeyId, stateDigest, type TargetState } from './state';
import { type ResolvedTarget, remoteName } from './targets';

export type PlanAction = 'create' | 'update' | 'unchanged' | 'drift' | 'delete' | 'rotate';
export const planActions: readonly PlanAction[] = [
  'create',
  'update',
  'unchanged',
  'drift',
  'delete',
  'rotate',
];

export interface PlanItem {
  mirror: string;
  /** The target's id (`github:environment:acme/shop/staging`, `fly:shop-staging`). */
  target: string;
  name: string;
  action: PlanAction;
  /** Why, in a few words: `absent`, `value changed`, `changed outside the mirror`, `rotation run`… */
  reason: string;
  /** Where the value comes from (`vault/shop/prod.env:4`, `generated`). */
  origin?: string;
  /** Whether the item writes: drift does unless on-drift is `report`. */
  writes: boolean;
}

/** What a target holds, as listed: GitHub gives updated_at, Fly also its digest. */
export interface RemoteSecret {
  name: string;
  updatedAt?: string;
  digest?: string;
}

export interface DesiredSecret {
  name: string;
  origin: string;
  /** The value's keyed digest; undefined without a digest key. */
  digest?: string;
  generated?: boolean;
}

export interface TargetSnapshot {
  target: ResolvedTarget;
  remote: RemoteSecret[];
  state: TargetState;
}

export interface PlanRequest {
  mirror: Pick<Mirror, 'name' | 'prune'>;
  /** Values from the sources (after renames); they are digested here and not kept. */
  entries: ReadonlyArray<{ name: string; value: string; origin: string }>;
  generated: readonly string[];
  snapshots: TargetSnapshot[];
  digestKey?: string;
  rotate: boolean;
  onDrift: 'rewrite' | 'report';
}

/**
 * Plans every target of one mirror. A generated secret missing at some target gets one new value written to
 * every target (the values are write-only, so the others cannot be copied), as does every generated secret on
 * a rotation run.
 */
export function planMirror(request: PlanRequest): PlanItem[] {
  const keyId = request.digestKey ? digestKeyId(request.digestKey) : undefined;
  const desired: DesiredSecret[] = request.entries.map((entry) => ({
    name: entry.name,
    origin: entry.origin,
    ...(request.digestKey ? { digest: stateDigest(request.digestKey, entry.name, entry.value) } : {}),
  }));
  const rotated = new Map<string, string>();
  for (const name of request.generated) {
    const missingSomewhere = request.snapshots.some(
      ({ target, remote }) => !remoteNames(target, remote).has(remoteName(target, name)),
    );
    if (request.rotate) rotated.set(name, 'rotation run');
    else if (missingSomewhere) rotated.set(name, 'absent at another target: one new value for all');
  }
  for (const name of request.generated) desired.push({ name, origin: 'generated', generated: true });
  return request.snapshots.flatMap((snapshot) =>
    planTarget({ ...snapshot, desired, keyId, rotated, mirror: request.mirror, onDrift: request.onDrift }),
  );
}

interface TargetPlanInput extends TargetSnapshot {
  mirror: Pick<Mirror, 'name' | 'prune'>;
  desired: DesiredSecret[];
  keyId: string | undefined;
  /** Generated names that get a new value this run, and why. */
  rotated: Map<string, string>;
  onDrift: 'rewrite' | 'report';
}

function remoteNames(target: ResolvedTarget, remote: RemoteSecret[]): Set<string> {
  return new Set(remote.map((secret) => remoteName(target, secret.name)));
}

function planTarget(input: TargetPlanInput): PlanItem[] {
  const { target, state } = input;
  const remote = new Map(input.remote.map((secret) => [remoteName(target, secret.name), secret]));
  const keyChanged = input.keyId !== undefined && state.keyId !== undefined && state.keyId !== input.keyId;
  const items: PlanItem[] = [];
  const item = (name: string, action: PlanAction, reason: string, origin?: string): PlanItem => ({
    mirror: input.mirror.name,
    target: target.id,
    name,
    action,
    reason,
    ...(origin ? { origin } : {}),
    writes: action !== 'unchanged' && (action !== 'drift' || input.onDrift === 'rewrite'),
  });
  const wanted = new Set<string>();

  for (const secret of input.desired) {
    const name = remoteName(target, secret.name);
    wanted.add(name);
    const present = remote.get(name);
    const recorded = state.secrets[name];
    const add = (action: PlanAction, reason: string) => items.push(item(name, action, reason, secret.origin));
    if (secret.generated) {
      if (!present) add('create', 'absent: a new random value');
      else if (input.rotated.has(secret.name)) add('rotate', input.rotated.get(secret.name)!);
      else add('unchanged', 'generated, present');
      continue;
    }
    if (!present) add('create', 'absent');
    else if (!secret.digest) add('update', 'no digest key: written every run');
    else if (!recorded?.digest) add('update', 'not written by the mirror before');
    else if (keyChanged) add('update', 'digest key changed');
    else if (recorded.digest !== secret.digest) add('update', 'value changed');
    else if (changedSinceWrite(target, present, recorded)) add('drift', 'changed outside the mirror');
    else add('unchanged', 'same value');
  }

  const prune = input.mirror.prune;
  if (prune) {
    for (const name of [...remote.keys()].sort()) {
      if (wanted.has(name)) continue;
      if (prune === 'all') items.push(item(name, 'delete', 'in no source (prune: all)'));
      else if (state.secrets[name]) items.push(item(name, 'delete', 'in no source, written by the mirror'));
    }
  }
  return items;
}

/** GitHub: updated_at moved since our write. Fly: its digest of the value moved. Unknown marks never drift. */
function changedSinceWrite(
  target: ResolvedTarget,
  present: RemoteSecret,
  recorded: TargetState['secrets'][string],
): boolean {
  if (target.kind === 'fly' && recorded.remoteDigest && present.digest) {
    return recorded.remoteDigest !== present.digest;
  }
  if (target.kind === 'github' && recorded.remoteUpdatedAt && present.updatedAt) {
    return Date.parse(recorded.remoteUpdatedAt) !== Date.parse(present.updatedAt);
  }
  return false;
}

/** How many items of each action, every action present (0 when none). */
export function countActions(items: readonly PlanItem[]): Record<PlanAction, number> {
  const counts = Object.fromEntries(planActions.map((action) => [action, 0])) as Record<PlanAction, number>;
  for (const entry of items) counts[entry.action]++;
  return counts;
}

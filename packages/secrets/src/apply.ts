// Applying one target's plan: environment first, then the secrets (Fly: one bulk update), then — only after
// writes succeeded — the state variable. A failed write leaves its old state entry, so the next run plans it
// again; a run with nothing to write makes no request at all.

import type { FlyApi } from '@shipgate/fly';
import type { GitHubApi } from '@shipgate/github';
import type { Redactor } from '@shipgate/kit';
import { errorMessage } from '@shipgate/kit';
import type { PlanItem, RemoteSecret } from './plan';
import { listRemote } from './remote';
import { digestKeyId, serializeState, stateDigest, type TargetState } from './state';
import type { ResolvedTarget } from './targets';

export type WriteOperation =
  | 'create-environment'
  | 'put-secret'
  | 'delete-secret'
  | 'update-secrets'
  | 'write-state';

export interface WriteResult {
  mirror: string;
  target: string;
  operation: WriteOperation;
  /** The secret, for put and delete; the secrets for Fly's bulk update. */
  names: string[];
  ok: boolean;
  /** Why it failed: one line, values removed. */
  error?: string;
  /** The permission GitHub says the token lacks. */
  permission?: string;
}

export interface ApplyRequest {
  mirror: string;
  target: ResolvedTarget;
  /** This target's items; only those with `writes` are applied. */
  items: PlanItem[];
  /** Values by the item's name (as planned for this target). */
  values: ReadonlyMap<string, string>;
  state: TargetState;
  createEnvironment: boolean;
  digestKey?: string;
  clients: { github?: GitHubApi; fly?: FlyApi };
  redactor: Redactor;
  now: () => Date;
  /** Called as each write ends (GitHub's are paced one at a time), for the progress lines. */
  onResult?: (result: WriteResult) => void;
}

export interface ApplyOutcome {
  results: WriteResult[];
  /** Names written (or deleted) successfully, with the time the write started. */
  written: Map<string, Date>;
  deleted: Set<string>;
  /** The target as listed after the writes, when anything was written. */
  remoteAfter?: RemoteSecret[];
  /** Fly only: the secrets version of the bulk update and when it was made. */
  flyWrite?: { version: number; at: Date };
}

export async function applyPlan(request: ApplyRequest): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { results: [], written: new Map(), deleted: new Set() };
  const writing = request.items.filter((item) => item.writes);
  if (writing.length === 0) return outcome;
  const record = (operation: WriteOperation, names: string[], thrown?: unknown) => {
    const result: WriteResult = {
      mirror: request.mirror,
      target: request.target.id,
      operation,
      names,
      ok: !thrown,
    };
    if (thrown !== undefined) {
      result.error = request.redactor.redact(errorMessage(thrown));
      const permission = (thrown as { permission?: unknown }).permission;
      if (typeof permission === 'string') result.permission = permission;
    }
    outcome.results.push(result);
    request.onResult?.(result);
    return result.ok;
  };

  if (request.target.kind === 'fly') await applyFly(request, writing, outcome, record);
  else await applyGitHub(request, writing, outcome, record);
  if (outcome.written.size === 0 && outcome.deleted.size === 0) return outcome;

  try {
    outcome.remoteAfter = await listRemote(request.target, request.clients);
  } catch {
    // The state is kept without remote marks then: the next run cannot see drift for these names, once.
    outcome.remoteAfter = undefined;
  }
  await writeState(request, outcome, record);
  return outcome;
}

type Record_ = (operation: WriteOperation, names: string[], thrown?: unknown) => boolean;

async function applyGitHub(request: ApplyRequest, items: PlanItem[], outcome: ApplyOutcome, record: Record_) {
  const target = request.target;
  if (target.kind !== 'github') return;
  const github = request.clients.github!;
  if (request.createEnvironment && target.scope.kind === 'environment') {
    const { owner, repo, environment } = target.scope;
    try {
      await github.createEnvironment(owner, repo, environment);
      record('create-environment', []);
    } catch (thrown) {
      // Nothing can be written into an environment that is not there.
      record('create-environment', [], thrown);
      return;
    }
  }
  for (const item of items) {
    const at = request.now();
    if (item.action === 'delete') {
      try {
        await github.deleteSecret(target.scope, item.name);
        if (record('delete-secret', [item.name])) outcome.deleted.add(item.name);
      } catch (thrown) {
        record('delete-secret', [item.name], thrown);
      }
      continue;
    }
    try {
      await github.putSecret(target.scope, item.name, request.values.get(item.name)!);
      record('put-secret', [item.name]);
      outcome.written.set(item.name, at);
    } catch (thrown) {
      record('put-secret', [item.name], thrown);
    }
  }
}

async function applyFly(request: ApplyRequest, items: PlanItem[], outcome: ApplyOutcome, record: Record_) {
  const target = request.target;
  if (target.kind !== 'fly') return;
  const values: Record<string, string | null> = {};
  for (const item of items)
    values[item.name] = item.action === 'delete' ? null : request.values.get(item.name)!;
  const names = items.map((item) => item.name);
  const at = request.now();
  try {
    const { version } = await request.clients.fly!.updateSecrets(target.app, values);
    record('update-secrets', names);
    outcome.flyWrite = { version, at };
    for (const item of items) {
      if (item.action === 'delete') outcome.deleted.add(item.name);
      else outcome.written.set(item.name, at);
    }
  } catch (thrown) {
    record('update-secrets', names, thrown);
  }
}

async function writeState(request: ApplyRequest, outcome: ApplyOutcome, record: Record_) {
  const { target } = request;
  const github = request.clients.github;
  if (!github || !target.stateScope) return;
  const state: TargetState = {
    version: 1,
    ...(request.digestKey ? { keyId: digestKeyId(request.digestKey) } : {}),
    secrets: { ...request.state.secrets },
  };
  // Entries from another key would never match again; drop them rather than keep dead digests.
  if (request.state.keyId !== state.keyId) {
    for (const name of Object.keys(state.secrets)) if (!outcome.written.has(name)) delete state.secrets[name];
  }
  const after = new Map((outcome.remoteAfter ?? []).map((secret) => [secret.name.toUpperCase(), secret]));
  for (const name of outcome.deleted) delete state.secrets[name];
  for (const [name, at] of outcome.written) {
    const listed = after.get(name.toUpperCase());
    const value = request.values.get(name)!;
    state.secrets[name] = {
      ...(request.digestKey ? { digest: stateDigest(request.digestKey, name, value) } : {}),
      writtenAt: at.toISOString(),
      ...(listed?.updatedAt ? { remoteUpdatedAt: listed.updatedAt } : {}),
      ...(target.kind === 'fly' && listed?.digest ? { remoteDigest: listed.digest } : {}),
    };
  }
  if (outcome.remoteAfter) {
    for (const name of Object.keys(state.secrets))
      if (!after.has(name.toUpperCase())) delete state.secrets[name];
  }
  try {
    await github.setVariable(
      target.stateScope,
      target.stateVariable,
      serializeState(state, target.stateVariable),
    );
    record('write-state', []);
  } catch (thrown) {
    record('write-state', [], thrown);
  }
}

// Reading a target before the plan and after the writes: its secrets (names and times, never values), and
// the state the mirror left in its variable.

import type { FlyApi } from '@shipgate/fly';
import type { GitHubApi } from '@shipgate/github';
import type { RemoteSecret, TargetSnapshot } from './plan';
import { emptyState, parseState } from './state';
import type { ResolvedTarget } from './targets';

export interface RemoteClients {
  github?: GitHubApi;
  fly?: FlyApi;
}

export interface TargetRead extends TargetSnapshot {
  /** A GitHub environment that does not exist yet and will be created (create-environment). */
  createEnvironment: boolean;
  warnings: string[];
}

export async function listRemote(target: ResolvedTarget, clients: RemoteClients): Promise<RemoteSecret[]> {
  if (target.kind === 'fly') {
    const secrets = await need(clients.fly, target).listSecrets(target.app);
    return secrets.map((secret) => ({
      name: secret.name,
      ...(secret.updated_at ? { updatedAt: secret.updated_at } : {}),
      ...(secret.digest ? { digest: secret.digest } : {}),
    }));
  }
  const secrets = await need(clients.github, target).listSecrets(target.scope);
  return secrets.map((secret) => ({ name: secret.name, updatedAt: secret.updatedAt }));
}

/** The target's secrets and state; a missing environment is an error unless the mirror may create it. */
export async function readTarget(target: ResolvedTarget, clients: RemoteClients): Promise<TargetRead> {
  const warnings: string[] = [];
  if (target.kind === 'github' && target.scope.kind === 'environment') {
    const { owner, repo, environment } = target.scope;
    const found = await need(clients.github, target).getEnvironment(owner, repo, environment);
    if (!found) {
      if (!target.createEnvironment) {
        throw new Error(
          `environment '${environment}' does not exist in ${owner}/${repo}; create it or set create-environment: true`,
        );
      }
      return { target, remote: [], state: emptyState(), createEnvironment: true, warnings };
    }
  }
  const remote = await listRemote(target, clients);
  let state = emptyState();
  if (!clients.github || !target.stateScope) {
    warnings.push(
      `${target.label}: no GitHub repository to keep the mirror's state in; every secret is written and prune only removes what 'prune: all' allows`,
    );
  } else {
    const variable = await clients.github.getVariable(target.stateScope, target.stateVariable);
    const parsed = parseState(variable?.value);
    state = parsed.state;
    if (parsed.problem) {
      warnings.push(`${target.label}: variable ${target.stateVariable} ${parsed.problem}; starting afresh`);
    }
  }
  return { target, remote, state, createEnvironment: false, warnings };
}

function need<T>(client: T | undefined, target: ResolvedTarget): T {
  if (!client) {
    throw new Error(
      `${target.label}: no ${target.kind === 'fly' ? 'Fly' : 'GitHub'} API client (give a token)`,
    );
  }
  return client;
}

// Where a mirror writes, resolved against the run: the GitHub scope (or Fly app), a label for people, and
// where the target's state variable lives.
import type { SecretScope } from '@shipgate/github';
import type { Mirror, TargetSpec } from './config';

export interface Repository {
  owner: string;
  repo: string;
}

interface TargetBase {
  /** Stable and unique: `github:environment:acme/shop/staging`, `fly:shop-staging`. */
  id: string;
  /** For people: `GitHub environment acme/shop staging`, `Fly app shop-staging`. */
  label: string;
  /** The variable holding this target's state, and its scope (undefined: no GitHub to keep it in). */
  stateVariable: string;
  stateScope?: SecretScope;
}

export interface GitHubTarget extends TargetBase {
  kind: 'github';
  scope: SecretScope;
  createEnvironment: boolean;
}

export interface FlyTarget extends TargetBase {
  kind: 'fly';
  app: string;
}

export type ResolvedTarget = GitHubTarget | FlyTarget;

export interface ResolveContext {
  /** The run's repository (GITHUB_REPOSITORY), the default of GitHub targets and home of Fly states. */
  repository?: Repository;
  digestVariable: string;
}

export function parseRepository(text: string): Repository {
  const [owner, repo, extra] = text.split('/');
  if (!owner || !repo || extra !== undefined) throw new Error(`expected owner/repo, got '${text}'`);
  return { owner, repo };
}

/** The mirror's targets; a GitHub target without `repository` needs the run's repository. */
export function resolveTargets(mirror: Mirror, context: ResolveContext): ResolvedTarget[] {
  return mirror.targets.map((spec) => resolveTarget(mirror.name, spec, context));
}

function resolveTarget(mirror: string, spec: TargetSpec, context: ResolveContext): ResolvedTarget {
  if ('fly' in spec) {
    const app = spec.fly.app;
    const repository = context.repository;
    return {
      kind: 'fly',
      id: `fly:${app}`,
      label: `Fly app ${app}`,
      app,
      stateVariable: `${context.digestVariable}_FLY_${app.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`,
      ...(repository ? { stateScope: { kind: 'repository', ...repository } } : {}),
    };
  }
  const github = spec.github;
  const stateVariable = context.digestVariable;
  if (github.organization) {
    const org = github.organization;
    return {
      kind: 'github',
      id: `github:organization:${org}`,
      label: `GitHub organization ${org}`,
      scope: {
        kind: 'organization',
        org,
        visibility: github.visibility ?? 'private',
        ...(github['selected-repositories']
          ? { selectedRepositoryIds: github['selected-repositories'] }
          : {}),
      },
      createEnvironment: false,
      stateVariable,
      // Read through the API only; no workflow needs it, so no repository is given access.
      stateScope: { kind: 'organization', org, visibility: 'private' },
    };
  }
  const repository = github.repository ? parseRepository(github.repository) : context.repository;
  if (!repository) {
    throw new Error(
      `mirror '${mirror}': a GitHub target without 'repository' needs the run's repository (GITHUB_REPOSITORY)`,
    );
  }
  const slug = `${repository.owner}/${repository.repo}`;
  if (github.environment) {
    const scope: SecretScope = { kind: 'environment', ...repository, environment: github.environment };
    return {
      kind: 'github',
      id: `github:environment:${slug}/${github.environment}`,
      label: `GitHub environment ${slug} ${github.environment}`,
      scope,
      createEnvironment: github['create-environment'],
      stateVariable,
      stateScope: scope,
    };
  }
  const scope: SecretScope = { kind: 'repository', ...repository };
  return {
    kind: 'github',
    id: `github:repository:${slug}`,
    label: `GitHub repository ${slug}`,
    scope,
    createEnvironment: false,
    stateVariable,
    stateScope: scope,
  };
}

/** GitHub stores names upper case and compares them without case; Fly keeps them as written. */
export function remoteName(target: ResolvedTarget, name: string): string {
  return target.kind === 'github' ? name.toUpperCase() : name;
}

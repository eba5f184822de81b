// The simulated GitHub state: organisations, repositories, environments, and per scope the Actions
// secrets (opened plaintext, kept for test assertions), variables and the scope's sealed-box key pair.
import { randomInt } from 'node:crypto';
import type { SecretScope } from '../../../github/src/api';
import { type KeyPair, newKeyPair } from './sodium';

export type { SecretScope };
export type Visibility = 'all' | 'private' | 'selected';

export interface SecretRecord {
  name: string;
  /** The plaintext the simulator opened from the sealed box. */
  value: string;
  createdAt: string;
  updatedAt: string;
  visibility?: Visibility;
  selectedRepositoryIds?: number[];
}

export interface VariableRecord {
  name: string;
  value: string;
  createdAt: string;
  updatedAt: string;
  visibility?: Visibility;
  selectedRepositoryIds?: number[];
}

/** Where secrets and variables live: a repository, one of its environments, or an organisation. */
export interface ScopeState {
  kind: SecretScope['kind'];
  secrets: Map<string, SecretRecord>;
  variables: Map<string, VariableRecord>;
  /** Created on first use (the first public-key request or write). */
  keyPair?: KeyPair;
  secretLimit: number;
  variableLimit: number;
}

export interface ReviewerRecord {
  type: 'User' | 'Team';
  id: number;
}

export interface SimEnvironment {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: ReviewerRecord[];
  branchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  scope: ScopeState;
}

export interface DeploymentStatusRecord {
  id: number;
  state: string;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: string;
}

export interface SimDeployment {
  id: number;
  ref: string;
  sha: string;
  task: string;
  payload: unknown;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  statuses: DeploymentStatusRecord[];
}

export interface SimRepository {
  id: number;
  owner: string;
  name: string;
  createdAt: string;
  environments: Map<string, SimEnvironment>;
  scope: ScopeState;
  /** Oldest first. */
  deployments: SimDeployment[];
}

export interface SimOrganization {
  id: number;
  login: string;
  createdAt: string;
  scope: ScopeState;
}

/** GitHub's timestamps: ISO 8601 in UTC, whole seconds. */
export function timestamp(now = Date.now()): string {
  return new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newScope(kind: SecretScope['kind']): ScopeState {
  const limits = {
    repository: { secretLimit: 100, variableLimit: 500 },
    environment: { secretLimit: 100, variableLimit: 100 },
    organization: { secretLimit: 1000, variableLimit: 1000 },
  }[kind];
  return { kind, secrets: new Map(), variables: new Map(), ...limits };
}

export function keyPairOf(scope: ScopeState): KeyPair {
  scope.keyPair ??= newKeyPair();
  return scope.keyPair;
}

/** Repository, organisation and environment names are case-insensitive on GitHub. */
export const nameKey = (name: string) => name.toLowerCase();

export class GitHubState {
  readonly repositories = new Map<string, SimRepository>();
  readonly organizations = new Map<string, SimOrganization>();
  private nextId = 1_000_000 + randomInt(0, 100_000);
  private nextDeploymentId = 1;
  private nextStatusId = 1;

  id(): number {
    return this.nextId++;
  }

  deploymentId(): number {
    return this.nextDeploymentId++;
  }

  statusId(): number {
    return this.nextStatusId++;
  }

  addRepository(owner: string, name: string, id?: number): SimRepository {
    const key = nameKey(`${owner}/${name}`);
    const existing = this.repositories.get(key);
    if (existing) return existing;
    if (id !== undefined && [...this.repositories.values()].some((repo) => repo.id === id))
      throw new Error(`repository id ${id} is taken`);
    const repository: SimRepository = {
      id: id ?? this.id(),
      owner,
      name,
      createdAt: timestamp(),
      environments: new Map(),
      scope: newScope('repository'),
      deployments: [],
    };
    this.repositories.set(key, repository);
    return repository;
  }

  addOrganization(login: string): SimOrganization {
    const key = nameKey(login);
    const existing = this.organizations.get(key);
    if (existing) return existing;
    const organization: SimOrganization = {
      id: this.id(),
      login,
      createdAt: timestamp(),
      scope: newScope('organization'),
    };
    this.organizations.set(key, organization);
    return organization;
  }

  repository(owner: string, name: string): SimRepository | undefined {
    return this.repositories.get(nameKey(`${owner}/${name}`));
  }

  repositoryById(id: number): SimRepository | undefined {
    return [...this.repositories.values()].find((repo) => repo.id === id);
  }

  organization(login: string): SimOrganization | undefined {
    return this.organizations.get(nameKey(login));
  }

  /** Creates the environment with no protection rules, or returns the existing one. */
  ensureEnvironment(repository: SimRepository, name: string): SimEnvironment {
    const key = nameKey(name);
    const existing = repository.environments.get(key);
    if (existing) return existing;
    const now = timestamp();
    const environment: SimEnvironment = {
      id: this.id(),
      name,
      createdAt: now,
      updatedAt: now,
      waitTimer: 0,
      preventSelfReview: false,
      reviewers: [],
      branchPolicy: null,
      scope: newScope('environment'),
    };
    repository.environments.set(key, environment);
    return environment;
  }

  /** The scope object of a SecretScope, or undefined when its repository/organisation/environment is unknown. */
  scope(scope: SecretScope): ScopeState | undefined {
    if (scope.kind === 'organization') return this.organization(scope.org)?.scope;
    const repository = this.repository(scope.owner, scope.repo);
    if (scope.kind === 'repository') return repository?.scope;
    return repository?.environments.get(nameKey(scope.environment))?.scope;
  }
}

/** `[A-Za-z0-9_]`, no leading digit, no `GITHUB_` prefix (reference §4.3); the reason, or undefined. */
export function invalidSecretName(name: string): string | undefined {
  if (name === '') return 'name must not be empty';
  if (!/^[A-Za-z0-9_]+$/.test(name))
    return 'name may only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_)';
  if (/^[0-9]/.test(name)) return 'name must not start with a number';
  if (/^GITHUB_/i.test(name)) return 'name must not start with the GITHUB_ prefix';
  return undefined;
}

/** 48 KB per secret or variable value, measured on the plaintext. */
export const maxValueBytes = 48 * 1024;

/** Where an Actions secret or variable lives. */
export type SecretScope =
  | { kind: 'repository'; owner: string; repo: string }
  | { kind: 'environment'; owner: string; repo: string; environment: string }
  | {
      kind: 'organization';
      org: string;
      /** For writes: who may use it (default `private`). */
      visibility?: 'all' | 'private' | 'selected';
      /** With `selected`: the repositories that may use it. */
      selectedRepositoryIds?: number[];
    };

/** What GitHub tells of a secret: never its value. */
export interface SecretInfo {
  name: string;
  createdAt: string;
  updatedAt: string;
  visibility?: string;
}

export interface Variable {
  name: string;
  value: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface DeploymentInput {
  ref: string;
  environment: string;
  description?: string;
  payload?: Record<string, unknown>;
  /** GitHub merges the default branch into `ref` unless this is false (then 202 and no deployment). */
  autoMerge?: boolean;
  /** Commit status contexts that must pass; [] skips the check. */
  requiredContexts?: string[];
  transientEnvironment?: boolean;
  productionEnvironment?: boolean;
}

export type DeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'in_progress'
  | 'queued'
  | 'pending'
  | 'success';

export interface DeploymentStatusInput {
  state: DeploymentState;
  environmentUrl?: string;
  logUrl?: string;
  description?: string;
  autoInactive?: boolean;
}

/**
 * The GitHub REST calls shipgate makes. `GitHubClient` implements it with Octokit (retry and throttling);
 * packages/secrets only sees this interface. Every method throws `GitHubApiError` after the retries that
 * are safe, with the permission GitHub says is missing when it answers 403.
 */
export interface GitHubApi {
  /** Every secret of the scope (all pages), names as GitHub returns them (upper case). */
  listSecrets(scope: SecretScope): Promise<SecretInfo[]>;
  /** Seals `value` with the scope's public key (fetched once per scope) and writes it. */
  putSecret(scope: SecretScope, name: string, value: string): Promise<'created' | 'updated'>;
  deleteSecret(scope: SecretScope, name: string): Promise<void>;

  listVariables(scope: SecretScope): Promise<Variable[]>;
  getVariable(scope: SecretScope, name: string): Promise<Variable | undefined>;
  /** Creates or updates. */
  setVariable(scope: SecretScope, name: string, value: string): Promise<'created' | 'updated'>;
  deleteVariable(scope: SecretScope, name: string): Promise<void>;

  /** undefined when the environment does not exist. */
  getEnvironment(owner: string, repo: string, environment: string): Promise<{ name: string } | undefined>;
  createEnvironment(owner: string, repo: string, environment: string): Promise<void>;
  getRepositoryId(owner: string, repo: string): Promise<number>;

  /** undefined when GitHub answered 202 (it merged the default branch instead of deploying). */
  createDeployment(owner: string, repo: string, input: DeploymentInput): Promise<{ id: number } | undefined>;
  createDeploymentStatus(
    owner: string,
    repo: string,
    deploymentId: number,
    input: DeploymentStatusInput,
  ): Promise<void>;
}

// startGitHubSandbox: the part of api.github.com that shipgate uses (Actions secrets, variables,
// environments, deployments), on 127.0.0.1, checked against GitHub's OpenAPI description, with faults.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { GitHubError } from './errors';
import { type GitHubFault, GitHubFaults, gitHubFaultSchema } from './faults';
import { GitHubState, type SecretScope, type Visibility } from './model';
import type { GitHubRoute } from './routes/common';
import { gitHubRoute } from './routes/common';
import { deploymentRoutes } from './routes/deployments';
import { environmentRoutes } from './routes/environments';
import { type RateLimitCounter, repositoryRoutes } from './routes/repos';
import { secretRoutes } from './routes/secrets';
import { variableRoutes } from './routes/variables';
import { createGitHubServer, type GitHubRecordedRequest, type GitHubSpecViolation } from './server';
import { sodiumReady } from './sodium';

export interface GitHubSandboxOptions {
  /** Port (default 0: any free one). Always on 127.0.0.1. */
  port?: number;
  /** The accepted token; by default any non-empty `Authorization: token X` or `Bearer X` passes. */
  token?: string;
  /** Check requests against GitHub's OpenAPI description (default true). */
  checkSpec?: boolean;
  log?: (line: string) => void;
}

export interface AddRepositoryOptions {
  /** The repository id (default: a fresh one). */
  id?: number;
  /** Environments to create with no protection rules. */
  environments?: string[];
}

/** A secret as GitHub lists it, never with its value. */
export interface GitHubSecretSnapshot {
  name: string;
  createdAt: string;
  updatedAt: string;
  visibility?: Visibility;
  selectedRepositoryIds?: number[];
}

export interface GitHubVariableSnapshot extends GitHubSecretSnapshot {
  value: string;
}

export interface GitHubEnvironmentSnapshot {
  id: number;
  name: string;
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: Array<{ type: 'User' | 'Team'; id: number }>;
  deploymentBranchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  secretNames: string[];
  variableNames: string[];
}

export interface GitHubDeploymentSnapshot {
  id: number;
  ref: string;
  sha: string;
  task: string;
  environment: string;
  payload: unknown;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  /** Oldest first. */
  statuses: Array<{ id: number; state: string; description: string; environmentUrl: string; logUrl: string }>;
}

export interface GitHubSandbox {
  /** Octokit's `baseUrl` (no trailing slash). */
  apiUrl: string;
  token: string;
  /** Adds (or returns) a repository; returns its id. */
  addRepository(owner: string, repo: string, options?: AddRepositoryOptions): number;
  /** Adds (or returns) an organisation; returns its id. */
  addOrganization(org: string): number;
  /** The plaintext the simulator opened from the sealed box: for test assertions only. */
  secretValue(scope: SecretScope, name: string): string | undefined;
  secrets(scope: SecretScope): GitHubSecretSnapshot[];
  variables(scope: SecretScope): GitHubVariableSnapshot[];
  environments(owner: string, repo: string): GitHubEnvironmentSnapshot[];
  deployments(owner: string, repo: string): GitHubDeploymentSnapshot[];
  /** Replaces the scope's key pair: clients holding the old `key_id` get 422 until they fetch the new key. */
  rotatePublicKey(scope: SecretScope): void;
  /** Every API request (method, path, status, time); never a body. */
  requests: GitHubRecordedRequest[];
  resetRequests(): void;
  /** How many PUT/POST/PATCH/DELETE requests were made (whatever their answer), optionally on matching paths. */
  writes(path?: RegExp): number;
  specViolations: GitHubSpecViolation[];
  faults: GitHubFaults;
  close(): Promise<void>;
}

export type { GitHubRecordedRequest, GitHubSpecViolation };

const writeMethods = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);

export async function startGitHubSandbox(options: GitHubSandboxOptions = {}): Promise<GitHubSandbox> {
  await sodiumReady();
  const log = options.log ?? (() => {});
  const state = new GitHubState();
  const faults = new GitHubFaults();
  const requests: GitHubRecordedRequest[] = [];
  const specViolations: GitHubSpecViolation[] = [];
  const rateLimit: RateLimitCounter = { limit: 5000, used: 0, reset: Math.floor(Date.now() / 1000) + 3600 };

  const scopeOrThrow = (scope: SecretScope) => {
    const found = state.scope(scope);
    if (!found) throw new Error(`no such scope in the GitHub sandbox: ${JSON.stringify(scope)}`);
    return found;
  };
  const repositoryOrThrow = (owner: string, repo: string) => {
    const repository = state.repository(owner, repo);
    if (!repository) throw new Error(`no repository ${owner}/${repo} in the GitHub sandbox`);
    return repository;
  };

  const sandbox: GitHubSandbox = {
    apiUrl: '',
    token: options.token ?? 'sandbox-github-token',
    requests,
    specViolations,
    faults,
    addRepository(owner, repo, repositoryOptions = {}) {
      const repository = state.addRepository(owner, repo, repositoryOptions.id);
      for (const name of repositoryOptions.environments ?? []) state.ensureEnvironment(repository, name);
      return repository.id;
    },
    addOrganization: (org) => state.addOrganization(org).id,
    secretValue: (scope, name) => scopeOrThrow(scope).secrets.get(name.toUpperCase())?.value,
    secrets: (scope) =>
      [...scopeOrThrow(scope).secrets.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(({ value: _value, selectedRepositoryIds, ...secret }) => ({
          ...secret,
          ...(selectedRepositoryIds ? { selectedRepositoryIds: [...selectedRepositoryIds] } : {}),
        })),
    variables: (scope) =>
      [...scopeOrThrow(scope).variables.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((variable) => structuredClone(variable)),
    environments: (owner, repo) =>
      [...repositoryOrThrow(owner, repo).environments.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((environment) => ({
          id: environment.id,
          name: environment.name,
          waitTimer: environment.waitTimer,
          preventSelfReview: environment.preventSelfReview,
          reviewers: environment.reviewers.map((reviewer) => ({ ...reviewer })),
          deploymentBranchPolicy: environment.branchPolicy ? { ...environment.branchPolicy } : null,
          secretNames: [...environment.scope.secrets.keys()].sort(),
          variableNames: [...environment.scope.variables.keys()].sort(),
        })),
    deployments: (owner, repo) =>
      repositoryOrThrow(owner, repo).deployments.map((deployment) => ({
        id: deployment.id,
        ref: deployment.ref,
        sha: deployment.sha,
        task: deployment.task,
        environment: deployment.environment,
        payload: structuredClone(deployment.payload),
        description: deployment.description,
        transientEnvironment: deployment.transientEnvironment,
        productionEnvironment: deployment.productionEnvironment,
        statuses: deployment.statuses.map((status) => ({
          id: status.id,
          state: status.state,
          description: status.description,
          environmentUrl: status.environmentUrl,
          logUrl: status.logUrl,
        })),
      })),
    rotatePublicKey(scope) {
      scopeOrThrow(scope).keyPair = undefined;
    },
    resetRequests: () => void requests.splice(0),
    writes: (path) =>
      requests.filter((request) => writeMethods.has(request.method) && (!path || path.test(request.path)))
        .length,
    close: () => closeServer(server),
  };

  const deps = { state, apiUrl: () => sandbox.apiUrl };
  const server = createGitHubServer({
    routes: [
      ...repositoryRoutes(deps, () => rateLimit),
      ...secretRoutes(deps),
      ...variableRoutes(deps),
      ...environmentRoutes(deps),
      ...deploymentRoutes(deps),
    ],
    controlRoutes: controlRoutes(sandbox, state),
    token: options.token,
    faults,
    checkSpec: options.checkSpec !== false,
    requests,
    specViolations,
    rateLimit,
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  sandbox.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log(`GitHub sandbox listening on ${sandbox.apiUrl}`);
  return sandbox;
}

const seedSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('repository'),
      owner: z.string().min(1),
      repo: z.string().min(1),
      id: z.number().int().positive().optional(),
      environments: z.array(z.string().min(1)).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('organization'), org: z.string().min(1) }).strict(),
]);

/** /_sandbox/github: state, seeding and faults over HTTP for curl users. No auth (loopback only). */
function controlRoutes(sandbox: GitHubSandbox, state: GitHubState): GitHubRoute[] {
  const control = (method: string, pattern: string, handler: GitHubRoute['handler']) =>
    gitHubRoute(method, `/_sandbox/github${pattern}`, 'none', 'overview', handler);
  const invalid = (error: z.ZodError) => new GitHubError(400, z.prettifyError(error));
  return [
    control('GET', '/state', () => ({
      status: 200,
      body: {
        apiUrl: sandbox.apiUrl,
        organizations: [...state.organizations.values()].map((organization) => ({
          login: organization.login,
          id: organization.id,
          secrets: sandbox.secrets({ kind: 'organization', org: organization.login }),
          variables: sandbox.variables({ kind: 'organization', org: organization.login }),
        })),
        repositories: [...state.repositories.values()].map((repository) => ({
          fullName: `${repository.owner}/${repository.name}`,
          id: repository.id,
          secrets: sandbox.secrets({ kind: 'repository', owner: repository.owner, repo: repository.name }),
          variables: sandbox.variables({
            kind: 'repository',
            owner: repository.owner,
            repo: repository.name,
          }),
          environments: sandbox.environments(repository.owner, repository.name),
          deployments: sandbox.deployments(repository.owner, repository.name),
        })),
      },
    })),
    control('POST', '/seed', ({ body }) => {
      const parsed = seedSchema.safeParse(body);
      if (!parsed.success) throw invalid(parsed.error);
      const seed = parsed.data;
      if (seed.kind === 'organization')
        return { status: 201, body: { id: sandbox.addOrganization(seed.org) } };
      const id = sandbox.addRepository(seed.owner, seed.repo, {
        ...(seed.id !== undefined ? { id: seed.id } : {}),
        ...(seed.environments ? { environments: seed.environments } : {}),
      });
      return { status: 201, body: { id } };
    }),
    control('GET', '/faults', () => ({ status: 200, body: { faults: sandbox.faults.list() } })),
    control('POST', '/faults', ({ body }) => {
      const parsed = gitHubFaultSchema.safeParse(body);
      if (!parsed.success) throw invalid(parsed.error);
      return { status: 201, body: { id: sandbox.faults.add(parsed.data) } };
    }),
    control('DELETE', '/faults', () => {
      sandbox.faults.clear();
      return { status: 200, body: { ok: true } };
    }),
    control('DELETE', '/faults/{id}', ({ params }) => {
      if (!sandbox.faults.remove(params.id ?? '')) throw new GitHubError(404, `no fault ${params.id}`);
      return { status: 200, body: { ok: true } };
    }),
  ];
}

export type { GitHubFault };

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

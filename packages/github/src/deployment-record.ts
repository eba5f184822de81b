import { errorMessage, type Logger } from '@shipgate/kit';
import type { DeploymentState, GitHubApi } from './api';

export interface DeploymentRecordInput {
  owner: string;
  repo: string;
  /** The commit (or ref) being deployed. */
  ref: string;
  environment: string;
  description: string;
  payload?: Record<string, unknown>;
  /** The workflow run, shown as the status's log link. */
  logUrl?: string;
  productionEnvironment?: boolean;
}

export interface DeploymentRecord {
  /** undefined when GitHub did not create one (it answered 202, or the call failed: see the log). */
  id: number | undefined;
  /** Sets the final status; `success` marks the environment's earlier deployments inactive. */
  finish(
    state: Extract<DeploymentState, 'success' | 'failure' | 'error'>,
    details: { environmentUrl?: string; description?: string },
  ): Promise<void>;
}

/**
 * A GitHub deployment for a release, `in_progress` at once and finished with the outcome. Recording is
 * bookkeeping: a failure here (a token without `deployments: write`) is a warning, never the release's
 * failure.
 */
export async function startDeploymentRecord(
  api: GitHubApi,
  input: DeploymentRecordInput,
  log: Logger,
): Promise<DeploymentRecord> {
  let id: number | undefined;
  try {
    const created = await api.createDeployment(input.owner, input.repo, {
      ref: input.ref,
      environment: input.environment,
      description: input.description,
      autoMerge: false,
      requiredContexts: [],
      ...(input.payload ? { payload: input.payload } : {}),
      ...(input.productionEnvironment !== undefined
        ? { productionEnvironment: input.productionEnvironment }
        : {}),
    });
    id = created?.id;
    if (id !== undefined) {
      await api.createDeploymentStatus(input.owner, input.repo, id, {
        state: 'in_progress',
        description: input.description,
        ...(input.logUrl ? { logUrl: input.logUrl } : {}),
      });
      log.info(`GitHub deployment ${id} to ${input.environment}: in progress`);
    }
  } catch (thrown) {
    log.warning(`could not record a GitHub deployment to ${input.environment}: ${errorMessage(thrown)}`);
  }
  return {
    id,
    async finish(state, details) {
      if (id === undefined) return;
      try {
        await api.createDeploymentStatus(input.owner, input.repo, id, {
          state,
          autoInactive: state === 'success',
          ...(details.environmentUrl ? { environmentUrl: details.environmentUrl } : {}),
          ...(details.description ? { description: details.description } : {}),
          ...(input.logUrl ? { logUrl: input.logUrl } : {}),
        });
        log.info(`GitHub deployment ${id} to ${input.environment}: ${state}`);
      } catch (thrown) {
        log.warning(`could not set GitHub deployment ${id} to ${state}: ${errorMessage(thrown)}`);
      }
    },
  };
}

/** The facts of a workflow run a deployment record needs (the kit's RunEnvironment has them). */
export interface RunFacts {
  /** `owner/name`. */
  repository: string;
  /** The run's commit. */
  sha: string;
  serverUrl: string;
  runId: string;
}

/**
 * Where a run's deployment record goes: the repository, the commit (`commit` when given: a promotion dispatched
 * from main ships an older commit than the run's own), and the run as log link. `missing` names what a local run
 * lacks.
 */
export function deploymentTarget(
  run: RunFacts,
  commit?: string,
): { owner: string; repo: string; ref: string; logUrl?: string } | { missing: string } {
  const [owner, repo] = run.repository.split('/');
  if (!owner || !repo) return { missing: 'GITHUB_REPOSITORY' };
  const ref = commit || run.sha;
  if (!ref) return { missing: 'GITHUB_SHA' };
  const logUrl = run.runId ? `${run.serverUrl}/${owner}/${repo}/actions/runs/${run.runId}` : undefined;
  return { owner, repo, ref, ...(logUrl ? { logUrl } : {}) };
}

export interface RunDeploymentRequest {
  /** The environment to record the deployment for; none asked for, none recorded. */
  environment: string | undefined;
  /** A token that may create deployments; without one, a warning and no record. */
  token: string | undefined;
  /** The GitHub API the run talks to (GITHUB_API_URL: GitHub Enterprise Server works unchanged). */
  apiUrl: string;
  run: RunFacts;
  /** The commit shipped, when it is not the run's own. */
  commit?: string | undefined;
  description: string;
  payload?: Record<string, unknown>;
  log: Logger;
}

/**
 * A deployment record of the run's commit (or `commit`) to `environment`, through a client of the run's GitHub
 * API, when an environment is asked for (a job that names an `environment:` already gets one from GitHub).
 * undefined without one, and with a warning without a token or outside a run that names its repository and
 * commit. Octokit loads only here; recording never fails the release (see startDeploymentRecord).
 */
export async function startRunDeployment(
  request: RunDeploymentRequest,
): Promise<DeploymentRecord | undefined> {
  const { environment, token } = request;
  if (!environment) return undefined;
  if (!token) {
    request.log.warning(`no GitHub deployment is recorded to ${environment}: no GitHub token was given`);
    return undefined;
  }
  const target = deploymentTarget(request.run, request.commit);
  if ('missing' in target) {
    request.log.warning(
      `no GitHub deployment is recorded: ${target.missing} is not set (not a workflow run)`,
    );
    return undefined;
  }
  const { createGitHubClient } = await import('./client');
  const api = createGitHubClient({ token, baseUrl: request.apiUrl, log: request.log });
  return startDeploymentRecord(
    api,
    {
      ...target,
      environment,
      description: request.description,
      ...(request.payload ? { payload: request.payload } : {}),
    },
    request.log,
  );
}

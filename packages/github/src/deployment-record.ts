import { type ActionContext, errorMessage, type Logger } from '@shipgate/kit';
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

/**
 * Where a run's deployment record goes, from the runner's environment: the repository, the commit, and the
 * run as log link. undefined (with the reason) outside a GitHub run that names them.
 */
export function deploymentTarget(
  env: NodeJS.ProcessEnv,
): { owner: string; repo: string; ref: string; logUrl?: string } | { missing: string } {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return { missing: 'GITHUB_REPOSITORY' };
  const ref = env.GITHUB_SHA;
  if (!ref) return { missing: 'GITHUB_SHA' };
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const logUrl = env.GITHUB_RUN_ID
    ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`
    : undefined;
  return { owner, repo, ref, ...(logUrl ? { logUrl } : {}) };
}

export interface RunDeploymentOptions {
  token: string;
  environment: string;
  description: string;
  payload?: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

/**
 * A deployment record of this workflow run's commit, through a client of the run's GitHub API
 * (GITHUB_API_URL); undefined, with a warning, outside a run that names its repository and commit.
 */
export async function startRunDeployment(
  options: RunDeploymentOptions,
): Promise<DeploymentRecord | undefined> {
  const target = deploymentTarget(options.env);
  if ('missing' in target) {
    options.log.warning(
      `no GitHub deployment is recorded: ${target.missing} is not set (not a workflow run)`,
    );
    return undefined;
  }
  const { createGitHubClient } = await import('./client');
  const api = createGitHubClient({
    token: options.token,
    baseUrl: options.env.GITHUB_API_URL ?? 'https://api.github.com',
    log: options.log,
  });
  return startDeploymentRecord(
    api,
    {
      ...target,
      environment: options.environment,
      description: options.description,
      ...(options.payload ? { payload: options.payload } : {}),
    },
    options.log,
  );
}

/**
 * The GitHub deployment of a release when the action was given `github-token`, else undefined. Octokit loads
 * only then; recording never fails the release (see startDeploymentRecord).
 */
export async function recordGitHubDeployment(
  inputs: { 'github-token'?: string | undefined; commit?: string | undefined },
  context: Pick<ActionContext, 'log'>,
  details: { environment: string; description: string; payload: Record<string, unknown> },
): Promise<DeploymentRecord | undefined> {
  const token = inputs['github-token'];
  if (!token) return undefined;
  // A promotion dispatched from main ships an older commit than the run's own: record that one.
  const env = inputs.commit ? { ...process.env, GITHUB_SHA: inputs.commit } : process.env;
  return startRunDeployment({ token, ...details, env, log: context.log });
}

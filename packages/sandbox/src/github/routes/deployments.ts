// Deployments and their statuses (reference §5.3). A deployment to a missing environment creates it, as
// GitHub does. 202 (a merge instead of a deployment) is simulated for one ref: `needs-merge` with
// `auto_merge` true (its default).
import { createHash } from 'node:crypto';
import { GitHubError, notFound, unprocessable } from '../errors';
import { type DeploymentStatusRecord, type SimDeployment, type SimRepository, timestamp } from '../model';
import {
  creatorJson,
  type GitHubDeps,
  type GitHubRoute,
  gitHubRoute,
  isObject,
  nodeId,
  paginate,
  repositoryOf,
} from './common';

const docs = 'deployments/deployments';
const docsUrl = `https://docs.github.com/rest/${docs}`;
const statusDocsUrl = 'https://docs.github.com/rest/deployments/statuses';
const base = '/repos/{owner}/{repo}/deployments';
const pages = { defaultPerPage: 30, maxPerPage: 100 };

/** The ref for which GitHub "merges the default branch into it" and answers 202. */
export const refNeedingMerge = 'needs-merge';

export function deploymentRoutes(deps: GitHubDeps): GitHubRoute[] {
  const repoUrl = (repository: SimRepository) =>
    `${deps.apiUrl()}/repos/${repository.owner}/${repository.name}`;
  const deploymentJson = (repository: SimRepository, deployment: SimDeployment) => ({
    url: `${repoUrl(repository)}/deployments/${deployment.id}`,
    id: deployment.id,
    node_id: nodeId('Deployment', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.originalEnvironment,
    environment: deployment.environment,
    description: deployment.description,
    creator: creatorJson(deps.apiUrl()),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${repoUrl(repository)}/deployments/${deployment.id}/statuses`,
    repository_url: repoUrl(repository),
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
    performed_via_github_app: null,
  });
  const statusJson = (
    repository: SimRepository,
    deployment: SimDeployment,
    status: DeploymentStatusRecord,
  ) => ({
    url: `${repoUrl(repository)}/deployments/${deployment.id}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DeploymentStatus', status.id),
    state: status.state,
    creator: creatorJson(deps.apiUrl()),
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    log_url: status.logUrl,
    environment_url: status.environmentUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: `${repoUrl(repository)}/deployments/${deployment.id}`,
    repository_url: repoUrl(repository),
    performed_via_github_app: null,
  });
  const deploymentOf = (params: Record<string, string>, docs: string) => {
    const repository = repositoryOf(deps, params, docs);
    const deployment = repository.deployments.find(
      (candidate) => candidate.id === Number(params.deployment_id),
    );
    if (!deployment) throw notFound(docs);
    return { repository, deployment };
  };

  return [
    gitHubRoute('GET', base, 'deployments', docs, (context) => {
      const repository = repositoryOf(deps, context.params, docsUrl);
      const filters = (['sha', 'ref', 'task', 'environment'] as const).flatMap((field) => {
        const value = context.query.get(field);
        return value === null || value === 'none' ? [] : [[field, value] as const];
      });
      const matching = [...repository.deployments]
        .reverse()
        .filter((deployment) => filters.every(([field, value]) => deployment[field] === value));
      const { page, headers } = paginate(matching, context, deps.apiUrl(), pages);
      return { status: 200, body: page.map((deployment) => deploymentJson(repository, deployment)), headers };
    }),
    gitHubRoute('POST', base, 'deployments', docs, ({ params, body }) => {
      const repository = repositoryOf(deps, params, docsUrl);
      const input = isObject(body) ? body : {};
      if (typeof input.ref !== 'string' || input.ref === '')
        throw unprocessable('Invalid request.\n\n"ref" wasn\'t supplied.', docsUrl);
      if (input.auto_merge !== false && input.ref === refNeedingMerge)
        return { status: 202, body: { message: `Auto-merged main into ${input.ref} on deployment.` } };
      const environment = typeof input.environment === 'string' ? input.environment : 'production';
      deps.state.ensureEnvironment(repository, environment);
      const now = timestamp();
      const deployment: SimDeployment = {
        id: deps.state.deploymentId(),
        ref: input.ref,
        sha: shaOf(input.ref),
        task: typeof input.task === 'string' ? input.task : 'deploy',
        payload: payloadOf(input.payload),
        environment,
        originalEnvironment: environment,
        description: typeof input.description === 'string' ? input.description : null,
        transientEnvironment: input.transient_environment === true,
        productionEnvironment:
          typeof input.production_environment === 'boolean'
            ? input.production_environment
            : environment === 'production',
        createdAt: now,
        updatedAt: now,
        statuses: [],
      };
      repository.deployments.push(deployment);
      return { status: 201, body: deploymentJson(repository, deployment) };
    }),
    gitHubRoute('GET', `${base}/{deployment_id}`, 'deployments', docs, ({ params }) => {
      const { repository, deployment } = deploymentOf(params, docsUrl);
      return { status: 200, body: deploymentJson(repository, deployment) };
    }),
    gitHubRoute('DELETE', `${base}/{deployment_id}`, 'deployments', docs, ({ params }) => {
      const { repository, deployment } = deploymentOf(params, docsUrl);
      const active = deployment.statuses.at(-1)?.state !== 'inactive';
      if (active && repository.deployments.length > 1)
        throw unprocessable(
          'We cannot delete an active deployment unless it is the only deployment in a given environment.',
          docsUrl,
        );
      repository.deployments = repository.deployments.filter((candidate) => candidate !== deployment);
      return { status: 204 };
    }),
    gitHubRoute(
      'GET',
      `${base}/{deployment_id}/statuses`,
      'deployments',
      'deployments/statuses',
      (context) => {
        const { repository, deployment } = deploymentOf(context.params, statusDocsUrl);
        const { page, headers } = paginate([...deployment.statuses].reverse(), context, deps.apiUrl(), pages);
        return {
          status: 200,
          body: page.map((status) => statusJson(repository, deployment, status)),
          headers,
        };
      },
    ),
    gitHubRoute(
      'POST',
      `${base}/{deployment_id}/statuses`,
      'deployments',
      'deployments/statuses',
      ({ params, body }) => {
        const { repository, deployment } = deploymentOf(params, statusDocsUrl);
        const input = isObject(body) ? body : {};
        const states = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
        if (typeof input.state !== 'string' || !states.includes(input.state))
          throw unprocessable(
            `Invalid request.\n\nstate must be one of ${states.join(', ')}.`,
            statusDocsUrl,
          );
        const description = typeof input.description === 'string' ? input.description : '';
        if (description.length > 140)
          throw new GitHubError(422, 'Validation Failed', statusDocsUrl, {}, [
            {
              resource: 'DeploymentStatus',
              code: 'custom',
              field: 'description',
              message: 'description is too long (maximum is 140 characters)',
            },
          ]);
        if (typeof input.environment === 'string' && input.environment !== '') {
          deployment.environment = input.environment;
          deps.state.ensureEnvironment(repository, input.environment);
        }
        const logUrl = typeof input.log_url === 'string' ? input.log_url : '';
        const status = addStatus(deps, deployment, {
          state: input.state,
          description,
          // Setting log_url sets target_url too (reference §5.3).
          targetUrl: logUrl || (typeof input.target_url === 'string' ? input.target_url : ''),
          logUrl: logUrl || (typeof input.target_url === 'string' ? input.target_url : ''),
          environmentUrl: typeof input.environment_url === 'string' ? input.environment_url : '',
        });
        if (input.state === 'success' && input.auto_inactive !== false) {
          for (const older of repository.deployments) {
            if (older === deployment || older.id > deployment.id) continue;
            if (older.environment !== deployment.environment) continue;
            if (older.transientEnvironment || older.productionEnvironment) continue;
            if (older.statuses.at(-1)?.state === 'inactive') continue;
            addStatus(deps, older, {
              state: 'inactive',
              description: '',
              targetUrl: '',
              logUrl: '',
              environmentUrl: '',
            });
          }
        }
        const json = statusJson(repository, deployment, status);
        return { status: 201, body: json, headers: { location: json.url } };
      },
    ),
  ];
}

function addStatus(
  deps: GitHubDeps,
  deployment: SimDeployment,
  fields: Omit<DeploymentStatusRecord, 'id' | 'environment' | 'createdAt'>,
): DeploymentStatusRecord {
  const status: DeploymentStatusRecord = {
    id: deps.state.statusId(),
    environment: deployment.environment,
    createdAt: timestamp(),
    ...fields,
  };
  deployment.statuses.push(status);
  deployment.updatedAt = status.createdAt;
  return status;
}

/** A 40-hex ref is its own sha; any other ref gets a stable made-up commit. */
function shaOf(ref: string): string {
  return /^[0-9a-f]{40}$/i.test(ref)
    ? ref.toLowerCase()
    : createHash('sha1').update(`ref:${ref}`).digest('hex');
}

/** The payload as GitHub returns it: an object, a JSON string parsed, `{}` when absent. */
function payloadOf(payload: unknown): unknown {
  if (payload === undefined || payload === '') return {};
  if (typeof payload !== 'string') return payload;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

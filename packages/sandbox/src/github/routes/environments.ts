// Environments (reference §5.2): list, GET (404 when missing), PUT (create or update → 200 with the
// environment), DELETE 204. Protection rules are kept and shown, not enforced.
import { unprocessable } from '../errors';
import { nameKey, type ReviewerRecord, type SimEnvironment, type SimRepository, timestamp } from '../model';
import {
  environmentOf,
  type GitHubDeps,
  type GitHubRoute,
  gitHubRoute,
  isObject,
  nodeId,
  paginate,
  repositoryOf,
} from './common';

const docs = 'deployments/environments';
const docsUrl = `https://docs.github.com/rest/${docs}`;
const base = '/repos/{owner}/{repo}/environments';

export function environmentJson(apiUrl: string, repository: SimRepository, environment: SimEnvironment) {
  const rules: Array<Record<string, unknown>> = [];
  if (environment.waitTimer > 0)
    rules.push({
      id: environment.id * 10 + 1,
      node_id: nodeId('ProtectionRule', environment.id * 10 + 1),
      type: 'wait_timer',
      wait_timer: environment.waitTimer,
    });
  if (environment.reviewers.length > 0)
    rules.push({
      id: environment.id * 10 + 2,
      node_id: nodeId('ProtectionRule', environment.id * 10 + 2),
      type: 'required_reviewers',
      prevent_self_review: environment.preventSelfReview,
      reviewers: environment.reviewers.map((reviewer) => ({
        type: reviewer.type,
        reviewer:
          reviewer.type === 'User'
            ? { login: `user-${reviewer.id}`, id: reviewer.id, type: 'User' }
            : { name: `team-${reviewer.id}`, slug: `team-${reviewer.id}`, id: reviewer.id },
      })),
    });
  if (environment.branchPolicy)
    rules.push({
      id: environment.id * 10 + 3,
      node_id: nodeId('ProtectionRule', environment.id * 10 + 3),
      type: 'branch_policy',
    });
  const path = `${repository.owner}/${repository.name}`;
  return {
    id: environment.id,
    node_id: nodeId('Environment', environment.id),
    name: environment.name,
    url: `${apiUrl}/repos/${path}/environments/${encodeURIComponent(environment.name)}`,
    html_url: `https://github.com/${path}/deployments/activity_log?environments_filter=${encodeURIComponent(environment.name)}`,
    created_at: environment.createdAt,
    updated_at: environment.updatedAt,
    protection_rules: rules,
    deployment_branch_policy: environment.branchPolicy,
  };
}

export function environmentRoutes(deps: GitHubDeps): GitHubRoute[] {
  return [
    gitHubRoute('GET', base, 'actions', docs, (context) => {
      const repository = repositoryOf(deps, context.params, docsUrl);
      const all = [...repository.environments.values()].sort((a, b) => a.name.localeCompare(b.name));
      const { page, headers } = paginate(all, context, deps.apiUrl(), {
        defaultPerPage: 30,
        maxPerPage: 100,
      });
      return {
        status: 200,
        body: {
          total_count: all.length,
          environments: page.map((environment) => environmentJson(deps.apiUrl(), repository, environment)),
        },
        headers,
      };
    }),
    gitHubRoute('GET', `${base}/{environment_name}`, 'actions', docs, ({ params }) => {
      const { repository, environment } = environmentOf(deps, params, docsUrl);
      return { status: 200, body: environmentJson(deps.apiUrl(), repository, environment) };
    }),
    gitHubRoute('PUT', `${base}/{environment_name}`, 'administration', docs, ({ params, body }) => {
      const repository = repositoryOf(deps, params, docsUrl);
      const name = params.environment_name ?? '';
      if (name.trim() === '' || name.length > 255)
        throw unprocessable('Invalid request.\n\nThe environment name is invalid.', docsUrl);
      const settings = checkedSettings(body);
      const environment = deps.state.ensureEnvironment(repository, name);
      if (settings.waitTimer !== undefined) environment.waitTimer = settings.waitTimer;
      if (settings.preventSelfReview !== undefined)
        environment.preventSelfReview = settings.preventSelfReview;
      if (settings.reviewers !== undefined) environment.reviewers = settings.reviewers;
      if (settings.branchPolicy !== undefined) environment.branchPolicy = settings.branchPolicy;
      environment.updatedAt = timestamp();
      return { status: 200, body: environmentJson(deps.apiUrl(), repository, environment) };
    }),
    gitHubRoute('DELETE', `${base}/{environment_name}`, 'administration', docs, ({ params }) => {
      const { repository, environment } = environmentOf(deps, params, docsUrl);
      repository.environments.delete(nameKey(environment.name));
      return { status: 204 };
    }),
  ];
}

interface EnvironmentSettings {
  waitTimer?: number;
  preventSelfReview?: boolean;
  reviewers?: ReviewerRecord[];
  branchPolicy?: SimEnvironment['branchPolicy'];
}

/** The PUT body's rules, checked as GitHub does beyond the schema (reference §5.2). */
function checkedSettings(body: unknown): EnvironmentSettings {
  if (!isObject(body)) return {};
  const settings: EnvironmentSettings = {};
  if (typeof body.wait_timer === 'number') {
    if (!Number.isInteger(body.wait_timer) || body.wait_timer < 0 || body.wait_timer > 43_200)
      throw unprocessable('Invalid request.\n\nwait_timer must be an integer between 0 and 43200.', docsUrl);
    settings.waitTimer = body.wait_timer;
  }
  if (typeof body.prevent_self_review === 'boolean') settings.preventSelfReview = body.prevent_self_review;
  if (Array.isArray(body.reviewers)) {
    if (body.reviewers.length > 6)
      throw unprocessable('Invalid request.\n\nAt most 6 reviewers are allowed.', docsUrl);
    settings.reviewers = body.reviewers.map((reviewer) => {
      const record = isObject(reviewer) ? reviewer : {};
      if ((record.type !== 'User' && record.type !== 'Team') || typeof record.id !== 'number')
        throw unprocessable('Invalid request.\n\nA reviewer needs a type (User or Team) and an id.', docsUrl);
      return { type: record.type, id: record.id };
    });
  } else if (body.reviewers === null) settings.reviewers = [];
  if (body.deployment_branch_policy === null) settings.branchPolicy = null;
  else if (isObject(body.deployment_branch_policy)) {
    const { protected_branches, custom_branch_policies } = body.deployment_branch_policy;
    if (typeof protected_branches !== 'boolean' || typeof custom_branch_policies !== 'boolean')
      throw unprocessable(
        'Invalid request.\n\nprotected_branches and custom_branch_policies are required.',
        docsUrl,
      );
    if (protected_branches === custom_branch_policies)
      throw unprocessable(
        'Invalid request.\n\nExactly one of protected_branches and custom_branch_policies must be true.',
        docsUrl,
      );
    settings.branchPolicy = { protected_branches, custom_branch_policies };
  }
  return settings;
}

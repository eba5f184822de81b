// GET of a repository (shipgate needs its `id`), of an organisation, and /rate_limit.
import type { SimOrganization, SimRepository } from '../model';
import {
  type GitHubDeps,
  type GitHubRoute,
  gitHubRoute,
  nodeId,
  organizationOf,
  repositoryOf,
} from './common';

/** The primary limit every response reports (a personal access token's 5,000 per hour). */
export interface RateLimitCounter {
  limit: number;
  used: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

export function repositoryJson(
  apiUrl: string,
  repository: SimRepository,
  organization: SimOrganization | undefined,
) {
  const fullName = `${repository.owner}/${repository.name}`;
  return {
    id: repository.id,
    node_id: nodeId('Repository', repository.id),
    name: repository.name,
    full_name: fullName,
    private: true,
    visibility: 'private',
    owner: {
      login: repository.owner,
      id: organization?.id ?? 2,
      type: organization ? 'Organization' : 'User',
      url: `${apiUrl}/users/${repository.owner}`,
    },
    html_url: `https://github.com/${fullName}`,
    url: `${apiUrl}/repos/${fullName}`,
    default_branch: 'main',
    created_at: repository.createdAt,
    updated_at: repository.createdAt,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
  };
}

export function repositoryRoutes(deps: GitHubDeps, rateLimit: () => RateLimitCounter): GitHubRoute[] {
  return [
    gitHubRoute('GET', '/repos/{owner}/{repo}', 'metadata', 'repos/repos', ({ params }) => {
      const repository = repositoryOf(
        deps,
        params,
        'https://docs.github.com/rest/repos/repos#get-a-repository',
      );
      return {
        status: 200,
        body: repositoryJson(deps.apiUrl(), repository, deps.state.organization(repository.owner)),
      };
    }),
    gitHubRoute('GET', '/orgs/{org}', 'metadata', 'orgs/orgs', ({ params }) => {
      const organization = organizationOf(
        deps,
        params,
        'https://docs.github.com/rest/orgs/orgs#get-an-organization',
      );
      return {
        status: 200,
        body: {
          login: organization.login,
          id: organization.id,
          node_id: nodeId('Organization', organization.id),
          url: `${deps.apiUrl()}/orgs/${organization.login}`,
          html_url: `https://github.com/${organization.login}`,
          type: 'Organization',
          created_at: organization.createdAt,
        },
      };
    }),
    gitHubRoute('GET', '/rate_limit', 'metadata', 'rate-limit/rate-limit', () => {
      const { limit, used, reset } = rateLimit();
      const core = { limit, used, remaining: Math.max(0, limit - used), reset };
      return { status: 200, body: { resources: { core }, rate: core } };
    }),
  ];
}

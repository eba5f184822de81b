// What every GitHub route shares: its type (with the permission GitHub would name when it is missing),
// scope lookups that 404 like GitHub, pagination with Link headers, and JSON of accounts.
import { compilePattern } from '../../router';
import { GitHubError, notFound } from '../errors';
import type { GitHubState, ScopeState, SimEnvironment, SimOrganization, SimRepository } from '../model';
import { nameKey } from '../model';

export interface GitHubContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
  url: URL;
}

export interface GitHubReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GitHubRoute {
  method: string;
  /** The OpenAPI path template, which is also what the route matches. */
  pattern: string;
  regex: RegExp;
  keys: string[];
  /** `x-accepted-github-permissions` of this endpoint, e.g. `secrets=write`. */
  permission: string;
  docs: string;
  handler: (context: GitHubContext) => GitHubReply | Promise<GitHubReply>;
}

export interface GitHubDeps {
  state: GitHubState;
  /** The simulator's base URL (Link headers and `url` fields point back at it). */
  apiUrl(): string;
}

/**
 * A route; `permission` is the fine-grained permission's name: GET needs `=read`, every other method
 * `=write`.
 */
export function gitHubRoute(
  method: string,
  pattern: string,
  permission: string,
  docs: string,
  handler: GitHubRoute['handler'],
): GitHubRoute {
  const level = method === 'GET' ? 'read' : 'write';
  return {
    method,
    pattern,
    ...compilePattern(pattern),
    permission: permission.includes('=') ? permission : `${permission}=${level}`,
    docs: `https://docs.github.com/rest/${docs}`,
    handler,
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function repositoryOf(deps: GitHubDeps, params: Record<string, string>, docs?: string): SimRepository {
  const repository = deps.state.repository(params.owner ?? '', params.repo ?? '');
  if (!repository) throw notFound(docs);
  return repository;
}

export function environmentOf(
  deps: GitHubDeps,
  params: Record<string, string>,
  docs?: string,
): { repository: SimRepository; environment: SimEnvironment } {
  const repository = repositoryOf(deps, params, docs);
  const environment = repository.environments.get(nameKey(params.environment_name ?? ''));
  if (!environment) throw notFound(docs);
  return { repository, environment };
}

export function organizationOf(
  deps: GitHubDeps,
  params: Record<string, string>,
  docs?: string,
): SimOrganization {
  const organization = deps.state.organization(params.org ?? '');
  if (!organization) throw notFound(docs);
  return organization;
}

/** The scope the path names, for the secret and variable routes. */
export type ScopeLookup = (params: Record<string, string>, docs: string) => ScopeState;

export function scopeLookups(deps: GitHubDeps): Record<ScopeState['kind'], ScopeLookup> {
  return {
    repository: (params, docs) => repositoryOf(deps, params, docs).scope,
    environment: (params, docs) => environmentOf(deps, params, docs).environment.scope,
    organization: (params, docs) => organizationOf(deps, params, docs).scope,
  };
}

export interface PageLimits {
  defaultPerPage: number;
  maxPerPage: number;
}

/**
 * One page of `items` and its `Link` header (`next`, `last`, `first`, `prev` as GitHub sends them).
 * `per_page` above the maximum is clamped, as GitHub does.
 */
export function paginate<T>(
  items: T[],
  context: GitHubContext,
  apiUrl: string,
  limits: PageLimits,
): { page: T[]; headers: Record<string, string> } {
  const asked = Number(context.query.get('per_page') ?? limits.defaultPerPage);
  const perPage = Math.min(
    Math.max(Number.isInteger(asked) && asked > 0 ? asked : limits.defaultPerPage, 1),
    limits.maxPerPage,
  );
  const askedPage = Number(context.query.get('page') ?? 1);
  const page = Number.isInteger(askedPage) && askedPage > 0 ? askedPage : 1;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (number: number) => {
    const url = new URL(`${context.url.pathname}${context.url.search}`, apiUrl);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(number));
    return url.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`);
  if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

/** The account that makes every request here. */
export function creatorJson(apiUrl: string) {
  return {
    login: 'shipgate-sandbox',
    id: 1,
    node_id: 'MDQ6VXNlcjE=',
    type: 'User',
    site_admin: false,
    url: `${apiUrl}/users/shipgate-sandbox`,
    html_url: 'https://github.com/shipgate-sandbox',
  };
}

export function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url');
}

/** Numbers or numeric strings (the org secret schema allows both), or a 422. */
export function repositoryIds(value: unknown, docs: string): number[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GitHubError(422, 'selected_repository_ids must be an array', docs);
  return value.map((item) => {
    const id = typeof item === 'string' && /^\d+$/.test(item) ? Number(item) : item;
    if (typeof id !== 'number' || !Number.isInteger(id))
      throw new GitHubError(422, 'selected_repository_ids must hold repository ids', docs);
    return id;
  });
}

// Actions variables at the three levels (reference §5.1): list (per_page default 10, max 30), create
// (POST 201, 409 when the name exists), get, PATCH (204, may rename), DELETE 204.
import { GitHubError, notFound, unprocessable } from '../errors';
import {
  invalidSecretName,
  maxValueBytes,
  type ScopeState,
  timestamp,
  type VariableRecord,
  type Visibility,
} from '../model';
import {
  type GitHubDeps,
  type GitHubRoute,
  gitHubRoute,
  isObject,
  paginate,
  repositoryIds,
  scopeLookups,
} from './common';

const docs = 'actions/variables';
const docsUrl = `https://docs.github.com/rest/${docs}`;
const pages = { defaultPerPage: 10, maxPerPage: 30 };
const visibilities: Visibility[] = ['all', 'private', 'selected'];

const levels = [
  { kind: 'repository', base: '/repos/{owner}/{repo}/actions/variables', permission: 'variables' },
  {
    kind: 'environment',
    base: '/repos/{owner}/{repo}/environments/{environment_name}/variables',
    permission: 'environments',
  },
  { kind: 'organization', base: '/orgs/{org}/actions/variables', permission: 'organization_variables' },
] as const;

export function variableRoutes(deps: GitHubDeps): GitHubRoute[] {
  const lookups = scopeLookups(deps);
  return levels.flatMap(({ kind, base, permission }) => {
    const scopeOf = lookups[kind];
    const variableJson = (params: Record<string, string>, variable: VariableRecord) => ({
      name: variable.name,
      value: variable.value,
      created_at: variable.createdAt,
      updated_at: variable.updatedAt,
      ...(kind === 'organization' ? { visibility: variable.visibility ?? 'private' } : {}),
      ...(variable.visibility === 'selected'
        ? {
            selected_repositories_url: `${deps.apiUrl()}/orgs/${encodeURIComponent(params.org ?? '')}/actions/variables/${variable.name}/repositories`,
          }
        : {}),
    });
    const variableOf = (params: Record<string, string>) => {
      const variable = scopeOf(params, docs).variables.get((params.name ?? '').toUpperCase());
      if (!variable) throw notFound(docsUrl);
      return variable;
    };
    return [
      gitHubRoute('GET', base, permission, docs, (context) => {
        const all = [...scopeOf(context.params, docs).variables.values()].sort((a, b) =>
          a.name.localeCompare(b.name),
        );
        const { page, headers } = paginate(all, context, deps.apiUrl(), pages);
        return {
          status: 200,
          body: {
            total_count: all.length,
            variables: page.map((variable) => variableJson(context.params, variable)),
          },
          headers,
        };
      }),
      gitHubRoute('POST', base, permission, docs, ({ params, body }) => {
        const scope = scopeOf(params, docs);
        const input = isObject(body) ? body : {};
        if (typeof input.name !== 'string' || typeof input.value !== 'string')
          throw unprocessable('Invalid request.\n\nname and value are both required.', docsUrl);
        const name = checkedName(input.name);
        if (scope.variables.has(name))
          throw new GitHubError(409, 'Already exists - Variable already exists', docsUrl);
        if (scope.variables.size >= scope.variableLimit)
          throw unprocessable(
            `Variable limit reached: a ${scope.kind} can hold ${scope.variableLimit} variables.`,
            docsUrl,
          );
        const now = timestamp();
        const variable: VariableRecord = {
          name,
          value: checkedValue(input.value),
          createdAt: now,
          updatedAt: now,
        };
        applyVisibility(deps, scope, variable, input);
        scope.variables.set(name, variable);
        return { status: 201, body: {} };
      }),
      gitHubRoute('GET', `${base}/{name}`, permission, docs, ({ params }) => ({
        status: 200,
        body: variableJson(params, variableOf(params)),
      })),
      gitHubRoute('PATCH', `${base}/{name}`, permission, docs, ({ params, body }) => {
        const scope = scopeOf(params, docs);
        const variable = variableOf(params);
        const input = isObject(body) ? body : {};
        const renamed = typeof input.name === 'string' ? checkedName(input.name) : variable.name;
        if (renamed !== variable.name && scope.variables.has(renamed))
          throw new GitHubError(409, 'Already exists - Variable already exists', docsUrl);
        const updated: VariableRecord = {
          ...variable,
          name: renamed,
          value: typeof input.value === 'string' ? checkedValue(input.value) : variable.value,
          updatedAt: timestamp(),
        };
        applyVisibility(deps, scope, updated, input);
        scope.variables.delete(variable.name);
        scope.variables.set(renamed, updated);
        return { status: 204 };
      }),
      gitHubRoute('DELETE', `${base}/{name}`, permission, docs, ({ params }) => {
        scopeOf(params, docs).variables.delete(variableOf(params).name);
        return { status: 204 };
      }),
    ];
  });
}

function checkedName(name: string): string {
  const problem = invalidSecretName(name);
  if (problem) throw unprocessable(`Variable ${problem}.`, docsUrl);
  return name.toUpperCase();
}

function checkedValue(value: string): string {
  if (Buffer.byteLength(value) > maxValueBytes)
    throw unprocessable(`Variable value is too large: the limit is ${maxValueBytes} bytes (48 KB).`, docsUrl);
  return value;
}

/** Org variables carry a visibility (required on create by the schema) and selected repository ids. */
function applyVisibility(
  deps: GitHubDeps,
  scope: ScopeState,
  variable: VariableRecord,
  input: Record<string, unknown>,
): void {
  if (scope.kind !== 'organization') return;
  const visibility = (input.visibility ?? variable.visibility ?? 'private') as Visibility;
  if (!visibilities.includes(visibility))
    throw unprocessable(`Invalid request.\n\nvisibility must be one of ${visibilities.join(', ')}.`, docsUrl);
  const ids =
    input.selected_repository_ids !== undefined
      ? repositoryIds(input.selected_repository_ids, docsUrl)
      : (variable.selectedRepositoryIds ?? []);
  if (visibility !== 'selected' && input.selected_repository_ids !== undefined && ids.length > 0)
    throw unprocessable('selected_repository_ids can only be given when visibility is selected.', docsUrl);
  for (const id of ids) {
    if (!deps.state.repositoryById(id))
      throw unprocessable(
        `Invalid request.\n\nRepository ${id} does not exist or is not accessible.`,
        docsUrl,
      );
  }
  variable.visibility = visibility;
  if (visibility === 'selected') variable.selectedRepositoryIds = [...new Set(ids)];
  else delete variable.selectedRepositoryIds;
}

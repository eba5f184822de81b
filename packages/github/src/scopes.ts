import type { SecretScope } from './api';

/** A path segment as GitHub expects it: URL-encoded, so an environment `prod/eu` becomes `prod%2Feu`. */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

/**
 * The prefix under which a scope's `secrets` and `variables` live:
 * `/repos/{owner}/{repo}/actions`, `/repos/{owner}/{repo}/environments/{environment_name}` (GitHub's
 * current environment paths) or `/orgs/{org}/actions`.
 */
export function scopeBasePath(scope: SecretScope): string {
  switch (scope.kind) {
    case 'repository':
      return `/repos/${segment(scope.owner)}/${segment(scope.repo)}/actions`;
    case 'environment':
      return `/repos/${segment(scope.owner)}/${segment(scope.repo)}/environments/${segment(scope.environment)}`;
    case 'organization':
      return `/orgs/${segment(scope.org)}/actions`;
  }
}

/** A scope in words for log lines: `repository o/r`, `environment prod of o/r`, `organization acme`. */
export function describeScope(scope: SecretScope): string {
  switch (scope.kind) {
    case 'repository':
      return `repository ${scope.owner}/${scope.repo}`;
    case 'environment':
      return `environment ${scope.environment} of ${scope.owner}/${scope.repo}`;
    case 'organization':
      return `organization ${scope.org}`;
  }
}

/** The organisation's `visibility` and `selected_repository_ids` for a write; nothing for other scopes. */
export function organizationAccessFields(
  scope: SecretScope,
): { visibility: string; selected_repository_ids?: number[] } | Record<string, never> {
  if (scope.kind !== 'organization') return {};
  const visibility = scope.visibility ?? 'private';
  if (visibility === 'selected') {
    return { visibility, selected_repository_ids: scope.selectedRepositoryIds ?? [] };
  }
  return { visibility };
}

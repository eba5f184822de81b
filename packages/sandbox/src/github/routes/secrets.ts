// Actions secrets at the three levels (reference §4.1): public key, list, get, PUT (sealed box opened
// with the scope's key pair: 201 created / 204 updated), DELETE; org secrets' selected repositories.
import { GitHubError, notFound, unprocessable } from '../errors';
import {
  invalidSecretName,
  keyPairOf,
  maxValueBytes,
  type ScopeState,
  type SecretRecord,
  timestamp,
  type Visibility,
} from '../model';
import { openSealed, publicKeyBase64 } from '../sodium';
import {
  type GitHubDeps,
  type GitHubRoute,
  gitHubRoute,
  isObject,
  organizationOf,
  paginate,
  repositoryIds,
  scopeLookups,
} from './common';

const docs = 'actions/secrets';
const pages = { defaultPerPage: 30, maxPerPage: 100 };
const visibilities: Visibility[] = ['all', 'private', 'selected'];

const levels = [
  { kind: 'repository', base: '/repos/{owner}/{repo}/actions/secrets', permission: 'secrets' },
  {
    kind: 'environment',
    base: '/repos/{owner}/{repo}/environments/{environment_name}/secrets',
    permission: 'environments',
  },
  { kind: 'organization', base: '/orgs/{org}/actions/secrets', permission: 'organization_secrets' },
] as const;

export function secretRoutes(deps: GitHubDeps): GitHubRoute[] {
  const lookups = scopeLookups(deps);
  const routes: GitHubRoute[] = [];
  for (const { kind, base, permission } of levels) {
    const scopeOf = lookups[kind];
    const secretUrl = (params: Record<string, string>, name: string) =>
      `${deps.apiUrl()}${base.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? ''))}/${name}`;
    const secretJson = (params: Record<string, string>, secret: SecretRecord) => ({
      name: secret.name,
      created_at: secret.createdAt,
      updated_at: secret.updatedAt,
      ...(kind === 'organization' ? { visibility: secret.visibility ?? 'private' } : {}),
      ...(secret.visibility === 'selected'
        ? { selected_repositories_url: `${secretUrl(params, secret.name)}/repositories` }
        : {}),
    });
    routes.push(
      gitHubRoute('GET', `${base}/public-key`, permission, docs, ({ params }) => {
        const keyPair = keyPairOf(scopeOf(params, docs));
        return { status: 200, body: { key_id: keyPair.keyId, key: publicKeyBase64(keyPair) } };
      }),
      gitHubRoute('GET', base, permission, docs, (context) => {
        const scope = scopeOf(context.params, docs);
        const all = [...scope.secrets.values()].sort((a, b) => a.name.localeCompare(b.name));
        const { page, headers } = paginate(all, context, deps.apiUrl(), pages);
        return {
          status: 200,
          body: {
            total_count: all.length,
            secrets: page.map((secret) => secretJson(context.params, secret)),
          },
          headers,
        };
      }),
      gitHubRoute('GET', `${base}/{secret_name}`, permission, docs, ({ params }) => {
        const secret = scopeOf(params, docs).secrets.get((params.secret_name ?? '').toUpperCase());
        if (!secret) throw notFound(`https://docs.github.com/rest/${docs}`);
        return { status: 200, body: secretJson(params, secret) };
      }),
      gitHubRoute('PUT', `${base}/{secret_name}`, permission, docs, ({ params, body }) =>
        putSecret(deps, scopeOf(params, docs), params.secret_name ?? '', body),
      ),
      gitHubRoute('DELETE', `${base}/{secret_name}`, permission, docs, ({ params }) => {
        const scope = scopeOf(params, docs);
        if (!scope.secrets.delete((params.secret_name ?? '').toUpperCase()))
          throw notFound(`https://docs.github.com/rest/${docs}`);
        return { status: 204 };
      }),
    );
  }
  return [...routes, ...selectedRepositoryRoutes(deps)];
}

function putSecret(deps: GitHubDeps, scope: ScopeState, rawName: string, body: unknown) {
  const docsUrl = `https://docs.github.com/rest/${docs}`;
  const problem = invalidSecretName(rawName);
  if (problem) throw unprocessable(`Secret ${problem}.`, docsUrl);
  const name = rawName.toUpperCase();
  const input = isObject(body) ? body : {};
  const existing = scope.secrets.get(name);

  let value = existing?.value;
  if (input.encrypted_value !== undefined || input.key_id !== undefined || scope.kind !== 'organization') {
    if (typeof input.encrypted_value !== 'string' || typeof input.key_id !== 'string')
      throw unprocessable('Invalid request.\n\nencrypted_value and key_id are both required.', docsUrl);
    const keyPair = keyPairOf(scope);
    if (input.key_id !== keyPair.keyId)
      throw unprocessable(
        `Bad request - key_id ${JSON.stringify(input.key_id)} is not the current public key of this scope.`,
        docsUrl,
      );
    value = openSealed(input.encrypted_value, keyPair);
    if (value === undefined)
      throw unprocessable(
        'Bad request - encrypted_value could not be decrypted with the public key.',
        docsUrl,
      );
    if (Buffer.byteLength(value) > maxValueBytes)
      throw unprocessable(`Secret value is too large: the limit is ${maxValueBytes} bytes (48 KB).`, docsUrl);
  }
  // An org secret may be PUT with only its visibility, to change who can use it.
  if (value === undefined)
    throw unprocessable('Invalid request.\n\nencrypted_value is required to create a secret.', docsUrl);
  if (!existing && scope.secrets.size >= scope.secretLimit)
    throw unprocessable(
      `Secret limit reached: a ${scope.kind} can hold ${scope.secretLimit} secrets.`,
      docsUrl,
    );

  const now = timestamp();
  const record: SecretRecord = {
    name,
    value,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (scope.kind === 'organization') {
    const visibility = (input.visibility ?? existing?.visibility ?? 'private') as Visibility;
    if (!visibilities.includes(visibility))
      throw unprocessable(
        `Invalid request.\n\nvisibility must be one of ${visibilities.join(', ')}.`,
        docsUrl,
      );
    const ids =
      input.selected_repository_ids !== undefined
        ? repositoryIds(input.selected_repository_ids, docsUrl)
        : visibility === 'selected'
          ? (existing?.selectedRepositoryIds ?? [])
          : [];
    if (visibility !== 'selected' && ids.length > 0)
      throw unprocessable('selected_repository_ids can only be given when visibility is selected.', docsUrl);
    record.visibility = visibility;
    if (visibility === 'selected') record.selectedRepositoryIds = knownRepositoryIds(deps, ids, docsUrl);
  }
  scope.secrets.set(name, record);
  return existing ? { status: 204 } : { status: 201, body: {} };
}

/** Ids of repositories the simulator knows, else a 422. */
function knownRepositoryIds(deps: GitHubDeps, ids: number[], docsUrl: string): number[] {
  for (const id of ids) {
    if (!deps.state.repositoryById(id))
      throw unprocessable(
        `Invalid request.\n\nRepository ${id} does not exist or is not accessible.`,
        docsUrl,
      );
  }
  return [...new Set(ids)];
}

function selectedRepositoryRoutes(deps: GitHubDeps): GitHubRoute[] {
  const base = '/orgs/{org}/actions/secrets/{secret_name}/repositories';
  const docsUrl = `https://docs.github.com/rest/${docs}`;
  const secretOf = (params: Record<string, string>) => {
    const secret = organizationOf(deps, params, docsUrl).scope.secrets.get(
      (params.secret_name ?? '').toUpperCase(),
    );
    if (!secret) throw notFound(docsUrl);
    return secret;
  };
  const requireSelected = (secret: SecretRecord) => {
    if (secret.visibility !== 'selected')
      throw new GitHubError(409, "The secret's visibility is not set to selected.", docsUrl);
  };
  return [
    gitHubRoute('GET', base, 'organization_secrets', docs, (context) => {
      const ids = secretOf(context.params).selectedRepositoryIds ?? [];
      const repositories = ids.flatMap((id) => {
        const repository = deps.state.repositoryById(id);
        return repository
          ? [{ id, name: repository.name, full_name: `${repository.owner}/${repository.name}` }]
          : [];
      });
      const { page, headers } = paginate(repositories, context, deps.apiUrl(), pages);
      return { status: 200, body: { total_count: repositories.length, repositories: page }, headers };
    }),
    gitHubRoute('PUT', base, 'organization_secrets', docs, ({ params, body }) => {
      const secret = secretOf(params);
      requireSelected(secret);
      const ids = repositoryIds(isObject(body) ? body.selected_repository_ids : undefined, docsUrl);
      secret.selectedRepositoryIds = knownRepositoryIds(deps, ids, docsUrl);
      return { status: 204 };
    }),
    gitHubRoute('PUT', `${base}/{repository_id}`, 'organization_secrets', docs, ({ params }) => {
      const secret = secretOf(params);
      requireSelected(secret);
      const [id] = knownRepositoryIds(deps, [Number(params.repository_id)], docsUrl);
      if (id !== undefined && !secret.selectedRepositoryIds?.includes(id))
        secret.selectedRepositoryIds = [...(secret.selectedRepositoryIds ?? []), id];
      return { status: 204 };
    }),
    gitHubRoute('DELETE', `${base}/{repository_id}`, 'organization_secrets', docs, ({ params }) => {
      const secret = secretOf(params);
      requireSelected(secret);
      secret.selectedRepositoryIds = (secret.selectedRepositoryIds ?? []).filter(
        (id) => id !== Number(params.repository_id),
      );
      return { status: 204 };
    }),
  ];
}

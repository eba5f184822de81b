// A plain-fetch client for the GitHub sandbox and sealing with libsodium, as GitHub's docs show it
// (@shipgate/github is written in parallel and deliberately not used here).
import sodium from 'libsodium-wrappers';
import { afterAll } from 'vitest';
import { type GitHubSandbox, type GitHubSandboxOptions, startGitHubSandbox } from '../src/index';

export interface GitHubAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export type GitHubCall = <T = Record<string, unknown>>(
  method: string,
  path: string,
  options?: { body?: unknown; authorization?: string | null },
) => Promise<GitHubAnswer<T>>;

/** A sandbox for one test file (closed after it) with `shop-co/shop-app` and organisation `shop-co`. */
export async function gitHubSandboxForFile(
  options: GitHubSandboxOptions = {},
): Promise<{ sandbox: GitHubSandbox; call: GitHubCall; repoId: number }> {
  const sandbox = await startGitHubSandbox(options);
  afterAll(() => sandbox.close());
  sandbox.addOrganization('shop-co');
  const repoId = sandbox.addRepository('shop-co', 'shop-app', { environments: ['staging'] });
  return { sandbox, call: gitHubClient(sandbox.apiUrl, sandbox.token), repoId };
}

export function gitHubClient(apiUrl: string, token: string): GitHubCall {
  return async <T>(
    method: string,
    path: string,
    options: { body?: unknown; authorization?: string | null } = {},
  ) => {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    };
    if (options.authorization !== null) headers.authorization = options.authorization ?? `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path.startsWith('http') ? path : `${apiUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  };
}

/** base64(crypto_box_seal(value, key)) with the scope's public key, as GitHub's docs do it. */
export async function seal(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(
    sodium.crypto_box_seal(sodium.from_string(value), key),
    sodium.base64_variants.ORIGINAL,
  );
}

/** Fetches the public key at `base` (e.g. `/repos/o/r/actions/secrets`) and PUTs the sealed value. */
export async function putSecret(
  call: GitHubCall,
  base: string,
  name: string,
  value: string,
  extra: Record<string, unknown> = {},
): Promise<GitHubAnswer> {
  const key = await call<{ key_id: string; key: string }>('GET', `${base}/public-key`);
  return call('PUT', `${base}/${name}`, {
    body: { encrypted_value: await seal(value, key.body.key), key_id: key.body.key_id, ...extra },
  });
}

/** The `rel` → URL map of a Link header. */
export function links(header: string | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of header?.split(',') ?? []) {
    const match = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (match?.[1] && match[2]) result[match[2]] = match[1];
  }
  return result;
}

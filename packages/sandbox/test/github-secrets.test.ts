import { describe, expect, it } from 'vitest';
import { gitHubSandboxForFile, links, putSecret, seal } from './github-helpers';

const { sandbox, call, repoId } = await gitHubSandboxForFile();
const repoBase = '/repos/shop-co/shop-app/actions/secrets';
const envBase = '/repos/shop-co/shop-app/environments/staging/secrets';
const orgBase = '/orgs/shop-co/actions/secrets';
const repoScope = { kind: 'repository', owner: 'shop-co', repo: 'shop-app' } as const;
const envScope = { ...repoScope, kind: 'environment', environment: 'staging' } as const;
const orgScope = { kind: 'organization', org: 'shop-co' } as const;

type PublicKey = { key_id: string; key: string };
type ErrorBody = { message: string; documentation_url: string; status: string };

describe('auth and headers', () => {
  it('401 without a token or with a malformed one; token X and Bearer X both pass', async () => {
    const none = await call<ErrorBody>('GET', `${repoBase}/public-key`, { authorization: null });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ message: 'Requires authentication', status: '401' });
    expect(none.body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);
    expect((await call('GET', `${repoBase}/public-key`, { authorization: 'Basic abc' })).status).toBe(401);
    expect((await call('GET', `${repoBase}/public-key`, { authorization: 'token abc' })).status).toBe(200);
    expect((await call('GET', `${repoBase}/public-key`, { authorization: 'Bearer abc' })).status).toBe(200);
  });

  it('only the configured token when one is given', async () => {
    const { gitHubClient } = await import('./github-helpers');
    const { startGitHubSandbox } = await import('../src/index');
    const strict = await startGitHubSandbox({ token: 'ghp_right', checkSpec: false });
    try {
      strict.addRepository('o', 'r');
      const wrong = await gitHubClient(strict.apiUrl, 'ghp_wrong')('GET', '/repos/o/r');
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toBe('Bad credentials');
      expect((await gitHubClient(strict.apiUrl, 'ghp_right')('GET', '/repos/o/r')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('request id and rate-limit headers on every answer, 404 for unknown repositories and orgs', async () => {
    const before = await call('GET', '/repos/shop-co/shop-app');
    expect(before.body.id).toBe(repoId);
    expect(before.headers.get('x-github-request-id')).toMatch(/^[0-9A-F]+(:[0-9A-F]+){4}$/);
    expect(before.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(before.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(before.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const missing = await call<ErrorBody>('GET', '/repos/shop-co/nope/actions/secrets');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: 'Not Found', status: '404' });
    expect(Number(missing.headers.get('x-ratelimit-used'))).toBe(
      Number(before.headers.get('x-ratelimit-used')) + 1,
    );
    expect(Number(missing.headers.get('x-ratelimit-remaining'))).toBe(
      5000 - Number(missing.headers.get('x-ratelimit-used')),
    );
    expect((await call('GET', '/orgs/elsewhere/actions/secrets/public-key')).status).toBe(404);
    expect((await call('GET', '/repos/shop-co/shop-app/environments/nope/secrets/public-key')).status).toBe(
      404,
    );
  });
});

describe('public keys', () => {
  it('one stable key pair per scope: a base64 32-byte key and a numeric key_id', async () => {
    const keys = await Promise.all(
      [repoBase, envBase, orgBase].map(
        async (base) => (await call<PublicKey>('GET', `${base}/public-key`)).body,
      ),
    );
    for (const key of keys) {
      expect(key.key_id).toMatch(/^\d+$/);
      expect(Buffer.from(key.key, 'base64')).toHaveLength(32);
    }
    expect(new Set(keys.map((key) => key.key)).size).toBe(3);
    expect(new Set(keys.map((key) => key.key_id)).size).toBe(3);
    expect((await call<PublicKey>('GET', `${repoBase}/public-key`)).body).toEqual(keys[0]);
  });
});

describe('PUT, GET, list, DELETE', () => {
  it('201 on create, 204 on update; the simulator opens the sealed box; dates kept', async () => {
    const created = await putSecret(call, repoBase, 'db_password', 'hunter2');
    expect(created.status).toBe(201);
    expect(created.body).toEqual({});
    expect(sandbox.secretValue(repoScope, 'DB_PASSWORD')).toBe('hunter2');
    const first = (await call('GET', `${repoBase}/DB_PASSWORD`)).body;
    expect(first).toEqual({
      name: 'DB_PASSWORD',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(first).not.toHaveProperty('value');

    const updated = await putSecret(call, repoBase, 'DB_PASSWORD', 'correct horse');
    expect(updated.status).toBe(204);
    expect(updated.body).toBeUndefined();
    expect(sandbox.secretValue(repoScope, 'db_password')).toBe('correct horse');
    expect((await call('GET', `${repoBase}/db_password`)).body.created_at).toBe(first.created_at);
  });

  it('environment secrets live apart from repository secrets', async () => {
    expect((await putSecret(call, envBase, 'DB_PASSWORD', 'staging-only')).status).toBe(201);
    expect(sandbox.secretValue(envScope, 'DB_PASSWORD')).toBe('staging-only');
    expect(sandbox.secretValue(repoScope, 'DB_PASSWORD')).toBe('correct horse');
    expect(sandbox.environments('shop-co', 'shop-app')[0]?.secretNames).toEqual(['DB_PASSWORD']);
  });

  it('a value sealed with another scope’s key, or with a stale key_id, is a 422', async () => {
    const envKey = (await call<PublicKey>('GET', `${envBase}/public-key`)).body;
    const repoKey = (await call<PublicKey>('GET', `${repoBase}/public-key`)).body;
    const sealedForEnv = await seal('misdirected', envKey.key);
    const wrongKeyId = await call<ErrorBody>('PUT', `${repoBase}/MISDIRECTED`, {
      body: { encrypted_value: sealedForEnv, key_id: envKey.key_id },
    });
    expect(wrongKeyId.status).toBe(422);
    expect(wrongKeyId.body.message).toMatch(/key_id/);
    const unopenable = await call<ErrorBody>('PUT', `${repoBase}/MISDIRECTED`, {
      body: { encrypted_value: sealedForEnv, key_id: repoKey.key_id },
    });
    expect(unopenable.status).toBe(422);
    expect(unopenable.body.message).toMatch(/decrypt/);
    expect(sandbox.secrets(repoScope).map((secret) => secret.name)).not.toContain('MISDIRECTED');

    sandbox.rotatePublicKey(repoScope);
    const stale = await call('PUT', `${repoBase}/ROTATED`, {
      body: { encrypted_value: await seal('x', repoKey.key), key_id: repoKey.key_id },
    });
    expect(stale.status).toBe(422);
    expect((await putSecret(call, repoBase, 'ROTATED', 'x')).status).toBe(201);
  });

  it('name rules: [A-Za-z0-9_], no leading digit, no GITHUB_ prefix; names are stored upper case', async () => {
    for (const name of ['1ST', 'GITHUB_TOKEN', 'github_thing', 'has-dash', 'has%20space'])
      expect((await putSecret(call, repoBase, name, 'v')).status, name).toBe(422);
    expect((await putSecret(call, repoBase, '_lower_ok_2', 'v')).status).toBe(201);
    expect(sandbox.secrets(repoScope).map((secret) => secret.name)).toContain('_LOWER_OK_2');
  });

  it('values up to 48 KB', async () => {
    expect((await putSecret(call, repoBase, 'BIG', 'x'.repeat(48 * 1024))).status).toBe(201);
    const tooBig = await putSecret(call, repoBase, 'TOO_BIG', 'x'.repeat(48 * 1024 + 1));
    expect(tooBig.status).toBe(422);
  });

  it('DELETE 204, then 404', async () => {
    expect((await call('DELETE', `${repoBase}/big`)).status).toBe(204);
    expect((await call('DELETE', `${repoBase}/BIG`)).status).toBe(404);
    expect((await call('GET', `${repoBase}/BIG`)).status).toBe(404);
    expect(sandbox.secretValue(repoScope, 'BIG')).toBeUndefined();
  });
});

describe('pagination', () => {
  it('per_page default 30, max 100, Link next/last/prev/first, total_count across pages', async () => {
    const base = '/repos/shop-co/paged/actions/secrets';
    sandbox.addRepository('shop-co', 'paged');
    const names = Array.from({ length: 35 }, (_, index) => `S_${String(index).padStart(2, '0')}`);
    for (const name of names)
      expect((await putSecret(call, base, name, name.toLowerCase())).status).toBe(201);

    type List = { total_count: number; secrets: Array<{ name: string }> };
    const first = await call<List>('GET', base);
    expect(first.body.total_count).toBe(35);
    expect(first.body.secrets).toHaveLength(30);
    const firstLinks = links(first.headers.get('link'));
    expect(Object.keys(firstLinks).sort()).toEqual(['last', 'next']);
    expect(firstLinks.next).toBe(`${sandbox.apiUrl}${base}?per_page=30&page=2`);
    const second = await call<List>('GET', firstLinks.next!);
    expect(second.body.secrets.map((secret) => secret.name)).toEqual(names.slice(30));
    expect(Object.keys(links(second.headers.get('link'))).sort()).toEqual(['first', 'prev']);

    const pages: string[] = [];
    let next: string | undefined = `${base}?per_page=10`;
    while (next) {
      const page: { body: List; headers: Headers } = await call<List>('GET', next);
      pages.push(...page.body.secrets.map((secret) => secret.name));
      next = links(page.headers.get('link')).next;
    }
    expect(pages).toEqual(names);
    const clamped = await call<List>('GET', `${base}?per_page=500`);
    expect(clamped.body.secrets).toHaveLength(35);
    expect(clamped.headers.get('link')).toBeNull();
  });
});

describe('organisation secrets', () => {
  it('visibility and selected repositories', async () => {
    const other = sandbox.addRepository('shop-co', 'other-app');
    expect((await putSecret(call, orgBase, 'SHARED', 'everyone', { visibility: 'all' })).status).toBe(201);
    const selected = await putSecret(call, orgBase, 'NARROW', 'few', {
      visibility: 'selected',
      selected_repository_ids: [repoId],
    });
    expect(selected.status).toBe(201);
    expect(sandbox.secretValue(orgScope, 'NARROW')).toBe('few');

    type List = { secrets: Array<{ name: string; visibility: string; selected_repositories_url?: string }> };
    const listed = (await call<List>('GET', orgBase)).body.secrets;
    expect(listed.find((secret) => secret.name === 'SHARED')).toMatchObject({ visibility: 'all' });
    expect(listed.find((secret) => secret.name === 'SHARED')).not.toHaveProperty('selected_repositories_url');
    const narrow = listed.find((secret) => secret.name === 'NARROW');
    expect(narrow?.selected_repositories_url).toBe(`${sandbox.apiUrl}${orgBase}/NARROW/repositories`);

    expect((await call('PUT', `${orgBase}/NARROW/repositories/${other}`)).status).toBe(204);
    const repos = await call<{ total_count: number; repositories: Array<{ id: number }> }>(
      'GET',
      `${orgBase}/NARROW/repositories`,
    );
    expect(repos.body.repositories.map((repo) => repo.id)).toEqual([repoId, other]);
    expect((await call('DELETE', `${orgBase}/NARROW/repositories/${repoId}`)).status).toBe(204);
    expect(
      sandbox.secrets(orgScope).find((secret) => secret.name === 'NARROW')?.selectedRepositoryIds,
    ).toEqual([other]);
    expect((await call('PUT', `${orgBase}/SHARED/repositories/${other}`)).status).toBe(409);

    // Only the visibility: the value stays.
    expect((await call('PUT', `${orgBase}/NARROW`, { body: { visibility: 'private' } })).status).toBe(204);
    expect(sandbox.secrets(orgScope).find((secret) => secret.name === 'NARROW')).toMatchObject({
      visibility: 'private',
    });
    expect(sandbox.secretValue(orgScope, 'NARROW')).toBe('few');

    expect(
      (
        await putSecret(call, orgBase, 'BAD_IDS', 'v', {
          visibility: 'all',
          selected_repository_ids: [repoId],
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await putSecret(call, orgBase, 'UNKNOWN_REPO', 'v', {
          visibility: 'selected',
          selected_repository_ids: [1],
        })
      ).status,
    ).toBe(422);
    expect((await putSecret(call, orgBase, 'NO_VISIBILITY', 'v')).status).toBe(422);
  });
});

describe('the request log', () => {
  it('holds method, path, status and time, never a secret value or a sealed box', async () => {
    sandbox.resetRequests();
    const plaintext = 'plaintext-never-logged-7731';
    const key = (await call<PublicKey>('GET', `${repoBase}/public-key`)).body;
    const sealed = await seal(plaintext, key.key);
    await call('PUT', `${repoBase}/LOGGED`, { body: { encrypted_value: sealed, key_id: key.key_id } });
    await call('PUT', `${repoBase}/LOGGED`, { body: { encrypted_value: plaintext, key_id: key.key_id } });
    expect(sandbox.requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: `${repoBase}/public-key`, status: 200 },
      { method: 'PUT', path: `${repoBase}/LOGGED`, status: 201 },
      { method: 'PUT', path: `${repoBase}/LOGGED`, status: 422 },
    ]);
    expect(Object.keys(sandbox.requests[0]!).sort()).toEqual(['at', 'method', 'path', 'status']);
    expect(sandbox.writes()).toBe(2);
    expect(sandbox.writes(/public-key$/)).toBe(0);
    const recorded = JSON.stringify([sandbox.requests, sandbox.specViolations]);
    expect(recorded).not.toContain(plaintext);
    expect(recorded).not.toContain(sealed);
  });
});

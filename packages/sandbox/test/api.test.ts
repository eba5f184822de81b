import { describe, expect, it } from 'vitest';
import { apiClient, type Json, sandboxForFile, sandboxForTest } from './helpers';

const { sandbox, api } = await sandboxForFile({ token: 'secret-token' });

describe('auth', () => {
  it('answers 401 with a JSON error without a token, with a wrong one or an unknown scheme', async () => {
    for (const authorization of [undefined, 'Bearer nope', 'Basic secret-token', 'Bearer ']) {
      const response = await fetch(`${sandbox.apiUrl}/v1/apps/anything`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status, String(authorization)).toBe(401);
      expect(((await response.json()) as Json).error).toMatch(/unauthorized/);
      expect(response.headers.get('fly-request-id')).toBeTruthy();
    }
  });

  it('accepts Bearer and FlyV1 (also among comma-joined tokens)', async () => {
    for (const authorization of [
      'Bearer secret-token',
      'FlyV1 secret-token',
      'FlyV1 fm2_other,secret-token',
    ]) {
      const response = await fetch(`${sandbox.apiUrl}/v1/apps/missing-app`, { headers: { authorization } });
      expect(response.status, authorization).toBe(404);
    }
  });

  it('accepts any non-empty token when none is configured', async () => {
    const { api: open } = await sandboxForTest();
    expect((await open.call('GET', '/apps?org_slug=personal')).status).toBe(200);
  });
});

describe('apps', () => {
  it('creates (with name or legacy app_name), gets, lists, refuses a taken name and deletes', async () => {
    const created = await api.call('POST', '/apps', { body: { name: 'api-one', org_slug: 'acme' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'api-one',
      organization: { slug: 'acme' },
      status: 'pending',
    });
    expect(
      (await api.call('POST', '/apps', { body: { app_name: 'api-two', org_slug: 'acme' } })).status,
    ).toBe(201);

    const taken = await api.call('POST', '/apps', { body: { name: 'api-one', org_slug: 'acme' } });
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ status: 'name_taken', error: 'Name has already been taken' });

    expect((await api.call('GET', '/apps/api-one')).body).toMatchObject({
      name: 'api-one',
      machine_count: 0,
    });
    const list = await api.call<{ apps: Json[]; total_apps: number }>('GET', '/apps?org_slug=acme');
    expect(list.body.apps.map((app) => app.name).sort()).toEqual(['api-one', 'api-two']);
    expect(list.body.total_apps).toBe(2);

    expect((await api.call('DELETE', '/apps/api-two')).status).toBe(202);
    const gone = await api.call('GET', '/apps/api-two');
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatch(/not found/);
  });

  it('puts a request id on every answer and logs API calls', async () => {
    sandbox.resetRequests();
    const answer = await api.call('GET', '/apps/nowhere/machines');
    expect(answer.headers.get('fly-request-id')).toMatch(/^[0-9A-Z]{26}-/);
    expect(sandbox.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v1/apps/nowhere/machines',
        status: 404,
        app: 'nowhere',
      }),
    ]);
  });
});

describe('OpenAPI request checks', () => {
  it('refuses a body that does not match the spec with 400 and records the violation', async () => {
    await sandbox.createApp('spec-app', { machines: 0 });
    const before = sandbox.specViolations.length;
    const answer = await api.call('POST', '/apps/spec-app/machines', {
      body: {
        config: { image: 'registry.fly.io/x:v1', restart: { policy: 'sometimes' }, guest: { cpus: 'two' } },
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/^request does not match Fly's OpenAPI description: /);
    expect(answer.body.error).toMatch(/restart\.policy/);
    expect(answer.body.error).toMatch(/guest\.cpus must be integer/);
    expect(sandbox.specViolations.slice(before)).toEqual([
      expect.objectContaining({ method: 'POST', path: '/v1/apps/spec-app/machines' }),
    ]);
  });

  it('checks query parameters (types, required) and accepts what fly-go sends beyond the old spec', async () => {
    const missing = await api.call('GET', '/apps');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/org_slug is required/);
    const wrongType = await api.call('GET', '/apps/spec-app/machines?include_deleted=maybe');
    expect(wrongType.status).toBe(400);
    // null for an optional object and `settled` as a wait state: both are what real clients send.
    const id = (
      await api.call('POST', '/apps/spec-app/machines', {
        body: {
          config: { image: 'registry.fly.io/x:v1', guest: null, services: [] },
          skip_launch: true,
          skip_secrets: false,
        },
      })
    ).body.id as string;
    const wait = (query: string) => api.call('GET', `/apps/spec-app/machines/${id}/wait?${query}`);
    expect((await wait('state=suspended&timeout=1')).status).toBe(408);
    expect((await wait('state=settled&timeout=1')).status).toBe(200); // created counts as stopped
    const notAState = await api.call('GET', `/apps/spec-app/machines/${id}/wait?state=created&timeout=1`);
    expect(notAState.status).toBe(400);
    expect(notAState.body.error).toMatch(/state="created" must be equal to one of the allowed values/);
  });

  it('can be turned off', async () => {
    const { sandbox: lax, api: laxApi } = await sandboxForTest({ checkSpec: false });
    await lax.createApp('lax-app', { machines: 0 });
    const answer = await laxApi.call('GET', '/apps/lax-app/machines?include_deleted=maybe');
    expect(answer.status).toBe(200);
    expect(lax.specViolations).toEqual([]);
  });
});

describe('secrets', () => {
  it('bumps the app version on every write, hides values unless asked, deletes with null', async () => {
    await sandbox.createApp('secret-app', { machines: 0 });
    const one = await api.call('POST', '/apps/secret-app/secrets/DATABASE_URL', {
      body: { value: 'postgres://a' },
    });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ name: 'DATABASE_URL', version: 1 });
    expect(one.body.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(one.body).not.toHaveProperty('value');

    const bulk = await api.call('POST', '/apps/secret-app/secrets', {
      body: { values: { API_KEY: 'k1', DATABASE_URL: null } },
    });
    expect(bulk.body).toMatchObject({ version: 2 });

    const hidden = await api.call<{ secrets: Json[] }>('GET', '/apps/secret-app/secrets');
    expect(hidden.body.secrets).toEqual([expect.objectContaining({ name: 'API_KEY' })]);
    expect(hidden.body.secrets[0]).not.toHaveProperty('value');
    const shown = await api.call<{ secrets: Json[] }>('GET', '/apps/secret-app/secrets?show_secrets=true');
    expect(shown.body.secrets[0]).toMatchObject({ name: 'API_KEY', value: 'k1' });
    const asOfOne = await api.call<{ secrets: Json[] }>('GET', '/apps/secret-app/secrets?version=1');
    expect(asOfOne.body.secrets.map((secret) => secret.name)).toEqual(['DATABASE_URL']);

    expect((await api.call('DELETE', '/apps/secret-app/secrets/API_KEY')).body).toEqual({ version: 3 });
    expect((await api.call('DELETE', '/apps/secret-app/secrets/API_KEY')).status).toBe(404);
    expect(
      (await api.call('POST', '/apps/secret-app/secrets/bad-name', { body: { value: 'x' } })).status,
    ).toBe(400);
  });

  it('starts machines with the secrets of the moment, and refuses a min_secrets_version from the future', async () => {
    await api.call('POST', '/apps/secret-app/secrets/SESSION_KEY', { body: { value: 's3cr3t' } });
    const created = await api.call('POST', '/apps/secret-app/machines', {
      body: {
        config: { image: 'registry.fly.io/shop:v1', services: [{ protocol: 'tcp', internal_port: 8080 }] },
      },
    });
    const id = created.body.id as string;
    expect(
      (await api.call('GET', `/apps/secret-app/machines/${id}/wait?state=started&timeout=30`)).status,
    ).toBe(200);
    const env = await fetch(`${sandbox.appUrl('secret-app')}/env`);
    expect(((await env.json()) as { names: string[] }).names).toContain('SESSION_KEY');

    const future = await api.call('POST', '/apps/secret-app/machines', {
      body: { config: { image: 'registry.fly.io/shop:v1' }, min_secrets_version: 99 },
    });
    expect(future.status).toBe(400);
    expect(future.body.error).toMatch(/min_secrets_version 99/);
  });
});

describe('unknown endpoints', () => {
  it('answer JSON 404s, and the not simulated ones say so', async () => {
    const other = apiClient(sandbox.apiUrl, 'secret-token');
    expect((await other.call('GET', '/nothing/here')).status).toBe(404);
    await sandbox.createApp('unsim-app', { machines: 0 });
    const id = (
      await other.call('POST', '/apps/unsim-app/machines', {
        body: { config: { image: 'x:v1' }, skip_launch: true },
      })
    ).body.id;
    const exec = await other.call('POST', `/apps/unsim-app/machines/${id}/exec`, { body: { cmd: 'ls' } });
    expect(exec.status).toBe(501);
    expect(exec.body.error).toMatch(/not simulated/);
  });
});

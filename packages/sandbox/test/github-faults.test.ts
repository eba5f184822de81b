import { afterEach, describe, expect, it } from 'vitest';
import { GitHubState } from '../src/github/model';
import { deploymentRoutes } from '../src/github/routes/deployments';
import { environmentRoutes } from '../src/github/routes/environments';
import { repositoryRoutes } from '../src/github/routes/repos';
import { secretRoutes } from '../src/github/routes/secrets';
import { variableRoutes } from '../src/github/routes/variables';
import { openApiParseCount, specOperations } from '../src/github/spec-check';
import { startGitHubSandbox } from '../src/index';
import { gitHubClient, gitHubSandboxForFile, putSecret } from './github-helpers';
import { echoedForms } from './helpers';

const { sandbox, call } = await gitHubSandboxForFile();
const secrets = '/repos/shop-co/shop-app/actions/secrets';
type ErrorBody = { message: string; documentation_url: string; status: string };
afterEach(() => sandbox.faults.clear());

describe('faults', () => {
  it('secondaryRateLimit: 403, a message plugin-throttling recognises, retry-after, for `times` requests', async () => {
    sandbox.faults.add({ kind: 'secondaryRateLimit', method: 'PUT', path: '/actions/secrets/', times: 1 });
    const limited = await putSecret(call, secrets, 'A', 'a');
    expect(limited.status).toBe(403);
    expect(limited.body.message).toMatch(/\bsecondary rate\b/i);
    expect(limited.body.message).toMatch(/^You have exceeded a secondary rate limit/);
    expect(limited.headers.get('retry-after')).toBe('60');
    // Not a primary limit: plugin-throttling must not take it for one.
    expect(limited.headers.get('x-ratelimit-remaining')).not.toBe('0');
    expect((await putSecret(call, secrets, 'A', 'a')).status).toBe(201);
    expect(sandbox.faults.list()).toEqual([]);

    sandbox.faults.add({ kind: 'secondaryRateLimit', status: 429, retryAfter: null, times: 1 });
    const noHeader = await call('GET', secrets);
    expect(noHeader.status).toBe(429);
    expect(noHeader.headers.get('retry-after')).toBeNull();
  });

  it('primaryRateLimit: 403/429 with x-ratelimit-remaining 0 and a reset in the future', async () => {
    sandbox.faults.add({ kind: 'primaryRateLimit', status: 429, resetAfter: 30, times: 1 });
    const limited = await call<ErrorBody>('GET', secrets);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/^API rate limit exceeded/);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 28);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 31);
  });

  it('permission: 403 "Resource not accessible by integration" naming the permission the endpoint needs', async () => {
    const cases: Array<[string, string, string]> = [
      ['PUT', `${secrets}/X`, 'secrets=write'],
      ['GET', `${secrets}/public-key`, 'secrets=read'],
      ['PUT', '/repos/shop-co/shop-app/environments/staging/secrets/X', 'environments=write'],
      ['PUT', '/orgs/shop-co/actions/secrets/X', 'organization_secrets=write'],
      ['POST', '/repos/shop-co/shop-app/actions/variables', 'variables=write'],
      ['PUT', '/repos/shop-co/shop-app/environments/production', 'administration=write'],
      ['POST', '/repos/shop-co/shop-app/deployments', 'deployments=write'],
      ['GET', '/repos/shop-co/shop-app', 'metadata=read'],
    ];
    for (const [method, path, permission] of cases) {
      sandbox.faults.add({ kind: 'permission', times: 1 });
      const denied = await call<ErrorBody>(method, path, method === 'GET' ? {} : { body: {} });
      expect(denied.status, path).toBe(403);
      expect(denied.body.message).toBe('Resource not accessible by integration');
      expect(denied.headers.get('x-accepted-github-permissions'), `${method} ${path}`).toBe(permission);
    }
    sandbox.faults.add({ kind: 'permission', permission: 'actions_variables=write', times: 1 });
    const overridden = await call('GET', '/repos/shop-co/shop-app/actions/variables');
    expect(overridden.headers.get('x-accepted-github-permissions')).toBe('actions_variables=write');
  });

  it('status: 500/502/503 on matching requests only, with probability 1', async () => {
    const id = sandbox.faults.add({
      kind: 'status',
      status: 502,
      method: 'GET',
      path: '/environments$',
      probability: 1,
    });
    const failed = await call<ErrorBody>('GET', '/repos/shop-co/shop-app/environments');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ message: 'Bad Gateway', status: '502' });
    expect((await call('GET', '/repos/shop-co/shop-app/environments/staging')).status).toBe(200);
    expect((await call('GET', '/repos/shop-co/shop-app/environments')).status).toBe(502);
    expect(sandbox.faults.remove(id)).toBe(true);
    expect((await call('GET', '/repos/shop-co/shop-app/environments')).status).toBe(200);
    sandbox.faults.add({ kind: 'status', status: 500, probability: 0 });
    expect((await call('GET', '/repos/shop-co/shop-app/environments')).status).toBe(200);
    sandbox.faults.clear();
  });

  it('echoCredential: 401 "Bad credentials" quoting the Authorization value in every form, after `after` requests', async () => {
    const authorization = 'Bearer ghs_echo+Token/Value==';
    const forms = echoedForms(authorization);
    sandbox.faults.add({ kind: 'echoCredential', method: 'GET', path: '/environments$', after: 1, times: 1 });
    const environments = '/repos/shop-co/shop-app/environments';
    expect((await call('GET', environments, { authorization })).status).toBe(200);
    const refused = await call<ErrorBody & { presented: typeof forms }>('GET', environments, {
      authorization,
    });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/^Bad credentials: the authorization presented is not valid: /);
    for (const form of Object.values(forms)) expect(refused.body.message).toContain(form);
    expect(refused.body.presented).toEqual(forms);
    expect(refused.body.status).toBe('401');
    expect(refused.headers.get('www-authenticate')).toContain(authorization);
    expect(refused.headers.get('www-authenticate')).toContain(forms.base64);
    expect((await call('GET', environments, { authorization })).status).toBe(200);

    sandbox.faults.add({ kind: 'echoCredential', status: 422, message: 'Validation Failed', times: 1 });
    const invalid = await call<ErrorBody>('GET', environments, { authorization });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toContain(forms.urlEncoded);
    expect(() => sandbox.faults.add({ kind: 'echoCredential', status: 418 as 401 })).toThrow();
  });

  it('latency delays the answer, which then comes normally', async () => {
    sandbox.faults.add({ kind: 'latency', ms: 150, times: 1 });
    const started = Date.now();
    expect((await call('GET', '/repos/shop-co/shop-app')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drop destroys the connection; the log records status 0', async () => {
    sandbox.resetRequests();
    sandbox.faults.add({ kind: 'drop', times: 1 });
    await expect(call('GET', '/repos/shop-co/shop-app')).rejects.toThrow();
    expect(sandbox.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/repos/shop-co/shop-app', status: 0 }),
    ]);
    expect((await call('GET', '/repos/shop-co/shop-app')).status).toBe(200);
  });

  it('over HTTP: POST, GET, DELETE one, DELETE all; invalid rules are 400', async () => {
    const control = gitHubClient(sandbox.apiUrl, sandbox.token);
    const added = await control<{ id: string }>('POST', '/_sandbox/github/faults', {
      body: { kind: 'secondaryRateLimit', retryAfter: 2, path: '/variables' },
      authorization: null,
    });
    expect(added.status).toBe(201);
    const limited = await call('GET', '/repos/shop-co/shop-app/actions/variables');
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('2');
    const listed = await control<{ faults: Array<{ id: string; hits: number }> }>(
      'GET',
      '/_sandbox/github/faults',
    );
    expect(listed.body.faults).toEqual([expect.objectContaining({ id: added.body.id, hits: 1 })]);
    expect((await control('DELETE', `/_sandbox/github/faults/${added.body.id}`)).status).toBe(200);
    expect((await control('DELETE', `/_sandbox/github/faults/${added.body.id}`)).status).toBe(404);
    await control('POST', '/_sandbox/github/faults', { body: { kind: 'drop' } });
    expect((await control('DELETE', '/_sandbox/github/faults')).status).toBe(200);
    expect(sandbox.faults.list()).toEqual([]);
    expect(
      (await control('POST', '/_sandbox/github/faults', { body: { kind: 'status', status: 418 } })).status,
    ).toBe(400);
    expect((await control('POST', '/_sandbox/github/faults', { body: { kind: 'explode' } })).status).toBe(
      400,
    );
    const seeded = await control<{ id: number }>('POST', '/_sandbox/github/seed', {
      body: { kind: 'repository', owner: 'shop-co', repo: 'seeded', environments: ['qa'] },
    });
    expect(seeded.status).toBe(201);
    expect((await call('GET', '/repos/shop-co/seeded')).body.id).toBe(seeded.body.id);
  });
});

describe('OpenAPI request checks', () => {
  it('a body that does not match is a 422 "Invalid request." and is recorded', async () => {
    sandbox.specViolations.splice(0);
    const key = await call<{ key_id: string }>('GET', `${secrets}/public-key`);
    const missing = await call<ErrorBody>('PUT', `${secrets}/NO_VALUE`, {
      body: { key_id: key.body.key_id },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toBe('Invalid request.\n\n"encrypted_value" wasn\'t supplied.');
    expect(missing.body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\/rest\/actions\/secrets#/);
    expect(sandbox.specViolations).toEqual([
      expect.objectContaining({
        method: 'PUT',
        path: `${secrets}/NO_VALUE`,
        operationId: 'actions/create-or-update-repo-secret',
        problems: ['"encrypted_value" wasn\'t supplied.'],
      }),
    ]);
    const badState = await call<ErrorBody>('POST', '/repos/shop-co/shop-app/deployments/1/statuses', {
      body: { state: 'done' },
    });
    expect(badState.status).toBe(422);
    expect(badState.body.message).toMatch(/For 'properties\/state', "done" is not a member of/);
    const unknownKey = await call<ErrorBody>('PUT', '/repos/shop-co/shop-app/environments/qa', {
      body: { wait_timer: 1, colour: 'red' },
    });
    expect(unknownKey.body.message).toMatch(/"colour" is not a permitted key/);
    expect((await call('GET', `${secrets}?page=first`)).status).toBe(422);
    expect(sandbox.specViolations).toHaveLength(4);
    expect(
      sandbox.secrets({ kind: 'repository', owner: 'shop-co', repo: 'shop-app' }).map((s) => s.name),
    ).not.toContain('NO_VALUE');
  });

  it('checkSpec: false lets the handler answer instead, and records nothing', async () => {
    const unchecked = await startGitHubSandbox({ checkSpec: false });
    try {
      unchecked.addRepository('o', 'r');
      const put = await gitHubClient(unchecked.apiUrl, 'x')('PUT', '/repos/o/r/actions/secrets/NO_VALUE', {
        body: { key_id: '1' },
      });
      expect(put.status).toBe(422);
      expect(unchecked.specViolations).toEqual([]);
    } finally {
      await unchecked.close();
    }
  });

  it('the 13 MB description is parsed once per process, and every served operation is in it', async () => {
    const second = await startGitHubSandbox();
    try {
      second.addRepository('o', 'r');
      expect((await gitHubClient(second.apiUrl, 'x')('GET', '/repos/o/r/actions/secrets')).status).toBe(200);
    } finally {
      await second.close();
    }
    expect(openApiParseCount()).toBe(1);
    const deps = { state: new GitHubState(), apiUrl: () => '' };
    const served = [
      ...repositoryRoutes(deps, () => ({ limit: 1, used: 0, reset: 0 })),
      ...secretRoutes(deps),
      ...variableRoutes(deps),
      ...environmentRoutes(deps),
      ...deploymentRoutes(deps),
    ];
    const described = specOperations(served);
    expect(served.filter((route) => !described.has(`${route.method} ${route.pattern}`))).toEqual([]);
    expect(openApiParseCount()).toBe(1);
  });
});

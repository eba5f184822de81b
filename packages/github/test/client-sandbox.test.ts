import { createRecordingLogger, type RecordingLogger } from '@shipgate/kit';
import { type GitHubSandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SecretScope } from '../src/api';
import {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
  type GitHubRequestRecord,
} from '../src/client';
import { GitHubApiError } from '../src/errors';

// Every GitHubApi call against the GitHub sandbox (HTTP on 127.0.0.1, requests checked against GitHub's
// OpenAPI description, sealed boxes opened with the scope's private key).

const token = 'ghp_sandboxTokenThatMustNeverBeLogged42';
const owner = 'shop-co';
const repo = 'shop-app';
const org = 'shop-org';
const repository: SecretScope = { kind: 'repository', owner, repo };

let sandbox: GitHubSandbox;
let repositoryId: number;
let log: RecordingLogger;
let sent: GitHubRequestRecord[];
let client: GitHubClient;

function newClient(overrides: Partial<GitHubClientOptions> = {}): GitHubClient {
  return createGitHubClient({
    token,
    baseUrl: sandbox.apiUrl,
    log,
    onRequest: (request) => sent.push(request),
    throttle: { writeIntervalMs: 0 },
    retry: { baseDelayMs: 10 },
    timeoutMs: 5000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<GitHubApiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GitHubApiError);
  return error as GitHubApiError;
}

function requestsTo(method: string, path: RegExp) {
  return sandbox.requests.filter((request) => request.method === method && path.test(request.path));
}

beforeAll(async () => {
  sandbox = await startGitHubSandbox({ token });
  repositoryId = sandbox.addRepository(owner, repo, { environments: ['staging'] });
  sandbox.addOrganization(org);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  log = createRecordingLogger();
  sent = [];
  sandbox.resetRequests();
  client = newClient();
});

afterEach(() => {
  sandbox.faults.clear();
  const text = JSON.stringify(log.entries);
  expect(text).not.toContain(token);
  expect(sandbox.specViolations).toEqual([]);
});

describe('secrets', () => {
  it('puts (created, then updated), lists and deletes a repository secret; the sandbox opens the value', async () => {
    const value = 'postgres://shop:s3cr3t-päss@db.internal/shop';
    expect(await client.putSecret(repository, 'DB_URL', value)).toBe('created');
    expect(sandbox.secretValue(repository, 'DB_URL')).toBe(value);
    expect(await client.putSecret(repository, 'DB_URL', `${value}-2`)).toBe('updated');
    expect(sandbox.secretValue(repository, 'DB_URL')).toBe(`${value}-2`);

    const listed = await client.listSecrets(repository);
    expect(listed.map((secret) => secret.name)).toContain('DB_URL');
    expect(listed.find((secret) => secret.name === 'DB_URL')?.createdAt).toMatch(/^\d{4}-/);

    await client.deleteSecret(repository, 'DB_URL');
    expect(sandbox.secretValue(repository, 'DB_URL')).toBeUndefined();
    // One public key for the scope, however many writes.
    expect(requestsTo('GET', /\/actions\/secrets\/public-key$/)).toHaveLength(1);
    expect(JSON.stringify(log.entries)).not.toContain('s3cr3t');
  });

  it('writes environment secrets under /environments/{name}/secrets, the name URL-encoded', async () => {
    sandbox.addRepository(owner, repo, { environments: ['prod/eu'] });
    const scope: SecretScope = { kind: 'environment', owner, repo, environment: 'prod/eu' };
    expect(await client.putSecret(scope, 'API_KEY', 'k-123')).toBe('created');
    expect(sandbox.secretValue(scope, 'API_KEY')).toBe('k-123');
    expect(
      requestsTo('PUT', /^\/repos\/shop-co\/shop-app\/environments\/prod%2Feu\/secrets\/API_KEY$/),
    ).toHaveLength(1);
    expect((await client.listSecrets(scope)).map((secret) => secret.name)).toEqual(['API_KEY']);
  });

  it('writes organisation secrets with their visibility and selected repositories', async () => {
    const selected: SecretScope = {
      kind: 'organization',
      org,
      visibility: 'selected',
      selectedRepositoryIds: [repositoryId],
    };
    expect(await client.putSecret(selected, 'NPM_TOKEN', 'npm_abc')).toBe('created');
    expect(await client.putSecret({ kind: 'organization', org }, 'SENTRY_DSN', 'https://dsn')).toBe(
      'created',
    );
    expect(sandbox.secretValue(selected, 'NPM_TOKEN')).toBe('npm_abc');
    const snapshot = sandbox.secrets({ kind: 'organization', org });
    expect(snapshot.find((secret) => secret.name === 'NPM_TOKEN')).toMatchObject({
      visibility: 'selected',
      selectedRepositoryIds: [repositoryId],
    });
    expect(snapshot.find((secret) => secret.name === 'SENTRY_DSN')?.visibility).toBe('private');
    const listed = await client.listSecrets({ kind: 'organization', org });
    expect(listed.find((secret) => secret.name === 'NPM_TOKEN')?.visibility).toBe('selected');
  });

  it('lists every page: 130 organisation secrets at 100 a page', async () => {
    const scope: SecretScope = { kind: 'organization', org: 'many-secrets' };
    sandbox.addOrganization('many-secrets');
    const names = Array.from({ length: 130 }, (_, index) => `SECRET_${String(index).padStart(3, '0')}`);
    for (const name of names) await client.putSecret(scope, name, `value of ${name}`);
    sandbox.resetRequests();
    const listed = await client.listSecrets(scope);
    expect(listed.map((secret) => secret.name).sort()).toEqual(names);
    expect(requestsTo('GET', /^\/orgs\/many-secrets\/actions\/secrets$/)).toHaveLength(2);
    expect(sandbox.secretValue(scope, 'SECRET_129')).toBe('value of SECRET_129');
  });

  it('refetches a rotated public key once and seals again', async () => {
    await client.putSecret(repository, 'ROTATED', 'first');
    sandbox.rotatePublicKey(repository);
    expect(await client.putSecret(repository, 'ROTATED', 'second')).toBe('updated');
    expect(sandbox.secretValue(repository, 'ROTATED')).toBe('second');
    expect(requestsTo('PUT', /\/secrets\/ROTATED$/).map((request) => request.status)).toEqual([
      201, 422, 204,
    ]);
    expect(requestsTo('GET', /\/secrets\/public-key$/)).toHaveLength(2);
    expect(
      log.entries.some((entry) => /public key of repository shop-co\/shop-app changed/.test(entry.message)),
    ).toBe(true);
  });

  it('refuses a bad name or an oversized value before any request, naming the secret and not the value', async () => {
    await expect(client.putSecret(repository, 'GITHUB_TOKEN', 'v')).rejects.toThrow(
      'secret name "GITHUB_TOKEN" is invalid: the GITHUB_ prefix is reserved',
    );
    await expect(client.putSecret(repository, 'BIG', `hunter2${'x'.repeat(49_152)}`)).rejects.toThrow(
      /^secret BIG is 49159 bytes/,
    );
    await expect(client.setVariable(repository, '9LIVES', 'v')).rejects.toThrow(/variable name "9LIVES"/);
    expect(sandbox.requests).toEqual([]);
    expect(sent).toEqual([]);
  });
});

describe('variables', () => {
  it('creates (POST), reads, updates (PATCH), lists and deletes a repository variable', async () => {
    expect(await client.getVariable(repository, 'REGION')).toBeUndefined();
    expect(await client.setVariable(repository, 'REGION', 'iad')).toBe('created');
    expect(await client.getVariable(repository, 'REGION')).toMatchObject({ name: 'REGION', value: 'iad' });
    expect(await client.setVariable(repository, 'REGION', 'ams')).toBe('updated');
    expect(sandbox.variables(repository).find((variable) => variable.name === 'REGION')?.value).toBe('ams');
    expect(
      (await client.listVariables(repository)).find((variable) => variable.name === 'REGION')?.value,
    ).toBe('ams');
    expect(sandbox.writes(/\/variables/)).toBe(2);
    await client.deleteVariable(repository, 'REGION');
    expect(await client.getVariable(repository, 'REGION')).toBeUndefined();
  });

  it('two writers creating the same variable: the loser of the POST race (409) updates instead', async () => {
    const results = await Promise.all([
      client.setVariable(repository, 'RACED', 'first'),
      client.setVariable(repository, 'RACED', 'second'),
    ]);
    expect(results.sort()).toEqual(['created', 'updated']);
    expect(
      requestsTo('POST', /\/variables$/)
        .map((request) => request.status)
        .sort(),
    ).toEqual([201, 409]);
    expect(requestsTo('PATCH', /\/variables\/RACED$/).map((request) => request.status)).toEqual([204]);
  });

  it('lists every page: 65 variables at 30 a page', async () => {
    sandbox.addRepository(owner, 'many-variables');
    const scope: SecretScope = { kind: 'repository', owner, repo: 'many-variables' };
    const names = Array.from({ length: 65 }, (_, index) => `VAR_${String(index).padStart(2, '0')}`);
    for (const name of names) await client.setVariable(scope, name, `v${name}`);
    sandbox.resetRequests();
    const listed = await client.listVariables(scope);
    expect(listed.map((variable) => variable.name).sort()).toEqual(names);
    expect(listed.find((variable) => variable.name === 'VAR_64')?.value).toBe('vVAR_64');
    expect(requestsTo('GET', /\/actions\/variables$/)).toHaveLength(3);
  });

  it('writes environment and organisation variables', async () => {
    const environment: SecretScope = { kind: 'environment', owner, repo, environment: 'staging' };
    expect(await client.setVariable(environment, 'URL', 'https://staging.example')).toBe('created');
    expect(sandbox.variables(environment).map((variable) => variable.value)).toEqual([
      'https://staging.example',
    ]);
    const organization: SecretScope = { kind: 'organization', org, visibility: 'all' };
    expect(await client.setVariable(organization, 'COMPANY', 'shop')).toBe('created');
    expect(await client.setVariable(organization, 'COMPANY', 'shop co')).toBe('updated');
    expect(sandbox.variables(organization).find((variable) => variable.name === 'COMPANY')).toMatchObject({
      value: 'shop co',
      visibility: 'all',
    });
  });
});

describe('environments, repositories, deployments', () => {
  it('an environment that is missing is undefined, then created', async () => {
    expect(await client.getEnvironment(owner, repo, 'preview')).toBeUndefined();
    await client.createEnvironment(owner, repo, 'preview');
    expect(await client.getEnvironment(owner, repo, 'preview')).toEqual({ name: 'preview' });
    expect(sandbox.environments(owner, repo).map((environment) => environment.name)).toContain('preview');
  });

  it('reads the repository id', async () => {
    expect(await client.getRepositoryId(owner, repo)).toBe(repositoryId);
  });

  it('creates a deployment and its statuses', async () => {
    const deployment = await client.createDeployment(owner, repo, {
      ref: 'main',
      environment: 'staging',
      description: 'shipgate deploy',
      payload: { image: 'registry.fly.io/shop-app:v2' },
      autoMerge: false,
      requiredContexts: [],
      productionEnvironment: false,
    });
    expect(deployment?.id).toEqual(expect.any(Number));
    const id = deployment?.id ?? 0;
    await client.createDeploymentStatus(owner, repo, id, {
      state: 'in_progress',
      logUrl: 'https://ci/run/1',
    });
    await client.createDeploymentStatus(owner, repo, id, {
      state: 'success',
      environmentUrl: 'https://staging.example',
      description: 'x'.repeat(200),
    });
    const recorded = sandbox.deployments(owner, repo).find((candidate) => candidate.id === id);
    expect(recorded).toMatchObject({
      ref: 'main',
      environment: 'staging',
      payload: { image: 'registry.fly.io/shop-app:v2' },
    });
    expect(recorded?.statuses.map((status) => status.state)).toEqual(['in_progress', 'success']);
    expect(recorded?.statuses[1]?.description).toHaveLength(140);
  });

  it('answers undefined when GitHub merged instead of deploying (202)', async () => {
    expect(
      await client.createDeployment(owner, repo, { ref: 'needs-merge', environment: 'staging' }),
    ).toBeUndefined();
    expect(
      log.entries.some((entry) => /merged the default branch into needs-merge/.test(entry.message)),
    ).toBe(true);
  });
});

describe('rate limits, retries and errors', () => {
  it('waits out a burst of secondary rate limits (403 with retry-after) and logs the wait', async () => {
    sandbox.faults.add({
      kind: 'secondaryRateLimit',
      method: 'PUT',
      path: '/secrets/BURST$',
      times: 2,
      retryAfter: 1,
    });
    const started = Date.now();
    expect(await client.putSecret(repository, 'BURST', 'b')).toBe('created');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(requestsTo('PUT', /\/secrets\/BURST$/).map((request) => request.status)).toEqual([403, 403, 201]);
    expect(log.entries.filter((entry) => entry.level === 'warning').map((entry) => entry.message)).toEqual([
      expect.stringMatching(/^secondary rate limit: waiting 1s/),
      expect.stringMatching(/^secondary rate limit: waiting 1s/),
    ]);
    expect(sandbox.secretValue(repository, 'BURST')).toBe('b');
  });

  it('a secondary limit answered with 429 is waited out once, not also retried by plugin-retry', async () => {
    sandbox.faults.add({ kind: 'secondaryRateLimit', status: 429, method: 'PATCH', times: 1, retryAfter: 1 });
    await client.setVariable(repository, 'LIMITED', 'one');
    expect(await client.setVariable(repository, 'LIMITED', 'two')).toBe('updated');
    expect(requestsTo('PATCH', /\/variables\/LIMITED$/).map((request) => request.status)).toEqual([429, 204]);
  });

  it('gives up after maxRetries secondary limits with a plain error', async () => {
    const strict = newClient({ throttle: { writeIntervalMs: 0, maxRetries: 1 } });
    sandbox.faults.add({ kind: 'secondaryRateLimit', method: 'DELETE', retryAfter: 1 });
    const error = await failure(strict.deleteSecret(repository, 'ANY'));
    expect(error.status).toBe(403);
    expect(error.message).toMatch(
      /^GitHub DELETE \/repos\/shop-co\/shop-app\/actions\/secrets\/ANY: 403 Forbidden: You have exceeded a secondary rate limit/,
    );
    expect(requestsTo('DELETE', /\/secrets\/ANY$/)).toHaveLength(2);
  });

  it('does not wait for a secondary limit longer than the cap', async () => {
    sandbox.faults.add({
      kind: 'secondaryRateLimit',
      method: 'GET',
      path: '/actions/variables$',
      retryAfter: 600,
    });
    const started = Date.now();
    const error = await failure(client.listVariables(repository));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.status).toBe(403);
    expect(log.entries.some((entry) => /asks for 600s, more than 120s/.test(entry.message))).toBe(true);
  });

  it('waits for a primary limit that resets soon, and fails at once when the reset is far', async () => {
    sandbox.faults.add({
      kind: 'primaryRateLimit',
      method: 'GET',
      path: '^/repos/shop-co/shop-app$',
      times: 1,
      resetAfter: 1,
    });
    expect(await client.getRepositoryId(owner, repo)).toBe(repositoryId);
    expect(requestsTo('GET', /^\/repos\/shop-co\/shop-app$/).map((request) => request.status)).toEqual([
      403, 200,
    ]);

    sandbox.resetRequests();
    sandbox.faults.add({
      kind: 'primaryRateLimit',
      status: 429,
      method: 'GET',
      path: '^/repos/shop-co/shop-app$',
      resetAfter: 3600,
    });
    const error = await failure(client.getRepositoryId(owner, repo));
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/API rate limit exceeded.*the primary rate limit resets at \d{4}-/);
    // Neither plugin sends it again: throttling declined, and plugin-retry was told not to.
    expect(requestsTo('GET', /^\/repos\/shop-co\/shop-app$/)).toHaveLength(1);
  });

  it('a missing permission fails at once, naming the permission and the token kinds', async () => {
    sandbox.faults.add({ kind: 'permission', method: 'PUT', path: '/actions/secrets/' });
    const error = await failure(client.putSecret(repository, 'DENIED', 'v'));
    expect(error.status).toBe(403);
    expect(error.permission).toBe('secrets: write');
    expect(error.requestId).toMatch(/^[0-9A-F]{4}:/);
    expect(error.message).toContain(
      'GitHub PUT /repos/shop-co/shop-app/actions/secrets/DENIED: 403 Forbidden: the token lacks the `secrets: write` permission (GitHub: Resource not accessible by integration)',
    );
    expect(error.message).toMatch(/GITHUB_TOKEN cannot manage them/);
    expect(error.message).not.toContain(token);
    expect(requestsTo('PUT', /\/secrets\/DENIED$/)).toHaveLength(1);
  });

  it('retries a 500 and a dropped connection', async () => {
    sandbox.faults.add({ kind: 'status', status: 500, method: 'PUT', path: '/secrets/FLAKY$', times: 1 });
    expect(await client.putSecret(repository, 'FLAKY', 'f')).toBe('created');
    expect(requestsTo('PUT', /\/secrets\/FLAKY$/).map((request) => request.status)).toEqual([500, 201]);

    sandbox.faults.add({ kind: 'drop', method: 'GET', path: '/actions/secrets$', times: 1 });
    await client.listSecrets(repository);
    expect(
      sent
        .filter((request) => request.method === 'GET' && /\/actions\/secrets\?/.test(request.url))
        .map((request) => request.status),
    ).toEqual([0, 200]);
  });

  it('does not send a deployment again after a 5xx (it may exist already)', async () => {
    sandbox.faults.add({ kind: 'status', status: 502, method: 'POST', path: '/deployments$' });
    const error = await failure(
      client.createDeployment(owner, repo, { ref: 'main', environment: 'staging' }),
    );
    expect(error.status).toBe(502);
    expect(error.message).toMatch(
      /^GitHub POST \/repos\/shop-co\/shop-app\/deployments: 502 Bad Gateway: Bad Gateway/,
    );
    expect(requestsTo('POST', /\/deployments$/)).toHaveLength(1);
  });

  it('gives up after the retries of a lasting 503', async () => {
    sandbox.faults.add({ kind: 'status', status: 503, method: 'GET', path: '/environments/staging$' });
    const error = await failure(client.getEnvironment(owner, repo, 'staging'));
    expect(error.status).toBe(503);
    expect(requestsTo('GET', /\/environments\/staging$/)).toHaveLength(4);
  });

  it('ends a send that takes longer than timeoutMs', async () => {
    const impatient = newClient({ timeoutMs: 200, retry: { retries: 0 } });
    sandbox.faults.add({
      kind: 'latency',
      method: 'GET',
      path: '^/repos/shop-co/shop-app$',
      ms: 1000,
      times: 1,
    });
    const error = await failure(impatient.getRepositoryId(owner, repo));
    expect(error.status).toBe(0);
    expect(error.message).toBe('GitHub GET /repos/shop-co/shop-app: no answer within 200 ms');
  });

  it("by default spaces writes 1 s apart with plugin-throttling's write queue", async () => {
    const defaults = newClient({ throttle: {} });
    const started = Date.now();
    await defaults.putSecret(repository, 'QUEUED_A', 'a');
    await defaults.putSecret(repository, 'QUEUED_B', 'b');
    const puts = requestsTo('PUT', /\/secrets\/QUEUED_[AB]$/);
    expect(puts).toHaveLength(2);
    expect((puts[1]?.at ?? 0) - (puts[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('reports every exchange to onRequest and spaces writes with the write queue', async () => {
    const spaced = newClient({ throttle: { writeIntervalMs: 300 } });
    const started = Date.now();
    await spaced.setVariable(repository, 'SPACED_A', 'a');
    await spaced.setVariable(repository, 'SPACED_B', 'b');
    await spaced.setVariable(repository, 'SPACED_C', 'c');
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    const writes = sent.filter((request) => request.method !== 'GET');
    expect(writes.map((request) => `${request.method} ${request.status}`)).toEqual([
      'POST 201',
      'POST 201',
      'POST 201',
    ]);
    expect(writes[0]?.url).toBe(`${sandbox.apiUrl}/repos/shop-co/shop-app/actions/variables`);
    expect(sent.every((request) => request.ms >= 0)).toBe(true);
    expect(log.entries.filter((entry) => entry.level === 'debug').length).toBe(sent.length);
  });
});

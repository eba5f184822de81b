import { describe, expect, it } from 'vitest';
import {
  describeAcceptedPermissions,
  formatGitHubErrorMessage,
  GitHubApiError,
  gitHubApiErrorFrom,
  reasonFromBody,
  redact,
  tokenHint,
} from '../src/errors';

const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

/** The shape of an Octokit RequestError that answered. */
function requestError(status: number, data: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error('octokit message'), {
    status,
    response: { url: 'https://api.github.com/x', status, headers, data },
    request: {
      method: 'PUT',
      url: 'https://api.github.com/x',
      headers: { authorization: `Bearer ${token}` },
    },
  });
}

const call = (method: string, path: string) => ({ method, path, timeoutMs: 30_000, hidden: [token] });

describe('GitHubApiError messages', () => {
  it("says method, path, status and GitHub's words", () => {
    const error = gitHubApiErrorFrom(
      requestError(
        422,
        { message: 'Invalid request.', errors: [{ resource: 'Secret', field: 'key_id', code: 'invalid' }] },
        {
          'x-github-request-id': 'AB12:3456',
        },
      ),
      call('PUT', '/repos/o/r/actions/secrets/DB_URL'),
    );
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error.message).toBe(
      'GitHub PUT /repos/o/r/actions/secrets/DB_URL: 422 Unprocessable Entity: Invalid request.: key_id invalid (request AB12:3456)',
    );
    expect(error).toMatchObject({
      status: 422,
      method: 'PUT',
      path: '/repos/o/r/actions/secrets/DB_URL',
      requestId: 'AB12:3456',
    });
  });

  it('names the permission a 403 lacks and which tokens can do it', () => {
    const error = gitHubApiErrorFrom(
      requestError(
        403,
        { message: 'Resource not accessible by integration' },
        {
          'x-accepted-github-permissions': 'secrets=write',
          'x-github-request-id': 'R1',
        },
      ),
      call('PUT', '/repos/o/r/actions/secrets/DB_URL'),
    );
    expect(error.permission).toBe('secrets: write');
    expect(error.message).toContain(
      'GitHub PUT /repos/o/r/actions/secrets/DB_URL: 403 Forbidden: the token lacks the `secrets: write` permission (GitHub: Resource not accessible by integration)',
    );
    expect(error.message).toMatch(/GITHUB_TOKEN cannot manage them/);
    expect(error.message).toMatch(/\(request R1\)$/);
  });

  it('explains organisation and environment 403/404s by token kind', () => {
    const org = gitHubApiErrorFrom(
      requestError(403, { message: 'Must have admin rights' }),
      call('PUT', '/orgs/acme/actions/secrets/NPM'),
    );
    expect(org.message).toMatch(
      /organization permission "Secrets" \(write\), or a classic token with admin:org/,
    );
    const env = gitHubApiErrorFrom(
      requestError(404, { message: 'Not Found' }),
      call('GET', '/repos/o/r/environments/prod/secrets/public-key'),
    );
    expect(env.message).toMatch(/404 also when the token cannot see it/);
    expect(env.message).toMatch(/or the environment does not exist/);
    expect(env.message).toMatch(/repository permission "Environments", or a classic token with repo/);
    const create = gitHubApiErrorFrom(
      requestError(403, { message: 'Resource not accessible by integration' }),
      call('PUT', '/repos/o/r/environments/prod'),
    );
    expect(create.message).toMatch(/"Administration" \(write\).*GITHUB_TOKEN cannot create environments/);
  });

  it('never includes the token, even when GitHub echoes it', () => {
    const error = gitHubApiErrorFrom(
      requestError(401, { message: `Bad credentials for ${token}` }),
      call('GET', '/repos/o/r/actions/secrets'),
    );
    expect(error.message).not.toContain(token);
    expect(error.message).toContain('Bad credentials for ***');
    expect(JSON.stringify(error)).not.toContain(token);
    expect(error.cause).toBeUndefined();
  });

  it('tells a primary rate limit by its reset time', () => {
    const error = gitHubApiErrorFrom(
      requestError(
        403,
        { message: 'API rate limit exceeded for installation ID 1.' },
        {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '1893456000',
        },
      ),
      call('GET', '/repos/o/r/actions/variables'),
    );
    expect(error.message).toContain('the primary rate limit resets at 2030-01-01T00:00:00.000Z');
  });

  it('has status 0 and a plain reason when no answer came', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { status: 500 });
    timeout.cause = Object.assign(new Error('The operation was aborted due to timeout'), {
      name: 'TimeoutError',
    });
    const timedOut = gitHubApiErrorFrom(timeout, call('GET', '/repos/o/r'));
    expect(timedOut.status).toBe(0);
    expect(timedOut.message).toBe('GitHub GET /repos/o/r: no answer within 30000 ms');

    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { status: 500 });
    refused.cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(gitHubApiErrorFrom(refused, call('GET', '/repos/o/r')).message).toBe(
      'GitHub GET /repos/o/r: request failed: connect ECONNREFUSED 127.0.0.1:1 (ECONNREFUSED)',
    );
  });
});

describe('message pieces', () => {
  it('reads x-accepted-github-permissions: sets with ; and permissions within a set with ,', () => {
    expect(describeAcceptedPermissions('secrets=write')).toBe('secrets: write');
    expect(describeAcceptedPermissions('repository_projects=write; organization_projects=admin')).toBe(
      'repository_projects: write or organization_projects: admin',
    );
    expect(describeAcceptedPermissions('contents=read,metadata=read')).toBe(
      'contents: read and metadata: read',
    );
    expect(describeAcceptedPermissions('')).toBeUndefined();
    expect(describeAcceptedPermissions(undefined)).toBeUndefined();
  });

  it("takes GitHub's message, else the body text", () => {
    expect(reasonFromBody({ message: 'Not Found', documentation_url: 'https://docs.github.com' })).toBe(
      'Not Found',
    );
    expect(reasonFromBody('upstream  connect\nerror')).toBe('upstream connect error');
    expect(reasonFromBody('')).toBe('no error text in the answer');
    expect(reasonFromBody({ error: 'x' })).toBe('{"error":"x"}');
  });

  it('formats without a status for no answer and with the hint after the reason', () => {
    expect(
      formatGitHubErrorMessage({
        method: 'GET',
        path: '/p',
        status: 404,
        reason: 'Not Found',
        hint: 'check the name',
      }),
    ).toBe('GitHub GET /p: 404 Not Found: Not Found; check the name');
  });

  it('gives no hint for statuses other than 403 and 404', () => {
    expect(tokenHint('PUT', '/repos/o/r/actions/secrets/X', 500)).toBeUndefined();
  });

  it('redacts every occurrence and ignores very short strings', () => {
    expect(redact('a tok123 b tok123', ['tok123'])).toBe('a *** b ***');
    expect(redact('abc', ['ab'])).toBe('abc');
  });
});

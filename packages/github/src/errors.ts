import { STATUS_CODES } from 'node:http';

export interface GitHubApiErrorFacts {
  method: string;
  /** The path under the API root, without the query: `/repos/o/r/actions/secrets/DB_URL`. */
  path: string;
  /** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
  status: number;
  /** GitHub's own words (`message` of the answer), or what went wrong without an answer. */
  reason: string;
  /** The `x-github-request-id` response header. */
  requestId?: string | undefined;
  /** What `x-accepted-github-permissions` asks for, as `secrets: write` (alternatives joined by ` or `). */
  permission?: string | undefined;
  /** Which token kind or permission the call needs, when a 403/404 is likely about that. */
  hint?: string | undefined;
}

/** A GitHub REST call that failed after the retries that are safe; never carries the token or a secret value. */
export class GitHubApiError extends Error {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
  readonly permission: string | undefined;
  readonly reason: string;

  constructor(facts: GitHubApiErrorFacts) {
    super(formatGitHubErrorMessage(facts));
    this.name = 'GitHubApiError';
    this.status = facts.status;
    this.method = facts.method;
    this.path = facts.path;
    this.requestId = facts.requestId;
    this.permission = facts.permission;
    this.reason = facts.reason;
  }
}

export function isGitHubApiError(error: unknown): error is GitHubApiError {
  return error instanceof GitHubApiError;
}

export function isGitHubNotFound(error: unknown): boolean {
  return isGitHubApiError(error) && error.status === 404;
}

/** `GitHub PUT /repos/o/r/actions/secrets/DB_URL: 403 Forbidden: the token lacks … (request ABCD)`. */
export function formatGitHubErrorMessage(facts: GitHubApiErrorFacts): string {
  const status = facts.status === 0 ? '' : `${facts.status} ${STATUS_CODES[facts.status] ?? ''}`.trim();
  const reason = facts.permission
    ? `the token lacks the \`${facts.permission}\` permission (GitHub: ${facts.reason})`
    : facts.reason;
  const hint = facts.hint ? `; ${facts.hint}` : '';
  const request = facts.requestId ? ` (request ${facts.requestId})` : '';
  return `GitHub ${facts.method} ${facts.path}: ${status ? `${status}: ` : ''}${reason}${hint}${request}`;
}

/**
 * `x-accepted-github-permissions` as words: `secrets=write` → `secrets: write`; a set of several
 * (`contents=read,metadata=read`) joins with ` and `, alternative sets (separated by `;`) with ` or `.
 */
export function describeAcceptedPermissions(header: string | undefined): string | undefined {
  if (!header?.trim()) return undefined;
  const sets = header
    .split(';')
    .map((set) =>
      set
        .split(',')
        .map((pair) => pair.trim())
        .filter((pair) => pair !== '')
        .map((pair) => {
          const [name, level] = pair.split('=').map((part) => part.trim());
          return level ? `${name}: ${level}` : (name ?? pair);
        })
        .join(' and '),
    )
    .filter((set) => set !== '');
  return sets.length > 0 ? sets.join(' or ') : undefined;
}

const noGitHubToken = 'GITHUB_TOKEN cannot';

/**
 * Which token a 403 or 404 most likely calls for, from the path. GitHub answers 404 rather than 403 when
 * the token may not even see the repository or organisation, so both get the hint.
 */
export function tokenHint(method: string, path: string, status: number): string | undefined {
  if (status !== 403 && status !== 404) return undefined;
  const unseen = status === 404 ? 'GitHub answers 404 also when the token cannot see it; ' : '';
  const changing = method === 'GET' ? '' : ' (write)';
  const org = /^\/orgs\/[^/]+\/actions\/(secrets|variables)\b/.exec(path);
  if (org) {
    const permission = org[1] === 'secrets' ? 'Secrets' : 'Variables';
    return `${unseen}organization ${org[1]} need a fine-grained token or GitHub App installation token with the organization permission "${permission}"${changing}, or a classic token with admin:org; ${noGitHubToken} manage them`;
  }
  const environmentItems = /^\/repos\/[^/]+\/[^/]+\/environments\/[^/]+\/(secrets|variables)\b/.exec(path);
  if (environmentItems) {
    const missing = status === 404 ? ' (or the environment does not exist)' : '';
    return `${unseen}environment ${environmentItems[1]}${missing} need a fine-grained token or GitHub App installation token with the repository permission "Environments"${changing}, or a classic token with repo; ${noGitHubToken} manage them`;
  }
  if (/^\/repos\/[^/]+\/[^/]+\/environments\/[^/]+$/.test(path) && method !== 'GET') {
    return `${unseen}creating an environment needs a repository admin's token: fine-grained or GitHub App with the repository permission "Administration" (write), or a classic token with repo; ${noGitHubToken} create environments`;
  }
  const repositoryItems = /^\/repos\/[^/]+\/[^/]+\/actions\/(secrets|variables)\b/.exec(path);
  if (repositoryItems) {
    const permission = repositoryItems[1] === 'secrets' ? 'Secrets' : 'Variables';
    return `${unseen}repository ${repositoryItems[1]} need a fine-grained token or GitHub App installation token with the repository permission "${permission}"${changing}, or a classic token with repo; ${noGitHubToken} manage them`;
  }
  if (/^\/repos\/[^/]+\/[^/]+\/deployments\b/.test(path)) {
    return `${unseen}deployments need the deployments: write permission (GITHUB_TOKEN: \`permissions: deployments: write\`), or a classic token with repo or repo_deployment`;
  }
  return status === 404 ? 'GitHub answers 404 also when the token cannot see the repository' : undefined;
}

/** `text` with every occurrence of each hidden string replaced by `***`. */
export function redact(text: string, hidden: readonly string[]): string {
  let result = text;
  for (const secret of hidden) {
    if (secret.length >= 4) result = result.split(secret).join('***');
  }
  return result;
}

const maxReasonLength = 500;

/** GitHub's `message` (and its `errors` details), else the body text, on one line and capped. */
export function reasonFromBody(data: unknown): string {
  if (data && typeof data === 'object' && !Array.isArray(data) && !(data instanceof ArrayBuffer)) {
    const body = data as { message?: unknown; errors?: unknown };
    if (typeof body.message === 'string' && body.message.trim() !== '') {
      const details = Array.isArray(body.errors)
        ? body.errors.map(describeErrorDetail).filter((detail) => detail !== '')
        : [];
      return cap(details.length > 0 ? `${body.message.trim()}: ${details.join(', ')}` : body.message.trim());
    }
    return cap(JSON.stringify(data));
  }
  if (typeof data === 'string' && data.trim() !== '') return cap(data.trim());
  return 'no error text in the answer';
}

function describeErrorDetail(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (!detail || typeof detail !== 'object') return '';
  const fields = detail as { message?: unknown; field?: unknown; code?: unknown };
  if (typeof fields.message === 'string') return fields.message;
  const parts = [fields.field, fields.code].filter((part): part is string => typeof part === 'string');
  return parts.join(' ');
}

function cap(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > maxReasonLength ? `${oneLine.slice(0, maxReasonLength)}…` : oneLine;
}

/** What an Octokit `RequestError` carries that we read; other thrown things lack `status`. */
export interface OctokitFailure {
  status: number;
  message: string;
  cause?: unknown;
  response?: { headers: Record<string, string | number | undefined>; data: unknown } | undefined;
}

export function isOctokitFailure(error: unknown): error is OctokitFailure {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

/** A thrown Octokit error as a GitHubApiError, its text stripped of the hidden strings (the token). */
export function gitHubApiErrorFrom(
  thrown: unknown,
  call: { method: string; path: string; timeoutMs: number; hidden: readonly string[] },
): GitHubApiError {
  if (!isOctokitFailure(thrown) || !thrown.response) {
    return new GitHubApiError({
      method: call.method,
      path: call.path,
      status: 0,
      reason: redact(describeNoAnswer(thrown, call.timeoutMs), call.hidden),
    });
  }
  const { status, response } = thrown;
  const header = (name: string) => {
    const value = response.headers[name];
    return value === undefined ? undefined : String(value);
  };
  const permission =
    status === 403 ? describeAcceptedPermissions(header('x-accepted-github-permissions')) : undefined;
  let hint = tokenHint(call.method, call.path, status);
  if ((status === 403 || status === 429) && header('x-ratelimit-remaining') === '0') {
    const reset = Number(header('x-ratelimit-reset'));
    hint =
      Number.isFinite(reset) && reset > 0
        ? `the primary rate limit resets at ${new Date(reset * 1000).toISOString()}`
        : undefined;
  }
  return new GitHubApiError({
    method: call.method,
    path: call.path,
    status,
    reason: redact(reasonFromBody(response.data), call.hidden),
    requestId: header('x-github-request-id'),
    permission,
    hint: hint === undefined ? undefined : redact(hint, call.hidden),
  });
}

function describeNoAnswer(thrown: unknown, timeoutMs: number): string {
  const chain: unknown[] = [];
  for (let error = thrown, depth = 0; error && depth < 5; depth++) {
    chain.push(error);
    error = (error as { cause?: unknown }).cause;
  }
  if (chain.some((error) => (error as { name?: unknown }).name === 'TimeoutError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const coded = chain.find((error) => typeof (error as { code?: unknown }).code === 'string') as
    | { code: string; message?: string }
    | undefined;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return coded ? `request failed: ${coded.message ?? message} (${coded.code})` : `request failed: ${message}`;
}

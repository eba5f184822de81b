import type { getOctokit } from '@actions/github';
import type { ThrottlingOptions } from '@octokit/plugin-throttling';
import { type Logger, silentLogger } from '@shipgate/kit';
import type { z } from 'zod';
import type {
  DeploymentInput,
  DeploymentStatusInput,
  GitHubApi,
  SecretInfo,
  SecretScope,
  Variable,
} from './api';
import { GitHubApiError, gitHubApiErrorFrom, isGitHubApiError, redact } from './errors';
import { assertValidName, assertValueSize } from './names';
import {
  deploymentSchema,
  environmentSchema,
  publicKeySchema,
  repositorySchema,
  secretPageSchema,
  variablePageSchema,
  variableSchema,
} from './schemas';
import { describeScope, organizationAccessFields, scopeBasePath, segment } from './scopes';

/** One HTTP exchange, retries counted separately; `status` is 0 when no answer came. */
export interface GitHubRequestRecord {
  method: string;
  url: string;
  status: number;
  ms: number;
}

export interface GitHubThrottleOptions {
  /** Retries after a primary or a secondary rate limit, default 3. */
  maxRetries?: number;
  /** The longest `retry-after` waited out after a secondary limit, default 120 s; a longer one fails. */
  maxSecondaryWaitSeconds?: number;
  /**
   * Spacing of content-creating requests (every non-GET). Unset: plugin-throttling's write queue, 1 s
   * apart and shared by every client in the process. Set: this client's own queue (tests use 0).
   */
  writeIntervalMs?: number;
}

export interface GitHubClientOptions {
  /** A fine-grained or classic token, or a GitHub App installation token. */
  token: string;
  /** Default the run's GITHUB_API_URL (so GitHub Enterprise Server works), else `https://api.github.com`. */
  baseUrl?: string;
  log?: Logger;
  /** Default `shipgate`. */
  userAgent?: string;
  /** Every HTTP exchange, retries included (a benchmark counts writes with it). */
  onRequest?: (request: GitHubRequestRecord) => void;
  throttle?: GitHubThrottleOptions;
  /** plugin-retry for 429 and 5xx: `retries` default 3, waits (n+1)² × `baseDelayMs` (default 1000). */
  retry?: { retries?: number; baseDelayMs?: number };
  /** Deadline of one HTTP exchange, default 30 s. */
  timeoutMs?: number;
}

interface PublicKey {
  keyId: string;
  key: string;
}

interface Answer {
  status: number;
  data: unknown;
  headers: Record<string, string | number | undefined>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface SendOptions {
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
  /** plugin-retry's retries for this call (0: a 5xx is not sent again). */
  retries?: number;
}

type Octokit = ReturnType<typeof getOctokit>;

const apiHeaders = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };

/** GitHub's guidance for content-creating requests (80 a minute is kept by the write queue). */
const contentCreationPerHour = 500;
const primaryWaitLimitSeconds = 60;
const secretsPerPage = 100;
const variablesPerPage = 30;
const maxPages = 1000;
const maxDescriptionLength = 140;

/** Every 4xx but 429: plugin-retry sends again only a 429 or a 5xx. */
const doNotRetry = Array.from({ length: 100 }, (_, index) => 400 + index).filter((status) => status !== 429);

/**
 * GitHubApi over Octokit with plugin-throttling (rate limits waited out when short, writes queued) and
 * plugin-retry (429 and 5xx). Errors are GitHubApiError; the token and secret values never appear in
 * an error or a log line.
 */
export class GitHubClient implements GitHubApi {
  readonly #token: string;
  readonly #octokitOptions: Record<string, unknown>;
  #octokit: Promise<Octokit> | undefined;
  readonly #log: Logger;
  readonly #hidden: string[];
  readonly #timeoutMs: number;
  readonly #onRequest: GitHubClientOptions['onRequest'];
  readonly #publicKeys = new Map<string, Promise<PublicKey>>();
  readonly #recentWrites: number[] = [];
  #warnedAboutHourlyWrites = false;

  constructor(options: GitHubClientOptions) {
    const token = options.token?.trim() ?? '';
    if (token === '') throw new Error('GitHub client: a token is required');
    this.#token = token;
    this.#hidden = [token];
    this.#log = options.log ?? silentLogger;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#onRequest = options.onRequest;
    const maxRetries = options.throttle?.maxRetries ?? 3;
    const maxSecondaryWait = options.throttle?.maxSecondaryWaitSeconds ?? 120;
    const log = this.#log;
    const writeIntervalMs = options.throttle?.writeIntervalMs;

    const throttle: ThrottlingOptions = {
      ...(writeIntervalMs === undefined ? {} : { write: spacedQueue(writeIntervalMs) }),
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        const where = `${request.method} ${request.url}`;
        if (retryAfter < primaryWaitLimitSeconds && retryCount < maxRetries) {
          log.warning(`GitHub primary rate limit: waiting ${retryAfter}s for the reset (${where})`);
          return true;
        }
        stopPluginRetries(request);
        log.warning(
          retryCount >= maxRetries
            ? `GitHub primary rate limit: giving up on ${where} after ${retryCount} retries`
            : `GitHub primary rate limit: the reset is ${retryAfter}s away; not waiting (${where})`,
        );
        return false;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        const where = `${request.method} ${request.url}`;
        if (retryCount >= maxRetries || retryAfter > maxSecondaryWait) {
          stopPluginRetries(request);
          log.warning(
            retryCount >= maxRetries
              ? `GitHub secondary rate limit: giving up on ${where} after ${retryCount} retries`
              : `GitHub secondary rate limit: GitHub asks for ${retryAfter}s, more than ${maxSecondaryWait}s; giving up on ${where}`,
          );
          return false;
        }
        log.warning(
          `secondary rate limit: waiting ${retryAfter}s (${where}, retry ${retryCount + 1} of ${maxRetries})`,
        );
        return true;
      },
    };

    this.#octokitOptions = {
      // Without one, @actions/github's default: GITHUB_API_URL, else https://api.github.com.
      ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
      userAgent: options.userAgent ?? 'shipgate',
      // Octokit's own request logging passes whole request options (headers, bodies) as a second
      // argument: only warnings' text reaches our log, and the per-request lines come from #record.
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => log.warning(`GitHub: ${redact(String(message), this.#hidden)}`),
        error: () => {},
      },
      request: { fetch: this.#fetch },
      throttle,
      retry: {
        retries: options.retry?.retries ?? 3,
        retryAfterBaseValue: options.retry?.baseDelayMs ?? 1000,
        doNotRetry,
      },
    };
  }

  // Secrets

  async listSecrets(scope: SecretScope): Promise<SecretInfo[]> {
    const path = `${scopeBasePath(scope)}/secrets`;
    return this.#listPages(path, secretsPerPage, (answer) => {
      const page = this.#parse(answer, 'GET', path, secretPageSchema, 'a page of secrets');
      const secrets = page.secrets.map(
        (secret): SecretInfo => ({
          name: secret.name,
          createdAt: secret.created_at,
          updatedAt: secret.updated_at,
          ...(secret.visibility === undefined ? {} : { visibility: secret.visibility }),
        }),
      );
      return { items: secrets, total: page.total_count };
    });
  }

  async putSecret(scope: SecretScope, name: string, value: string): Promise<'created' | 'updated'> {
    assertValidName('secret', name);
    assertValueSize('secret', name, value);
    const path = `${scopeBasePath(scope)}/secrets/${segment(name)}`;
    const key = await this.#publicKey(scope);
    try {
      return await this.#putSealed(scope, path, value, key);
    } catch (error) {
      if (!isGitHubApiError(error) || error.status !== 422) throw error;
      // The scope's key may have been rotated since we fetched it: one fresh key, one more try.
      const fresh = await this.#publicKey(scope, key);
      if (fresh.keyId === key.keyId && fresh.key === key.key) throw error;
      this.#log.info(
        `GitHub: the public key of ${describeScope(scope)} changed (${key.keyId} → ${fresh.keyId}); sealing ${name} again`,
      );
      return this.#putSealed(scope, path, value, fresh);
    }
  }

  async deleteSecret(scope: SecretScope, name: string): Promise<void> {
    assertValidName('secret', name);
    await this.#send('DELETE', `${scopeBasePath(scope)}/secrets/${segment(name)}`);
  }

  // Variables

  async listVariables(scope: SecretScope): Promise<Variable[]> {
    const path = `${scopeBasePath(scope)}/variables`;
    return this.#listPages(path, variablesPerPage, (answer) => {
      const page = this.#parse(answer, 'GET', path, variablePageSchema, 'a page of variables');
      return { items: page.variables.map(asVariable), total: page.total_count };
    });
  }

  async getVariable(scope: SecretScope, name: string): Promise<Variable | undefined> {
    assertValidName('variable', name);
    const path = `${scopeBasePath(scope)}/variables/${segment(name)}`;
    const answer = await this.#sendUnlessMissing('GET', path);
    return answer && asVariable(this.#parse(answer, 'GET', path, variableSchema, 'a variable'));
  }

  async setVariable(scope: SecretScope, name: string, value: string): Promise<'created' | 'updated'> {
    assertValidName('variable', name);
    assertValueSize('variable', name, value);
    const collection = `${scopeBasePath(scope)}/variables`;
    const body = { name, value, ...organizationAccessFields(scope) };
    const update = async () => {
      await this.#send('PATCH', `${collection}/${segment(name)}`, { body });
      return 'updated' as const;
    };
    // A read first keeps writes, which GitHub limits and the write queue spaces out, to one.
    if (await this.getVariable(scope, name)) return update();
    try {
      await this.#send('POST', collection, { body });
      return 'created';
    } catch (error) {
      // Created in the meantime (or by our own POST whose answer was lost before a retry).
      if (isGitHubApiError(error) && error.status === 409) return update();
      throw error;
    }
  }

  async deleteVariable(scope: SecretScope, name: string): Promise<void> {
    assertValidName('variable', name);
    await this.#send('DELETE', `${scopeBasePath(scope)}/variables/${segment(name)}`);
  }

  // Environments and repositories

  async getEnvironment(
    owner: string,
    repo: string,
    environment: string,
  ): Promise<{ name: string } | undefined> {
    const path = environmentPath(owner, repo, environment);
    const answer = await this.#sendUnlessMissing('GET', path);
    if (!answer) return undefined;
    return { name: this.#parse(answer, 'GET', path, environmentSchema, 'an environment').name };
  }

  async createEnvironment(owner: string, repo: string, environment: string): Promise<void> {
    await this.#send('PUT', environmentPath(owner, repo, environment), { body: {} });
  }

  async getRepositoryId(owner: string, repo: string): Promise<number> {
    const path = `/repos/${segment(owner)}/${segment(repo)}`;
    const answer = await this.#send('GET', path);
    return this.#parse(answer, 'GET', path, repositorySchema, 'a repository').id;
  }

  // Deployments

  async createDeployment(
    owner: string,
    repo: string,
    input: DeploymentInput,
  ): Promise<{ id: number } | undefined> {
    const path = `/repos/${segment(owner)}/${segment(repo)}/deployments`;
    const body = definedFields({
      ref: input.ref,
      environment: input.environment,
      description: input.description,
      payload: input.payload,
      auto_merge: input.autoMerge,
      required_contexts: input.requiredContexts,
      transient_environment: input.transientEnvironment,
      production_environment: input.productionEnvironment,
    });
    // Not sent again after a 5xx: the first POST may have created the deployment before the answer was lost.
    const answer = await this.#send('POST', path, { body, retries: 0 });
    if (answer.status === 202) {
      const message = (answer.data as { message?: unknown } | undefined)?.message;
      this.#log.info(
        `GitHub merged the default branch into ${input.ref} instead of deploying${typeof message === 'string' ? ` (${message})` : ''}`,
      );
      return undefined;
    }
    return { id: this.#parse(answer, 'POST', path, deploymentSchema, 'a deployment').id };
  }

  async createDeploymentStatus(
    owner: string,
    repo: string,
    deploymentId: number,
    input: DeploymentStatusInput,
  ): Promise<void> {
    const path = `/repos/${segment(owner)}/${segment(repo)}/deployments/${segment(deploymentId)}/statuses`;
    const description =
      input.description && input.description.length > maxDescriptionLength
        ? `${input.description.slice(0, maxDescriptionLength - 1)}…`
        : input.description;
    const body = definedFields({
      state: input.state,
      environment_url: input.environmentUrl,
      log_url: input.logUrl,
      description,
      auto_inactive: input.autoInactive,
    });
    await this.#send('POST', path, { body });
  }

  // Plumbing

  async #putSealed(
    scope: SecretScope,
    path: string,
    value: string,
    key: PublicKey,
  ): Promise<'created' | 'updated'> {
    const body = {
      // libsodium loads with the first secret written, as Octokit with the first request.
      encrypted_value: await (await import('./sealed-box')).sealSecretValue(value, key.key),
      key_id: key.keyId,
      ...organizationAccessFields(scope),
    };
    const answer = await this.#send('PUT', path, { body });
    return answer.status === 201 ? 'created' : 'updated';
  }

  /**
   * The scope's public key, fetched once and shared by concurrent callers. With `stale`, a key other
   * than that one: the cached key when someone already refreshed it, else a fresh fetch.
   */
  async #publicKey(scope: SecretScope, stale?: PublicKey): Promise<PublicKey> {
    const cacheKey = scopeBasePath(scope);
    const cached = this.#publicKeys.get(cacheKey);
    if (cached) {
      const key = await cached.catch(() => undefined);
      if (key && key !== stale) return key;
      if (this.#publicKeys.get(cacheKey) !== cached) return this.#publicKey(scope, stale);
    }
    const path = `${cacheKey}/secrets/public-key`;
    const fetching = this.#send('GET', path).then((answer) => {
      const parsed = this.#parse(answer, 'GET', path, publicKeySchema, 'a public key');
      return { keyId: parsed.key_id, key: parsed.key };
    });
    this.#publicKeys.set(cacheKey, fetching);
    fetching.catch(() => {
      if (this.#publicKeys.get(cacheKey) === fetching) this.#publicKeys.delete(cacheKey);
    });
    return fetching;
  }

  /**
   * @actions/github's Octokit with plugin-throttling and plugin-retry, loaded on the first request: a run that
   * never calls GitHub (a Fly-only secret-mirror) does not load them.
   */
  #connect(): Promise<Octokit> {
    this.#octokit ??= Promise.all([
      import('@actions/github'),
      import('@octokit/plugin-throttling'),
      import('@octokit/plugin-retry'),
    ]).then(([{ getOctokit }, { throttling }, { retry }]) =>
      getOctokit(this.#token, this.#octokitOptions, throttling, retry),
    );
    return this.#octokit;
  }

  async #listPages<T>(
    path: string,
    perPage: number,
    read: (answer: Answer) => { items: T[]; total: number | undefined },
  ): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const answer = await this.#send('GET', path, { query: { per_page: perPage, page } });
      const { items, total } = read(answer);
      all.push(...items);
      const link = answer.headers.link;
      const more =
        typeof link === 'string'
          ? /rel="next"/.test(link)
          : items.length === perPage && (total ?? Infinity) > all.length;
      if (!more || items.length === 0) return all;
    }
    throw new Error(`GitHub GET ${path}: more than ${maxPages} pages; stopped`);
  }

  async #sendUnlessMissing(method: Method, path: string): Promise<Answer | undefined> {
    try {
      return await this.#send(method, path);
    } catch (error) {
      if (isGitHubApiError(error) && error.status === 404) return undefined;
      throw error;
    }
  }

  async #send(method: Method, path: string, options: SendOptions = {}): Promise<Answer> {
    const parameters: Record<string, unknown> = { ...options.query, headers: apiHeaders };
    if (options.body) parameters.data = options.body;
    if (options.retries !== undefined) parameters.request = { retries: options.retries };
    try {
      const route: string = `${method} ${path}`;
      const octokit = await this.#connect();
      const response = await octokit.request(route, parameters);
      const data: unknown = response.data;
      return { status: response.status, data, headers: response.headers };
    } catch (error) {
      throw gitHubApiErrorFrom(error, { method, path, timeoutMs: this.#timeoutMs, hidden: this.#hidden });
    }
  }

  #parse<Schema extends z.ZodType>(
    answer: Answer,
    method: Method,
    path: string,
    schema: Schema,
    what: string,
  ): z.infer<Schema> {
    const parsed = schema.safeParse(answer.data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    const requestId = answer.headers['x-github-request-id'];
    throw new GitHubApiError({
      method,
      path,
      status: answer.status,
      reason: `the answer is not ${what} (${where}${issue?.message ?? 'unreadable'})`,
      requestId: requestId === undefined ? undefined : String(requestId),
    });
  }

  /** Every HTTP exchange goes through here: one deadline per send, the debug line and onRequest. */
  readonly #fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const started = performance.now();
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    const method = (init?.method ?? 'GET').toUpperCase();
    const url = input instanceof Request ? input.url : String(input);
    try {
      const response = await fetch(input, { ...init, signal });
      this.#record(method, url, response.status, started, response.headers.get('x-github-request-id'));
      return response;
    } catch (error) {
      this.#record(method, url, 0, started, null);
      throw error;
    }
  };

  #record(method: string, url: string, status: number, started: number, requestId: string | null): void {
    const ms = Math.round(performance.now() - started);
    const { pathname, search } = new URL(url);
    const request = requestId ? ` (request ${requestId})` : '';
    this.#log.debug(`GitHub ${method} ${pathname}${search} → ${status || 'no answer'} in ${ms} ms${request}`);
    if (method !== 'GET' && method !== 'HEAD') this.#countWrite();
    this.#onRequest?.({ method, url, status, ms });
  }

  #countWrite(): void {
    const now = Date.now();
    this.#recentWrites.push(now);
    while ((this.#recentWrites[0] ?? now) < now - 3_600_000) this.#recentWrites.shift();
    if (this.#recentWrites.length > contentCreationPerHour && !this.#warnedAboutHourlyWrites) {
      this.#warnedAboutHourlyWrites = true;
      this.#log.warning(
        `GitHub: more than ${contentCreationPerHour} content-creating requests in the last hour, GitHub's guidance; expect secondary rate limits`,
      );
    }
  }
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  return new GitHubClient(options);
}

function environmentPath(owner: string, repo: string, environment: string): string {
  return `/repos/${segment(owner)}/${segment(repo)}/environments/${segment(environment)}`;
}

function asVariable(variable: z.infer<typeof variableSchema>): Variable {
  return {
    name: variable.name,
    value: variable.value,
    ...(variable.created_at === undefined ? {} : { createdAt: variable.created_at }),
    ...(variable.updated_at === undefined ? {} : { updatedAt: variable.updated_at }),
  };
}

function definedFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * After a rate limit we will not wait out, plugin-retry (which wraps plugin-throttling) must not send a
 * 429 again on its own schedule: both plugins read the same request options.
 */
function stopPluginRetries(request: { request?: Record<string, unknown> }): void {
  if (request.request) request.request.retries = 0;
}

/**
 * A stand-in for plugin-throttling's write group (`key(id).schedule(options, job)`): this client's
 * content-creating requests, `intervalMs` apart.
 */
function spacedQueue(intervalMs: number): NonNullable<ThrottlingOptions['write']> {
  let nextStart = 0;
  const queue = {
    key: () => queue,
    schedule: async <T>(_options: unknown, job: () => Promise<T>): Promise<T> => {
      const now = Date.now();
      const start = Math.max(now, nextStart);
      nextStart = start + intervalMs;
      if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
      return job();
    },
  };
  return queue as unknown as NonNullable<ThrottlingOptions['write']>;
}

import type { Logger } from '@shipgate/kit';
import { Redactor } from '@shipgate/kit/redact';
import { parseRetryAfterMs, sleep } from '@shipgate/kit/timing';
import { Agent, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { FlyApi, WithNonce } from '../api';
import type {
  App,
  AppSecret,
  LaunchMachineInput,
  Lease,
  Machine,
  MachineConfig,
  MachineVersion,
  WaitState,
} from '../machine-types';
import { authorizationHeader } from '../token';
import { describeNetworkFailure, FlyApiError, type NetworkFailure, reasonFromBody } from './errors';
import { type CallSafety, defaultRetryOptions, isRetryable, type RetryOptions, retryDelayMs } from './retry';
import {
  appSchema,
  leaseAnswerSchema,
  leaseDataSchema,
  machineListSchema,
  machineSchema,
  machineVersionListSchema,
  metadataSchema,
  secretListSchema,
  secretsVersionSchema,
} from './schemas';

/** One HTTP exchange with the API, retries counted separately. */
export interface FlyCall {
  method: string;
  /** `/v1/...` without the query. */
  path: string;
  /** The answer's status, 0 when none came. */
  status: number;
  /** 1 for the first send, 2 for the first retry, ... */
  attempt: number;
  ms: number;
}

export interface FlyClientOptions {
  /** A Fly token, with or without its `Bearer `/`FlyV1 ` scheme; macaroons may be comma-joined. */
  token: string;
  /** Default `https://api.machines.dev`; `/v1` is added to every path. */
  baseUrl?: string;
  /** Deadline of one send, default 30 s; wait calls get their long-poll seconds plus a margin. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  log?: Logger;
  userAgent?: string;
  /** Sends through this instead of the client's own keep-alive Agent (tests); `close()` leaves it open. */
  dispatcher?: Dispatcher;
  onCall?: (call: FlyCall) => void;
  /** `waitForState`'s pause between long-polls after a failed one, growing from min to max. Default 500..2000. */
  waitRetryDelayMs?: { min: number; max: number };
}

const waitMarginMs = 10_000;
const maxWaitSeconds = 60;

interface CallSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Under `/v1`, segments already encoded. */
  path: string;
  query?: Array<[string, string]>;
  body?: unknown;
  nonce?: string | undefined;
  safety: CallSafety;
  timeoutMs?: number;
  /** Tries in all; default from the retry options. */
  attempts?: number;
  /** A wait's 408 is its answer ("not yet"), not a refusal to retry on. */
  retryOn408?: boolean;
  signal?: AbortSignal | undefined;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  requestId?: string;
}

type Sent = { answer: Answer } | { failure: NetworkFailure; reason: string };

export class FlyClient implements FlyApi {
  readonly #authorization: string;
  /** The token in every form, never to show in a message, even when an answer echoes it encoded. */
  readonly #redactor = new Redactor();
  readonly #origin: string;
  readonly #host: string;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #retry: RetryOptions;
  readonly #log: Logger | undefined;
  readonly #userAgent: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownAgent: Agent | undefined;
  readonly #onCall: FlyClientOptions['onCall'];
  readonly #waitRetryDelayMs: { min: number; max: number };

  constructor(options: FlyClientOptions) {
    this.#authorization = authorizationHeader(options.token);
    this.#redactor.add(options.token);
    this.#redactor.add(this.#authorization);
    const base = new URL(options.baseUrl ?? 'https://api.machines.dev');
    this.#origin = base.origin;
    this.#host = base.host;
    const basePath = base.pathname.replace(/\/+$/, '');
    this.#prefix = basePath.endsWith('/v1') ? basePath : `${basePath}/v1`;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retry = { ...defaultRetryOptions, ...options.retry };
    this.#log = options.log;
    this.#userAgent = options.userAgent ?? 'shipgate';
    this.#onCall = options.onCall;
    this.#waitRetryDelayMs = options.waitRetryDelayMs ?? { min: 500, max: 2000 };
    if (options.dispatcher) {
      this.#dispatcher = options.dispatcher;
    } else {
      // One pool for every call: a deploy leases and polls many machines at once over the same origin.
      this.#ownAgent = new Agent({
        connections: 32,
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 120_000,
        // Our own per-call deadline comes first; these are backstops above the longest wait.
        headersTimeout: Math.max(this.#timeoutMs, maxWaitSeconds * 1000 + waitMarginMs) + 5000,
        bodyTimeout: Math.max(this.#timeoutMs, maxWaitSeconds * 1000 + waitMarginMs) + 5000,
      });
      this.#dispatcher = this.#ownAgent;
    }
  }

  async close(): Promise<void> {
    await this.#ownAgent?.close();
  }

  // Apps

  async getApp(app: string): Promise<App> {
    const path = `/apps/${segment(app)}`;
    const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
    return this.#parse(answer, path, 'GET', appSchema, 'an app') as App;
  }

  async createApp(input: { name: string; org: string; network?: string }): Promise<App> {
    const path = '/apps';
    const body = {
      name: input.name,
      org_slug: input.org,
      ...(input.network ? { network: input.network } : {}),
    };
    const answer = await this.#call({
      method: 'POST',
      path,
      query: [['wait', 'true']],
      body,
      safety: 'once',
    });
    // The old spec answers 201 with no body; fly-go decodes an App.
    if (!answer.text.trim()) return { name: input.name, organization: { slug: input.org } };
    return this.#parse(answer, path, 'POST', appSchema, 'an app') as App;
  }

  // Machines

  async listMachines(
    app: string,
    options: { region?: string; includeDeleted?: boolean } = {},
  ): Promise<Machine[]> {
    const path = `/apps/${segment(app)}/machines`;
    const query: Array<[string, string]> = [];
    if (options.region) query.push(['region', options.region]);
    if (options.includeDeleted) query.push(['include_deleted', 'true']);
    const answer = await this.#call({ method: 'GET', path, query, safety: 'idempotent' });
    const machines = this.#parse(answer, path, 'GET', machineListSchema, 'a list of machines');
    return machines.map(asMachine);
  }

  async getMachine(app: string, id: string): Promise<Machine> {
    const path = machinePath(app, id);
    const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
    return asMachine(this.#parse(answer, path, 'GET', machineSchema, 'a machine'));
  }

  async createMachine(app: string, input: LaunchMachineInput): Promise<Machine> {
    const path = `/apps/${segment(app)}/machines`;
    const answer = await this.#call({ method: 'POST', path, body: input, safety: 'once' });
    return asMachine(this.#parse(answer, path, 'POST', machineSchema, 'a machine'));
  }

  async updateMachine(
    app: string,
    id: string,
    input: LaunchMachineInput,
    options: WithNonce = {},
  ): Promise<Machine> {
    const path = machinePath(app, id);
    const answer = await this.#call({
      method: 'POST',
      path,
      body: input,
      nonce: options.nonce,
      safety: 'idempotent',
    });
    return asMachine(this.#parse(answer, path, 'POST', machineSchema, 'a machine'));
  }

  async destroyMachine(
    app: string,
    id: string,
    options: WithNonce & { force?: boolean } = {},
  ): Promise<void> {
    // fly-go sends `kill`, Fly's docs say `force`; which one the server honours is unsure, so both.
    const query: Array<[string, string]> = options.force
      ? [
          ['kill', 'true'],
          ['force', 'true'],
        ]
      : [];
    await this.#call({
      method: 'DELETE',
      path: machinePath(app, id),
      query,
      nonce: options.nonce,
      safety: 'idempotent',
    });
  }

  async startMachine(app: string, id: string, options: WithNonce = {}): Promise<void> {
    await this.#machineAction(app, id, 'start', options.nonce, 'once');
  }

  async stopMachine(
    app: string,
    id: string,
    options: WithNonce & { signal?: string; timeout?: string } = {},
  ): Promise<void> {
    const body =
      options.signal || options.timeout
        ? {
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.timeout ? { timeout: options.timeout } : {}),
          }
        : undefined;
    await this.#call({
      method: 'POST',
      path: `${machinePath(app, id)}/stop`,
      body,
      nonce: options.nonce,
      safety: 'once',
    });
  }

  async restartMachine(app: string, id: string, options: WithNonce = {}): Promise<void> {
    await this.#machineAction(app, id, 'restart', options.nonce, 'once');
  }

  async cordonMachine(app: string, id: string, options: WithNonce = {}): Promise<void> {
    await this.#machineAction(app, id, 'cordon', options.nonce, 'idempotent');
  }

  async uncordonMachine(app: string, id: string, options: WithNonce = {}): Promise<void> {
    await this.#machineAction(app, id, 'uncordon', options.nonce, 'idempotent');
  }

  async listVersions(app: string, id: string): Promise<MachineVersion[]> {
    const path = `${machinePath(app, id)}/versions`;
    const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
    return this.#parse(
      answer,
      path,
      'GET',
      machineVersionListSchema,
      'a list of versions',
    ) as MachineVersion[];
  }

  // Waiting

  async waitOnce(
    app: string,
    id: string,
    options: { states: WaitState[]; timeoutSeconds: number; version?: string },
  ): Promise<void> {
    await this.#wait(app, id, options, {});
  }

  async waitForState(
    app: string,
    id: string,
    options: { states: WaitState[]; deadline: number; version?: string; signal?: AbortSignal },
  ): Promise<void> {
    const started = Date.now();
    const { min, max } = this.#waitRetryDelayMs;
    let pause = min;
    let notFoundTries = 0;
    while (Date.now() < options.deadline) {
      options.signal?.throwIfAborted();
      const timeoutSeconds = Math.ceil((options.deadline - Date.now()) / 1000);
      try {
        await this.#wait(app, id, { ...options, timeoutSeconds }, { attempts: 1, signal: options.signal });
        return;
      } catch (error) {
        if (!(error instanceof FlyApiError)) throw error;
        let delay = pause;
        if (error.status === 404) {
          if (options.states.includes('destroyed')) return;
          // Right after a create the machine may not be visible yet; a little patience, not much.
          if (++notFoundTries > 2) throw error;
        } else if (error.status === 429) {
          delay = Math.max(pause, Math.min(error.retryAfterMs ?? 0, this.#retry.maxDelayMs));
        } else if (!(error.status === 408 || error.status >= 500 || error.status === 0)) {
          // 400 ("failed to reach desired state"), 401, 403, lease errors: waiting longer will not help.
          throw error;
        }
        this.#log?.debug(`fly: waiting again for machine ${id} after: ${error.reason}`);
        const left = options.deadline - Date.now();
        if (left <= 0) break;
        await sleep(Math.min(delay, left), options.signal);
        pause = Math.min(max, pause * 2);
      }
    }
    const seconds = Math.round((options.deadline - started) / 1000);
    const state = await this.getMachine(app, id).then(
      (machine) => machine.state,
      () => 'unknown',
    );
    throw new Error(
      `timed out after ${seconds}s waiting for machine ${id} to be ${options.states.join(' or ')} (it is ${state})`,
    );
  }

  async #wait(
    app: string,
    id: string,
    options: { states: WaitState[]; timeoutSeconds: number; version?: string },
    overrides: { attempts?: number; signal?: AbortSignal | undefined },
  ): Promise<void> {
    const timeout = Math.min(maxWaitSeconds, Math.max(1, Math.ceil(options.timeoutSeconds)));
    const states: WaitState[] = options.states.length > 0 ? options.states : ['started'];
    const query: Array<[string, string]> = states.map((state) => ['state', state]);
    query.push(['timeout', String(timeout)]);
    if (options.version) query.push(['version', options.version]);
    await this.#call({
      method: 'GET',
      path: `${machinePath(app, id)}/wait`,
      query,
      safety: 'idempotent',
      timeoutMs: timeout * 1000 + waitMarginMs,
      retryOn408: false,
      ...overrides,
    });
  }

  // Leases

  async acquireLease(
    app: string,
    id: string,
    options: { ttlSeconds: number; description?: string },
  ): Promise<Lease> {
    const path = `${machinePath(app, id)}/lease`;
    // fly-go puts ttl in the query and sends no body; the OpenAPI spec describes a body. Both.
    const body = {
      ttl: options.ttlSeconds,
      ...(options.description ? { description: options.description } : {}),
    };
    const answer = await this.#call({
      method: 'POST',
      path,
      query: [['ttl', String(options.ttlSeconds)]],
      body,
      safety: 'once',
    });
    return this.#parseLease(answer, path);
  }

  async refreshLease(
    app: string,
    id: string,
    options: { ttlSeconds: number; nonce: string },
  ): Promise<Lease> {
    const path = `${machinePath(app, id)}/lease`;
    const answer = await this.#call({
      method: 'POST',
      path,
      query: [['ttl', String(options.ttlSeconds)]],
      body: { ttl: options.ttlSeconds },
      nonce: options.nonce,
      safety: 'idempotent',
    });
    const lease = this.#parseLease(answer, path);
    if (lease.nonce !== options.nonce) {
      throw this.#invalidAnswer(
        answer,
        'POST',
        path,
        'the refreshed lease has a different nonce',
        'lease_changed',
      );
    }
    return lease;
  }

  async releaseLease(app: string, id: string, nonce: string): Promise<void> {
    try {
      await this.#call({
        method: 'DELETE',
        path: `${machinePath(app, id)}/lease`,
        nonce,
        safety: 'idempotent',
      });
    } catch (error) {
      if (error instanceof FlyApiError && error.status === 404) return;
      throw error;
    }
  }

  // Metadata

  async getMetadata(app: string, id: string): Promise<Record<string, string>> {
    const path = `${machinePath(app, id)}/metadata`;
    const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
    if (!answer.text.trim()) return {};
    return this.#parse(answer, path, 'GET', metadataSchema, 'metadata');
  }

  async setMetadata(
    app: string,
    id: string,
    key: string,
    value: string,
    options: WithNonce = {},
  ): Promise<void> {
    await this.#call({
      method: 'POST',
      path: `${machinePath(app, id)}/metadata/${segment(key)}`,
      body: { value },
      nonce: options.nonce,
      safety: 'idempotent',
    });
  }

  async deleteMetadata(app: string, id: string, key: string, options: WithNonce = {}): Promise<void> {
    await this.#call({
      method: 'DELETE',
      path: `${machinePath(app, id)}/metadata/${segment(key)}`,
      nonce: options.nonce,
      safety: 'idempotent',
    });
  }

  // Secrets

  async listSecrets(app: string): Promise<AppSecret[]> {
    const path = `/apps/${segment(app)}/secrets`;
    const answer = await this.#call({ method: 'GET', path, safety: 'idempotent' });
    const list = this.#parse(answer, path, 'GET', secretListSchema, 'a list of secrets');
    return (Array.isArray(list) ? list : (list.secrets ?? [])) as AppSecret[];
  }

  async updateSecrets(app: string, values: Record<string, string | null>): Promise<{ version: number }> {
    const path = `/apps/${segment(app)}/secrets`;
    const answer = await this.#call({ method: 'POST', path, body: { values }, safety: 'once' });
    const { version } = this.#parse(answer, path, 'POST', secretsVersionSchema, 'a secrets version');
    return { version };
  }

  // The exchange

  async #machineAction(
    app: string,
    id: string,
    action: string,
    nonce: string | undefined,
    safety: CallSafety,
  ) {
    await this.#call({ method: 'POST', path: `${machinePath(app, id)}/${action}`, nonce, safety });
  }

  /** Sends the call, retrying where safe; resolves with a 2xx answer or throws FlyApiError. */
  async #call(spec: CallSpec): Promise<Answer> {
    const path = `${this.#prefix}${spec.path}`;
    const search = spec.query?.length ? `?${new URLSearchParams(spec.query).toString()}` : '';
    const attempts = Math.max(1, spec.attempts ?? this.#retry.attempts);
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const sent = await this.#send(spec, `${path}${search}`);
      const ms = Date.now() - started;
      const status = 'answer' in sent ? sent.answer.status : 0;
      const requestId = 'answer' in sent ? sent.answer.requestId : undefined;
      this.#onCall?.({ method: spec.method, path, status, attempt, ms });
      this.#log?.debug(
        `fly: ${spec.method} ${path}${search} → ${status || ('failure' in sent ? sent.failure : '')}` +
          `${requestId ? ` (request ${requestId})` : ''}, attempt ${attempt}, ${ms} ms`,
      );
      if ('answer' in sent && status < 300) return sent.answer;

      const outcome = 'answer' in sent ? { status } : { status: 0, failure: sent.failure };
      const retryable = isRetryable(outcome, spec);
      const error =
        'answer' in sent
          ? this.#errorFromAnswer(sent.answer, spec.method, path, retryable)
          : new FlyApiError({
              method: spec.method,
              path,
              status: 0,
              code: sent.failure,
              retryable,
              reason: this.#redact(sent.reason),
            });
      const retryNow = retryable && attempt < attempts && !(status === 408 && spec.retryOn408 === false);
      if (!retryNow) throw error;
      const delay = retryDelayMs(
        attempt,
        this.#retry,
        'answer' in sent ? sent.answer.headers['retry-after'] : undefined,
      );
      this.#log?.debug(
        `fly: retrying ${spec.method} ${path} in ${delay} ms (attempt ${attempt + 1} of ${attempts})`,
      );
      await sleep(delay, spec.signal);
    }
  }

  /** One send: an answer of any status, or the network failure that kept it from coming. */
  async #send(spec: CallSpec, pathAndQuery: string): Promise<Sent> {
    const timeoutMs = spec.timeoutMs ?? this.#timeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const signal = spec.signal ? AbortSignal.any([deadline.signal, spec.signal]) : deadline.signal;
    const headers: Record<string, string> = {
      authorization: this.#authorization,
      'user-agent': this.#userAgent,
      accept: 'application/json',
    };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.nonce) headers['fly-machine-lease-nonce'] = spec.nonce;
    try {
      const response = await this.#dispatcher.request({
        origin: this.#origin,
        path: pathAndQuery,
        method: spec.method,
        headers,
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        signal,
      });
      const text = await response.body.text();
      const flat = flattenHeaders(response.headers);
      const requestId = flat['fly-request-id'];
      return {
        answer: { status: response.statusCode, headers: flat, text, ...(requestId ? { requestId } : {}) },
      };
    } catch (thrown) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      if (deadline.signal.aborted) {
        return { failure: 'timeout', reason: `no answer from ${this.#host} within ${timeoutMs} ms` };
      }
      const { kind, reason } = describeNetworkFailure(thrown, this.#host);
      return { failure: kind, reason };
    } finally {
      clearTimeout(timer);
    }
  }

  #errorFromAnswer(answer: Answer, method: string, path: string, retryable: boolean): FlyApiError {
    const { reason, code } = reasonFromBody(answer.text);
    const retryAfterMs = answer.status === 429 ? parseRetryAfterMs(answer.headers['retry-after']) : undefined;
    return new FlyApiError({
      method,
      path,
      status: answer.status,
      ...(code ? { code } : {}),
      ...(answer.requestId ? { requestId: answer.requestId } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      retryable,
      reason: this.#redact(reason),
    });
  }

  #parse<T extends z.ZodType>(
    answer: Answer,
    path: string,
    method: string,
    schema: T,
    what: string,
  ): z.output<T> {
    let value: unknown;
    try {
      value = JSON.parse(answer.text);
    } catch {
      throw this.#invalidAnswer(answer, method, path, `the answer is not JSON (expected ${what})`);
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw this.#invalidAnswer(
      answer,
      method,
      path,
      `the answer is not ${what}: ${where}${issue?.message ?? ''}`,
    );
  }

  /** fly-go's `{status: "success", data: {...}}` envelope, or the bare lease of the old OpenAPI spec. */
  #parseLease(answer: Answer, path: string): Lease {
    const body = this.#parse(answer, path, 'POST', leaseAnswerSchema, 'a lease');
    if (body.status !== undefined && body.status !== 'success') {
      const words = body.message ? `: ${body.message}` : '';
      throw this.#invalidAnswer(answer, 'POST', path, `the lease answer says ${body.status}${words}`);
    }
    const data: unknown = 'data' in body ? body.data : body;
    const parsed = leaseDataSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const reason =
        issue?.path[0] === 'nonce'
          ? 'the lease answer has no nonce'
          : `the answer is not a lease: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? ''}`;
      throw this.#invalidAnswer(answer, 'POST', path, reason);
    }
    const { nonce, expires_at, owner, description } = parsed.data;
    return {
      nonce,
      expiresAt: expires_at,
      ...(owner ? { owner } : {}),
      ...(description ? { description } : {}),
    };
  }

  #invalidAnswer(
    answer: Answer,
    method: string,
    path: string,
    reason: string,
    code = 'invalid_answer',
  ): FlyApiError {
    return new FlyApiError({
      method,
      path: `${this.#prefix}${path}`,
      status: answer.status,
      code,
      ...(answer.requestId ? { requestId: answer.requestId } : {}),
      retryable: false,
      reason: this.#redact(reason),
    });
  }

  #redact(text: string): string {
    return this.#redactor.redact(text);
  }
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function machinePath(app: string, id: string): string {
  return `/apps/${segment(app)}/machines/${segment(id)}`;
}

/** A machine as the engine sees it; one on an unreachable host has only `incomplete_config`. */
function asMachine(parsed: z.output<typeof machineSchema>): Machine {
  if (parsed.config) return parsed as Machine;
  const config = { image: '', ...parsed.incomplete_config } as MachineConfig;
  return { ...parsed, config } as Machine;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

// The Machines API's HTTP face: request ids, faults, auth, OpenAPI checks, routing, error bodies, and the
// request log. Control routes under /_sandbox skip auth, faults and spec checks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authorized } from './auth';
import { ApiError } from './errors';
import { type Faults, faultAnswer } from './faults';
import { parseJsonBody, readBody, sendJson, sleep } from './http-io';
import { requestId } from './ids';
import type { MachineRateLimits } from './rate-limits';
import { matchRoute, pathTargets, type Reply, type Route } from './router';
import type { SpecChecker } from './spec-check';

export interface RecordedRequest {
  method: string;
  /** The path without the query, e.g. `/v1/apps/shop/machines`. */
  path: string;
  query: string;
  status: number;
  app?: string;
  machine?: string;
  /** Epoch ms when the answer went out (or the connection was dropped: status 0). */
  at: number;
}

export interface SpecViolation {
  method: string;
  path: string;
  message: string;
  at: number;
}

export interface ApiServerOptions {
  routes: Route[];
  controlRoutes: Route[];
  token: string | undefined;
  faults: Faults;
  spec: SpecChecker | undefined;
  requests: RecordedRequest[];
  specViolations: SpecViolation[];
  /** Fly's per-machine, per-action limits, when the sandbox simulates them. */
  rateLimits?: MachineRateLimits | undefined;
  log: (line: string) => void;
}

export function createApiServer(options: ApiServerOptions): Server {
  return createServer((request, response) => {
    void handle(options, request, response).catch((error: unknown) => {
      options.log(`internal error: ${(error as Error).stack ?? String(error)}`);
      sendJson(response, 500, { error: `sandbox internal error: ${(error as Error).message}` });
    });
  });
}

async function handle(options: ApiServerOptions, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = request.method ?? 'GET';
  const id = requestId();
  response.setHeader('fly-request-id', id);
  const targets = pathTargets(url.pathname);
  const isControl = url.pathname.startsWith('/_sandbox/');
  const record = (status: number) => {
    if (isControl) return;
    options.requests.push({
      method,
      path: url.pathname,
      query: url.search,
      status,
      ...targets,
      at: Date.now(),
    });
    options.log(`${method} ${url.pathname}${url.search} → ${status || 'dropped'}`);
  };

  if (!isControl) {
    const fault = options.faults.match({ scope: 'api', method, path: url.pathname, ...targets });
    if (fault?.latency) await sleep(fault.latency);
    if (fault?.drop) {
      record(0);
      request.socket.destroy();
      return;
    }
    const answer = fault && faultAnswer(fault, request.headers);
    if (answer) {
      const body = { error: answer.message, ...(answer.presented ? { presented: answer.presented } : {}) };
      sendJson(response, answer.status, body, answer.headers);
      record(answer.status);
      return;
    }
    if (!authorized(request.headers.authorization, options.token)) {
      sendJson(response, 401, { error: 'unauthorized: send Authorization: Bearer <token> or FlyV1 <token>' });
      record(401);
      return;
    }
    const limited =
      options.rateLimits && rateLimited(options.rateLimits, options.routes, method, url, targets);
    if (limited) {
      const headers = options.rateLimits?.sendsRetryAfter
        ? { 'retry-after': String(limited.retryAfterSeconds) }
        : undefined;
      sendJson(response, 429, { error: 'rate limit exceeded' }, headers);
      record(429);
      return;
    }
  }

  const reply = await dispatch(options, request, response, url, method, isControl).catch((error: unknown) => {
    if (error instanceof ApiError)
      return { status: error.httpStatus, body: error.body(), headers: error.headers };
    throw error;
  });
  if (response.destroyed) {
    record(499);
    return;
  }
  sendJson(response, reply.status, reply.body, reply.headers);
  record(reply.status);
}

/** A request past its machine's limit for this action; undefined when it may go (or names no machine). */
function rateLimited(
  limits: MachineRateLimits,
  routes: Route[],
  method: string,
  url: URL,
  targets: { machine?: string },
): { retryAfterSeconds: number } | undefined {
  if (!targets.machine) return undefined;
  const found = matchRoute(routes, method, url.pathname);
  if (!('route' in found)) return undefined;
  return limits.take(targets.machine, method, found.route.pattern);
}

async function dispatch(
  options: ApiServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  method: string,
  isControl: boolean,
): Promise<Reply> {
  const found = matchRoute(isControl ? options.controlRoutes : options.routes, method, url.pathname);
  if (!('route' in found)) {
    if (found.allowed.length > 0) throw new ApiError(405, `method ${method} not allowed here`);
    throw new ApiError(404, `no such endpoint: ${method} ${url.pathname}`, 'not_found');
  }
  const body = parseJsonBody(await readBody(request));
  if (options.spec && !isControl) {
    const problem = options.spec.check({
      method,
      path: url.pathname.replace(/^\/v1/, ''),
      query: url.searchParams,
      body,
    });
    if (problem) {
      options.specViolations.push({ method, path: url.pathname, message: problem, at: Date.now() });
      throw new ApiError(400, `request does not match Fly's OpenAPI description: ${problem}`);
    }
  }
  const controller = new AbortController();
  const onClose = () => {
    if (!response.writableEnded) controller.abort();
  };
  response.on('close', onClose);
  try {
    const nonce = request.headers['fly-machine-lease-nonce'];
    return await found.route.handler({
      request,
      url,
      params: found.params,
      query: url.searchParams,
      body,
      nonce: typeof nonce === 'string' && nonce !== '' ? nonce : undefined,
      signal: controller.signal,
    });
  } finally {
    response.off('close', onClose);
  }
}

// The GitHub simulator's HTTP face, in GitHub's order: auth (401), routing (404), the body (400 when it
// is not JSON), faults, OpenAPI checks (422 "Invalid request."), the handler. Every answer carries
// `x-github-request-id` and the rate-limit headers. Control routes under /_sandbox/github skip auth,
// faults and checks, and are not logged.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { echoCredential } from '../credential-echo';
import { ApiError } from '../errors';
import { parseJsonBody, readBody, sendJson, sleep } from '../http-io';
import { matchRoute } from '../router';
import { GitHubError } from './errors';
import type { GitHubFault, GitHubFaults } from './faults';
import type { GitHubReply, GitHubRoute } from './routes/common';
import type { RateLimitCounter } from './routes/repos';
import { checkRequest, specOperations } from './spec-check';

export interface GitHubRecordedRequest {
  method: string;
  /** The path without the query, e.g. `/repos/shop-co/shop-app/actions/secrets/API_KEY`. */
  path: string;
  /** 0 when the connection was dropped by a fault. */
  status: number;
  /** Epoch ms when the answer went out. */
  at: number;
}

export interface GitHubSpecViolation {
  method: string;
  path: string;
  operationId: string;
  /** GitHub's lines after "Invalid request." */
  problems: string[];
  at: number;
}

export interface GitHubServerOptions {
  routes: GitHubRoute[];
  controlRoutes: GitHubRoute[];
  token: string | undefined;
  faults: GitHubFaults;
  checkSpec: boolean;
  requests: GitHubRecordedRequest[];
  specViolations: GitHubSpecViolation[];
  rateLimit: RateLimitCounter;
  log: (line: string) => void;
}

const rateLimitDocs = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

export function createGitHubServer(options: GitHubServerOptions): Server {
  return createServer((request, response) => {
    void handle(options, request, response).catch((error: unknown) => {
      options.log(`internal error: ${(error as Error).stack ?? String(error)}`);
      sendJson(
        response,
        500,
        new GitHubError(500, `sandbox internal error: ${(error as Error).message}`).body(),
      );
    });
  });
}

/** `Authorization: token X` or `Bearer X`; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header?.trim() ?? '');
  return match?.[1];
}

async function handle(options: GitHubServerOptions, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = request.method ?? 'GET';
  const requestId = gitHubRequestId();
  const isControl = url.pathname.startsWith('/_sandbox/');
  const headers: Record<string, string> = { 'x-github-request-id': requestId };
  if (!isControl) {
    headers['x-github-api-version-selected'] = '2022-11-28';
    if (url.pathname !== '/rate_limit') countRequest(options.rateLimit);
    Object.assign(headers, rateLimitHeaders(options.rateLimit));
  }
  const record = (status: number) => {
    if (isControl) return;
    options.requests.push({ method, path: url.pathname, status, at: Date.now() });
    options.log(`${method} ${url.pathname}${url.search} → ${status || 'dropped'}`);
  };
  const answer = (reply: GitHubReply) => {
    if (response.destroyed) return record(499);
    sendJson(response, reply.status, reply.body, { ...headers, ...reply.headers });
    record(reply.status);
  };

  try {
    if (!isControl) {
      const header = request.headers.authorization;
      const token = bearerToken(header);
      if (!token) throw new GitHubError(401, header ? 'Bad credentials' : 'Requires authentication');
      if (options.token !== undefined && token !== options.token)
        throw new GitHubError(401, 'Bad credentials');
    }
    const found = matchRoute(isControl ? options.controlRoutes : options.routes, method, url.pathname);
    if (!('route' in found)) throw new GitHubError(404, 'Not Found');
    const route = found.route;
    const body = await readJson(request);

    if (!isControl) {
      const fault = options.faults.match(method, url.pathname);
      if (fault?.kind === 'latency') await sleep(fault.ms);
      else if (fault?.kind === 'drop') {
        record(0);
        request.socket.destroy();
        return;
      } else if (fault) return answer(faultReply(fault, route, request, requestId, options.rateLimit));

      if (options.checkSpec) {
        const operation = specOperations(options.routes).get(`${route.method} ${route.pattern}`);
        const problem = operation
          ? checkRequest(operation, {
              method,
              template: route.pattern,
              params: found.params,
              query: url.searchParams,
              body,
            })
          : undefined;
        if (operation && problem) {
          options.specViolations.push({
            method,
            path: url.pathname,
            operationId: operation.operationId,
            problems: problem.problems,
            at: Date.now(),
          });
          throw new GitHubError(
            422,
            `Invalid request.\n\n${problem.problems.join('\n')}`,
            problem.documentationUrl,
          );
        }
      }
    }
    answer(await route.handler({ params: found.params, query: url.searchParams, body, url }));
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    answer({ status: error.httpStatus, body: error.body(), headers: error.headers });
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  try {
    return parseJsonBody(await readBody(request));
  } catch (error) {
    if (error instanceof ApiError && error.httpStatus === 413)
      throw new GitHubError(413, 'Payload Too Large');
    if (error instanceof ApiError) throw new GitHubError(400, 'Problems parsing JSON');
    throw error;
  }
}

function faultReply(
  fault: GitHubFault,
  route: GitHubRoute,
  request: IncomingMessage,
  requestId: string,
  rateLimit: RateLimitCounter,
): GitHubReply {
  const support = `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
  switch (fault.kind) {
    case 'secondaryRateLimit':
      return {
        status: fault.status,
        body: new GitHubError(
          fault.status,
          `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ${support}`,
          `${rateLimitDocs}#about-secondary-rate-limits`,
        ).body(),
        headers: fault.retryAfter === null ? {} : { 'retry-after': String(fault.retryAfter) },
      };
    case 'primaryRateLimit': {
      const reset = Math.ceil(Date.now() / 1000) + fault.resetAfter;
      return {
        status: fault.status,
        body: new GitHubError(
          fault.status,
          `API rate limit exceeded for user ID 1. ${support}`,
          rateLimitDocs,
        ).body(),
        headers: {
          'x-ratelimit-limit': String(rateLimit.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': String(rateLimit.limit),
          'x-ratelimit-reset': String(reset),
        },
      };
    }
    case 'permission':
      return {
        status: 403,
        body: new GitHubError(403, 'Resource not accessible by integration', route.docs).body(),
        headers: { 'x-accepted-github-permissions': fault.permission ?? route.permission },
      };
    case 'status': {
      const messages = { 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' } as const;
      return {
        status: fault.status,
        body: new GitHubError(fault.status, fault.message ?? messages[fault.status]).body(),
      };
    }
    case 'echoCredential': {
      const messages = {
        401: 'Bad credentials',
        403: 'Forbidden',
        422: 'Validation Failed',
        500: 'Server Error',
      } as const;
      const echo = echoCredential(request.headers, fault.header);
      return {
        status: fault.status,
        body: {
          ...new GitHubError(fault.status, `${fault.message ?? messages[fault.status]}: ${echo.text}`).body(),
          presented: echo.forms,
        },
        headers: echo.headers,
      };
    }
    default:
      throw new Error(`fault ${fault.kind} has no reply`);
  }
}

function countRequest(rateLimit: RateLimitCounter): void {
  const now = Math.floor(Date.now() / 1000);
  if (now >= rateLimit.reset) {
    rateLimit.used = 0;
    rateLimit.reset = now + 3600;
  }
  rateLimit.used++;
}

function rateLimitHeaders(rateLimit: RateLimitCounter): Record<string, string> {
  return {
    'x-ratelimit-limit': String(rateLimit.limit),
    'x-ratelimit-remaining': String(Math.max(0, rateLimit.limit - rateLimit.used)),
    'x-ratelimit-reset': String(rateLimit.reset),
    'x-ratelimit-used': String(rateLimit.used),
    'x-ratelimit-resource': 'core',
  };
}

/** GitHub's request ids look like `C0DE:1A2B3:4C5D6E:7F8091:65A1B2C3`. */
function gitHubRequestId(): string {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(3)}:${hex(3)}:${hex(3)}:${Math.floor(Date.now() / 1000)
    .toString(16)
    .toUpperCase()}`;
}

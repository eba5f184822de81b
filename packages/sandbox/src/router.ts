// A small method + path-pattern router. Patterns name their parameters in braces, as OpenAPI does:
// `/v1/apps/{app}/machines/{id}`.
import type { IncomingMessage } from 'node:http';

export interface RouteContext {
  request: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The `fly-machine-lease-nonce` header, when sent. */
  nonce: string | undefined;
  /** Aborted when the client goes away (a long-poll stops waiting). */
  signal: AbortSignal;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (context: RouteContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
  regex: RegExp;
  keys: string[];
}

export function route(method: string, pattern: string, handler: Handler): Route {
  return { method, pattern, handler, ...compilePattern(pattern) };
}

/** The regex of a `{param}` pattern and its parameter names, in order. */
export function compilePattern(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}$`), keys };
}

export function matchRoute<R extends Pick<Route, 'method' | 'regex' | 'keys'>>(
  routes: R[],
  method: string,
  path: string,
): { route: R; params: Record<string, string> } | { allowed: string[] } {
  const allowed: string[] = [];
  for (const candidate of routes) {
    const match = candidate.regex.exec(path);
    if (!match) continue;
    if (candidate.method !== method) {
      allowed.push(candidate.method);
      continue;
    }
    const params: Record<string, string> = {};
    candidate.keys.forEach((key, index) => {
      params[key] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { route: candidate, params };
  }
  return { allowed };
}

/** App and machine named by an API path, for fault matching and the request log. */
export function pathTargets(path: string): { app?: string; machine?: string } {
  const match = /^\/v1\/apps\/([^/]+)(?:\/machines\/([^/]+))?/.exec(path);
  if (!match) return {};
  return {
    ...(match[1] ? { app: decodeURIComponent(match[1]) } : {}),
    ...(match[2] ? { machine: decodeURIComponent(match[2]) } : {}),
  };
}

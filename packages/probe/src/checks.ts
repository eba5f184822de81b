// From what people wrote (a checks file, inline checks, bare paths) to complete checks: absolute URLs,
// headers merged, and the defaults filled in that these teams already judge a deploy by.
import { hasUrlCredentials } from '@shipgate/kit';
import { type CheckConfig, type Method, regexLiteral } from './config-schema';
import { isRunnerVariable, sharedHeaderOrigins } from './header-scope';
import { type PathStep, parseJsonPath } from './json-path';
import type { StatusRange } from './status';

export type HeaderExpectation =
  | { kind: 'present' }
  | { kind: 'absent' }
  | { kind: 'contains'; text: string }
  | { kind: 'regex'; regex: RegExp; source: string };

export interface CheckExpectations {
  status: StatusRange[];
  /** True when the status list is the default for the kind of endpoint, not written by the user. */
  statusIsDefault: boolean;
  bodyContains: string[];
  bodyNotContains: string[];
  bodyRegex: RegExp[];
  json: Array<{ path: string; steps: PathStep[]; value: unknown }>;
  headers: Array<{ name: string; expectation: HeaderExpectation }>;
  maxLatencyMs: number;
  /** 0: no minimum beyond a valid certificate. Only https URLs are judged. */
  tlsMinDays: number;
}

export interface Check {
  name: string;
  method: Method;
  url: string;
  /** The request's headers. Their values are never printed: they can carry tokens. */
  headers: Record<string, string>;
  /**
   * Names of the headers whose values are secret: those of the `headers` input, those that read an
   * environment variable, and those named like a credential. A redirect never takes them to another origin.
   */
  secretHeaders: string[];
  body?: string;
  expect: CheckExpectations;
  followRedirects: boolean;
  maxRedirects: number;
  /** A Fly machine id, sent as `fly-force-instance-id`. */
  machine?: string;
  timeoutMs: number;
  /** `health` endpoints get stricter defaults than `page`s. */
  kind: 'health' | 'page';
  /** Where the check was written, for messages: `checks.yml, check 2`, `input 'paths'`. */
  origin: string;
}

/** The settings every check gets unless it says otherwise. */
export interface CheckDefaults {
  baseUrl?: string;
  /**
   * The `headers` input: sent only to checks on base-url's origin or on one of `headerOrigins`; a check's own
   * header of the same name wins.
   */
  headers: Record<string, string>;
  /** Origins besides base-url's that get `headers` (input 'header-origins'), as `URL.origin` writes them. */
  headerOrigins: readonly string[];
  machine?: string;
  followRedirects: boolean;
  maxRedirects: number;
  timeoutMs: number;
  tlsMinDays: number;
  /**
   * The variables `${NAME}` in a check's header may read (input 'header-env'): any other name is an error,
   * and the runner's own (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*) are refused even when present here.
   */
  env: Record<string, string | undefined>;
}

export const healthDefaults = { status: [{ from: 200, to: 200 }], maxLatencyMs: 2000 };
export const pageDefaults = { status: [{ from: 200, to: 399 }], maxLatencyMs: 3000 };

/**
 * A health endpoint by its last path segment: health, healthz, healthcheck, health-check, up, ready,
 * readyz, live, livez, ping, status, each optionally with a leading underscore (`/_health`).
 */
export function isHealthPath(path: string): boolean {
  const last = path.split(/[?#]/)[0]!.replace(/\/+$/, '').split('/').pop() ?? '';
  return /^_?(health|healthz|healthcheck|health-check|up|ready|readyz|live|livez|ping|status)$/i.test(last);
}

export class CheckError extends Error {
  override name = 'CheckError';
}

/** Completes the checks of one source. `origin` names the source in messages (a file, an input). */
export function resolveChecks(
  configs: readonly CheckConfig[],
  origin: string,
  defaults: CheckDefaults,
): Check[] {
  return configs.map((config, index) => resolveCheck(config, `${origin}, check ${index + 1}`, defaults));
}

/** Checks for bare paths (input `paths`, or `origin` names another): GET each with the defaults for its kind. */
export function checksForPaths(
  paths: readonly string[],
  defaults: CheckDefaults,
  origin = "Input 'paths'",
): Check[] {
  return paths.map((path) => {
    const written = path.startsWith('/') || /^https?:\/\//i.test(path) ? path : `/${path}`;
    const config: CheckConfig = /^https?:\/\//i.test(written) ? { url: written } : { path: written };
    return resolveCheck(config, origin, defaults);
  });
}

/** Fails on two checks with the same name: the report, the summary and JUnit tell checks apart by name. */
export function assertUniqueNames(checks: readonly Check[]): void {
  const seen = new Map<string, Check>();
  for (const check of checks) {
    const first = seen.get(check.name);
    if (first) {
      throw new CheckError(
        `two checks are named '${check.name}' (${first.origin} and ${check.origin}): give them distinct names`,
      );
    }
    seen.set(check.name, check);
  }
}

function resolveCheck(config: CheckConfig, origin: string, defaults: CheckDefaults): Check {
  const url = absoluteUrl(config, origin, defaults.baseUrl);
  const parsed = new URL(url);
  const kind = isHealthPath(parsed.pathname) ? 'health' : 'page';
  const kindDefaults = kind === 'health' ? healthDefaults : pageDefaults;
  const method = config.method ?? (config.body !== undefined || config.json !== undefined ? 'POST' : 'GET');
  const shared = sharedHeaderOrigins(defaults.baseUrl, defaults.headerOrigins).has(parsed.origin)
    ? defaults.headers
    : {};
  const own = expandHeaders(config.headers ?? {}, origin, defaults.env);
  const headers = mergeHeaders(shared, own.headers);
  const secretHeaders = Object.keys(headers).filter(
    (name) => isSensitiveHeader(name) || hasHeader(shared, name) || own.expanded.has(name),
  );
  let body = config.body;
  if (config.json !== undefined) {
    body = JSON.stringify(config.json);
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
  }
  const expect = config.expect ?? {};
  const shown = `${parsed.pathname}${parsed.search}`;
  const check: Check = {
    name: config.name ?? `${method} ${config.path ?? url}`,
    method,
    url,
    headers,
    secretHeaders,
    expect: {
      status: expect.status ?? kindDefaults.status,
      statusIsDefault: expect.status === undefined,
      bodyContains: expect['body-contains'] ?? [],
      bodyNotContains: expect['body-not-contains'] ?? [],
      bodyRegex: (expect['body-regex'] ?? []).map((source) => new RegExp(source)),
      json: Object.entries(expect.json ?? {}).map(([path, value]) => ({
        path,
        steps: parseJsonPath(path) as PathStep[],
        value,
      })),
      headers: Object.entries(expect.headers ?? {}).map(([name, value]) => ({
        name: name.toLowerCase(),
        expectation: headerExpectation(value),
      })),
      maxLatencyMs: config['max-latency-ms'] ?? kindDefaults.maxLatencyMs,
      tlsMinDays: config['tls-min-days'] ?? defaults.tlsMinDays,
    },
    followRedirects: config['follow-redirects'] ?? defaults.followRedirects,
    maxRedirects: config['max-redirects'] ?? defaults.maxRedirects,
    timeoutMs: config['timeout-ms'] ?? defaults.timeoutMs,
    kind,
    origin: `${origin} (${method} ${shown})`,
  };
  const machine = config.machine ?? defaults.machine;
  if (machine) {
    check.machine = machine;
    check.headers['fly-force-instance-id'] = machine;
  }
  if (body !== undefined) check.body = body;
  return check;
}

function absoluteUrl(config: CheckConfig, origin: string, baseUrl: string | undefined): string {
  if (config.url) {
    if (hasUrlCredentials(config.url)) {
      throw new CheckError(
        `${origin}: ${withoutUserinfo(config.url)} carries a user or password; pass credentials as a header instead (Authorization in input 'headers', sent to base-url's origin and those listed in 'header-origins')`,
      );
    }
    return new URL(config.url).href;
  }
  if (!baseUrl) throw new CheckError(`${origin}: path ${config.path} needs input 'base-url'`);
  // `base-url: https://host/app` with `path: /health` means https://host/app/health, as people expect.
  // Joined as text: resolved as a reference, `//other.host/x` or `/\other.host` would leave base-url's origin.
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(`${base.origin}${prefix}${config.path}`).href;
}

/** The URL with its userinfo as `***`, for a message; nothing of it when it does not parse. */
function withoutUserinfo(url: string): string {
  if (!URL.canParse(url)) return 'the URL';
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href.replace('://', '://***@');
}

function headerExpectation(value: string | boolean): HeaderExpectation {
  if (value === true) return { kind: 'present' };
  if (value === false) return { kind: 'absent' };
  const literal = regexLiteral.exec(value);
  // g and y would make test() remember where it stopped; one header value is matched once.
  if (literal) {
    return { kind: 'regex', regex: new RegExp(literal[1]!, literal[2]!.replace(/[gy]/g, '')), source: value };
  }
  return { kind: 'contains', text: value };
}

/**
 * `${NAME}` in a header value is the environment variable NAME, when input 'header-env' lists it: how a
 * checks file refers to a secret. Returns the headers and the (lower-case) names of those that read one.
 */
function expandHeaders(
  headers: Record<string, string>,
  origin: string,
  env: Record<string, string | undefined>,
): { headers: Record<string, string>; expanded: Set<string> } {
  const out: Record<string, string> = {};
  const expanded = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    out[name] = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, variable: string) => {
      const uses = `${origin}: header ${name} uses \${${variable}}`;
      if (isRunnerVariable(variable)) {
        throw new CheckError(
          `${uses}, one of the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*), which never go into a header`,
        );
      }
      if (!Object.hasOwn(env, variable)) {
        throw new CheckError(`${uses}, which is not listed in input 'header-env'`);
      }
      expanded.add(name.toLowerCase());
      const found = env[variable];
      if (found === undefined || found === '') {
        throw new CheckError(`${uses}, which is not set in the environment`);
      }
      if (/[\r\n]/.test(found)) {
        throw new CheckError(`${origin}: header ${name}: \${${variable}} holds a line break`);
      }
      return found;
    });
  }
  return { headers: out, expanded };
}

function mergeHeaders(base: Record<string, string>, own: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (!hasHeader(own, name)) merged[name.toLowerCase()] = value;
  }
  for (const [name, value] of Object.entries(own)) merged[name.toLowerCase()] = value;
  return merged;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

/**
 * Parses `Name: value` lines (input `headers`). Errors never repeat a value: it may be a token.
 */
export function parseHeaderLines(text: string, origin: string): Record<string, string> {
  const headers: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new CheckError(`${origin}, line ${index + 1}: expected 'Name: value'`);
    }
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  });
  return headers;
}

const sensitiveHeader = /auth|token|key|secret|cookie|session|password|credential|signature/i;

/** Header names whose values are treated as secret even when written in plain YAML. */
export function isSensitiveHeader(name: string): boolean {
  return sensitiveHeader.test(name);
}

// One attempt of a check: the request, its redirects (followed by hand, so a loop can be named), and the
// verdict of the expectations on the final response.
import type { Check } from './checks';
import { evaluate } from './expectations';
import { type Certificate, Fault, type FaultKind, type Hop, openConnection } from './http';

export interface AttemptOptions {
  maxBodyBytes: number;
  ca?: string[];
  /** Judge the status alone (waiting for readiness). */
  statusOnly?: boolean;
  /** The per-request deadline, when shorter than the check's own (the end of the readiness wait). */
  timeoutMs?: number;
}

export interface Attempt {
  passed: boolean;
  /** The final status, when a response arrived. */
  status?: number;
  /** From sending the first request to the end of the last body, redirects included; when a response arrived. */
  latencyMs?: number;
  bodyBytes?: number;
  truncated?: boolean;
  /** Each redirect followed: its status and where it pointed. */
  redirects: Array<{ status: number; location: string }>;
  certificate?: Certificate;
  /** Set when no usable response arrived. */
  fault?: { kind: FaultKind; message: string };
  /** Expectations the response missed. */
  failures: string[];
}

/** Faults after which repeating a check in the same run cannot tell anything new. */
export const stopsRepeats: ReadonlySet<FaultKind> = new Set([
  'dns',
  'refused',
  'tls',
  'timeout',
  'unreachable',
]);

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Runs a check once. Never throws: every fault is an attempt that did not pass, with the reason. */
export async function runAttempt(check: Check, options: AttemptOptions): Promise<Attempt> {
  const timeoutMs = Math.max(
    1,
    Math.ceil(Math.min(check.timeoutMs, options.timeoutMs ?? Number.POSITIVE_INFINITY)),
  );
  const connection = openConnection({
    timeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    ...(options.ca ? { ca: options.ca } : {}),
  });
  const redirects: Attempt['redirects'] = [];
  const started = performance.now();
  try {
    let request = {
      url: check.url,
      method: check.method as string,
      headers: { ...check.headers },
      ...(check.body !== undefined ? { body: check.body } : {}),
    } as { url: string; method: string; headers: Record<string, string>; body?: string };
    const visited = [check.url];
    let hop: Hop;
    for (;;) {
      hop = await connection.send(request);
      const location = hop.headers.location;
      if (!check.followRedirects || !redirectStatuses.has(hop.status) || !location) break;
      let next: URL;
      try {
        next = new URL(location, hop.url);
      } catch {
        throw new Fault(
          'bad-redirect',
          `redirect ${hop.status} to an invalid location ${JSON.stringify(location)}`,
        );
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new Fault('bad-redirect', `redirect ${hop.status} to a non-HTTP location ${next.protocol}`);
      }
      redirects.push({ status: hop.status, location: next.href });
      if (visited.includes(next.href)) {
        throw new Fault('redirect-loop', `redirect loop: ${chain([...visited, next.href])}`);
      }
      if (redirects.length > check.maxRedirects) {
        throw new Fault(
          'too-many-redirects',
          `more than ${check.maxRedirects} redirects: ${chain([...visited, next.href])}`,
        );
      }
      visited.push(next.href);
      request = redirectRequest(request, hop.status, next, check.secretHeaders);
    }
    const latencyMs = round(performance.now() - started);
    const attempt: Attempt = {
      passed: false,
      status: hop.status,
      latencyMs,
      bodyBytes: hop.bodyBytes,
      truncated: hop.truncated,
      redirects,
      failures: evaluate(
        check.expect,
        {
          status: hop.status,
          headers: hop.headers,
          body: hop.body,
          bodyBytes: hop.bodyBytes,
          truncated: hop.truncated,
          maxBodyBytes: options.maxBodyBytes,
          latencyMs,
          https: hop.url.startsWith('https:'),
          ...(hop.certificate ? { certificate: hop.certificate } : {}),
        },
        { statusOnly: options.statusOnly ?? false },
      ),
    };
    if (hop.certificate) attempt.certificate = hop.certificate;
    attempt.passed = attempt.failures.length === 0;
    return attempt;
  } catch (thrown) {
    const fault =
      thrown instanceof Fault
        ? thrown
        : new Fault('protocol', thrown instanceof Error ? thrown.message : String(thrown));
    return { passed: false, redirects, fault: { kind: fault.kind, message: fault.message }, failures: [] };
  } finally {
    await connection.close();
  }
}

/**
 * The request a redirect asks for, as browsers and fetch make it: 303 (and 301/302 after a POST) become a
 * GET without a body; secret headers and the machine header are not sent to another origin.
 */
function redirectRequest(
  previous: { url: string; method: string; headers: Record<string, string>; body?: string },
  status: number,
  next: URL,
  secretHeaders: readonly string[],
) {
  const toGet =
    status === 303
      ? previous.method !== 'HEAD'
      : (status === 301 || status === 302) && previous.method === 'POST';
  const headers: Record<string, string> = {};
  const crossOrigin = new URL(previous.url).origin !== next.origin;
  for (const [name, value] of Object.entries(previous.headers)) {
    if (crossOrigin && (secretHeaders.includes(name) || name === 'fly-force-instance-id')) continue;
    if (toGet && (name === 'content-type' || name === 'content-length')) continue;
    headers[name] = value;
  }
  const request: { url: string; method: string; headers: Record<string, string>; body?: string } = {
    url: next.href,
    method: toGet ? 'GET' : previous.method,
    headers,
  };
  if (!toGet && previous.body !== undefined) request.body = previous.body;
  return request;
}

function chain(urls: string[]): string {
  const origin = new URL(urls[0]!).origin;
  return urls
    .map((url) => {
      const parsed = new URL(url);
      return parsed.origin === origin ? `${parsed.pathname}${parsed.search}` : url;
    })
    .join(' → ');
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

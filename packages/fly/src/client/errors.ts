import { STATUS_CODES } from 'node:http';

/** What went wrong without an HTTP answer; `status` is 0 for these. */
export type NetworkFailure = 'reset' | 'refused' | 'timeout' | 'dns' | 'network';

export interface FlyApiErrorFacts {
  method: string;
  /** The path without its query, `/v1/...`. */
  path: string;
  /** The HTTP status, or 0 when no answer came (connection refused, reset, timeout). */
  status: number;
  /** Fly's `status` field (`insufficient_capacity`, `name_taken`, ...), or the network failure's kind. */
  code?: string;
  /** The `fly-request-id` response header. */
  requestId?: string;
  /** Whether sending the same call again is safe and may succeed. */
  retryable: boolean;
  /** A 429's `Retry-After`, in milliseconds from when it came. */
  retryAfterMs?: number;
  /** The reason in words: Fly's message, its error, the body text, or the network failure. */
  reason: string;
}

/** A Machines API call that failed: an answer over 299, a malformed answer, or no answer at all. */
export class FlyApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly retryable: boolean;
  readonly reason: string;
  readonly retryAfterMs: number | undefined;

  constructor(facts: FlyApiErrorFacts) {
    super(formatMessage(facts));
    this.name = 'FlyApiError';
    this.status = facts.status;
    this.code = facts.code;
    this.requestId = facts.requestId;
    this.method = facts.method;
    this.path = facts.path;
    this.retryable = facts.retryable;
    this.reason = facts.reason;
    this.retryAfterMs = facts.retryAfterMs;
  }
}

function formatMessage(facts: FlyApiErrorFacts): string {
  const status = facts.status === 0 ? '' : `${facts.status} ${STATUS_CODES[facts.status] ?? ''}`.trim();
  const request = facts.requestId ? ` (request ${facts.requestId})` : '';
  return `Fly API ${facts.method} ${facts.path}: ${status ? `${status}: ` : ''}${facts.reason}${request}`;
}

export function isFlyApiError(error: unknown): error is FlyApiError {
  return error instanceof FlyApiError;
}

/** Another holder's lease is in the way (409), or our nonce is missing or stale (412). */
export function isLeaseConflict(error: unknown): boolean {
  return isFlyApiError(error) && (error.status === 409 || error.status === 412);
}

export function isNotFound(error: unknown): boolean {
  return isFlyApiError(error) && error.status === 404;
}

const maxReasonLength = 500;

/** The reason in an error body: `message`, else `error`, else the raw text (trimmed, capped). */
export function reasonFromBody(text: string): { reason: string; code?: string } {
  const trimmed = text.trim();
  const parsed = parseJsonObject(trimmed);
  if (parsed) {
    const code = typeof parsed.status === 'string' ? parsed.status : undefined;
    const words = [parsed.message, parsed.error].find(
      (value): value is string => typeof value === 'string' && value.trim() !== '',
    );
    if (words) return { reason: cap(words.trim()), ...(code ? { code } : {}) };
    return { reason: cap(trimmed), ...(code ? { code } : {}) };
  }
  return { reason: trimmed ? cap(trimmed) : 'no error text in the answer' };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function cap(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > maxReasonLength ? `${oneLine.slice(0, maxReasonLength)}…` : oneLine;
}

interface CodedError {
  code?: string;
  syscall?: string;
  message?: string;
  cause?: unknown;
}

/** The innermost error that carries a code (undici wraps the socket's error). */
function innermostCode(thrown: unknown): CodedError {
  let error: unknown = thrown;
  for (let depth = 0; depth < 5 && error && typeof error === 'object'; depth++) {
    const candidate = error as CodedError;
    if (candidate.code && candidate.code !== 'UND_ERR_ABORTED') return candidate;
    error = candidate.cause;
  }
  return { message: thrown instanceof Error ? thrown.message : String(thrown) };
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const timeoutCodes = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** A thrown request error as a kind and one plain sentence. */
export function describeNetworkFailure(
  thrown: unknown,
  host: string,
): { kind: NetworkFailure; reason: string } {
  const error = innermostCode(thrown);
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return { kind: 'refused', reason: `connection refused by ${host} (${code})` };
  if (resetCodes.has(code)) return { kind: 'reset', reason: `${host} closed the connection (${code})` };
  if (timeoutCodes.has(code)) return { kind: 'timeout', reason: `timed out talking to ${host} (${code})` };
  if (dnsCodes.has(code) || error.syscall === 'getaddrinfo') {
    return { kind: 'dns', reason: `DNS lookup failed for ${host} (${code || 'getaddrinfo'})` };
  }
  const message = error.message ?? 'unknown error';
  return { kind: 'network', reason: `request to ${host} failed: ${message}${code ? ` (${code})` : ''}` };
}

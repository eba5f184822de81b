import { parseRetryAfterMs } from '@shipgate/kit/timing';
import type { NetworkFailure } from './errors';

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { attempts: 5, baseDelayMs: 250, maxDelayMs: 10_000 };

/**
 * `idempotent`: sending it twice has the effect of sending it once (reads, deletes, update with the whole
 * config, cordon, metadata writes, lease refresh and release). `once`: a second send could do the thing
 * twice (create, start, stop, restart, lease acquire, secrets writes).
 */
export type CallSafety = 'idempotent' | 'once';

export interface Outcome {
  status: number;
  /** Set when no answer came (status 0). */
  failure?: NetworkFailure;
}

/**
 * Whether the same call may be sent again. 429 and a refused connection mean the request was never
 * processed, so every call may repeat them; 408 only a GET; 5xx, resets and timeouts only an idempotent
 * call, because the first send may have done its work before the answer was lost.
 */
export function isRetryable(outcome: Outcome, call: { method: string; safety: CallSafety }): boolean {
  if (outcome.status === 429) return true;
  if (outcome.status === 408) return call.method === 'GET';
  if (outcome.status >= 500) return call.safety === 'idempotent';
  if (outcome.status !== 0) return false;
  if (outcome.failure === 'refused') return true;
  return (outcome.failure === 'reset' || outcome.failure === 'timeout') && call.safety === 'idempotent';
}

/**
 * The pause before retry number `attempt` (1 for the first retry): `Retry-After` when the answer has one,
 * else exponential backoff with jitter (half fixed, half random); never more than `maxDelayMs`.
 */
export function retryDelayMs(
  attempt: number,
  options: RetryOptions,
  retryAfter?: string,
  now = Date.now(),
  random: () => number = Math.random,
): number {
  const asked = parseRetryAfterMs(retryAfter, now);
  if (asked !== undefined) return Math.min(asked, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@shipgate/kit';
import { round, runAttempt } from './attempt';
import type { Check } from './checks';

/** The shortest poll worth sending before the deadline. */
const minimumPollMs = 100;

export interface ReadyOptions {
  /** Give up after this long; the checks then run anyway and report what they find. */
  timeoutMs: number;
  maxBodyBytes: number;
  ca?: string[];
  logger: Logger;
  /** The first pause; each next one doubles, up to `maxDelayMs`, with jitter. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** For tests of the backoff; Math.random otherwise. */
  random?: () => number;
  /** Applied to each reason before it is logged or returned (a response may echo a secret). */
  redact?: (text: string) => string;
}

export interface ReadyResult {
  ready: boolean;
  /** The check polled: its name and URL. */
  check: string;
  url: string;
  /** From the first poll to the passing one (or to giving up). */
  ms: number;
  polls: number;
  /** Why the last poll did not pass, when it never did. */
  reason?: string;
}

/**
 * Polls a check until its response has the expected status (a 5xx never does) or the time is up. Speed,
 * body, headers and certificate are judged in the measured rounds, so a wrong page does not wait out the
 * whole timeout. Pauses grow exponentially with "equal jitter" (half fixed, half random), so
 * many jobs waiting on one deploy do not poll in step.
 */
export async function waitForReady(check: Check, options: ReadyOptions): Promise<ReadyResult> {
  const { logger, timeoutMs } = options;
  const initial = options.initialDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 5000;
  const random = options.random ?? Math.random;
  const redact = options.redact ?? ((text: string) => text);
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let polls = 0;
  let reason = '';
  for (;;) {
    polls++;
    const attempt = await runAttempt(check, {
      maxBodyBytes: options.maxBodyBytes,
      statusOnly: true,
      timeoutMs: Math.max(1, timeoutMs - elapsed()),
      ...(options.ca ? { ca: options.ca } : {}),
    });
    if (attempt.passed) {
      return { ready: true, check: check.name, url: check.url, ms: round(elapsed()), polls };
    }
    reason = redact(attempt.fault?.message ?? attempt.failures.join('; '));
    const base = Math.min(cap, initial * 2 ** (polls - 1));
    const delay = base / 2 + (random() * base) / 2;
    const left = timeoutMs - elapsed();
    if (left < minimumPollMs) break;
    logger.info(
      `not ready yet (poll ${polls}): ${reason}; next poll in ${Math.round(Math.min(delay, left))} ms`,
    );
    await sleep(Math.min(delay, left));
    // A poll squeezed into the last milliseconds would only report its own timeout.
    if (timeoutMs - elapsed() < minimumPollMs) break;
  }
  return { ready: false, check: check.name, url: check.url, ms: round(elapsed()), polls, reason };
}

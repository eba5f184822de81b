// A smoke test run: wait for the service to answer, then run every check `repeat` times, in order, one
// request at a time (concurrent requests would measure each other). The result is a report that holds
// every attempt and its reason; nothing here throws for a fault of the service under test.
import { type Logger, Redactor } from '@shipgate/kit';
import { type Attempt, runAttempt, stopsRepeats } from './attempt';
import type { Check } from './checks';
import { type ReadyResult, waitForReady } from './ready';
import { type LatencyStats, latencyStats } from './stats';
import { formatStatusRanges } from './status';

export interface ProbeOptions {
  checks: readonly Check[];
  /** Measured rounds per check. */
  repeat: number;
  /** Wait for this check to pass before measuring; none: measure at once. */
  ready?: { check: Check; timeoutMs: number };
  maxBodyBytes: number;
  ca?: string[];
  logger: Logger;
  /**
   * Values that must never appear in the report or the log (header values that may be tokens), in any
   * encoding; replaced by ***, as is the userinfo of any URL an answer carries (a redirect's Location).
   */
  secrets?: readonly string[];
}

export interface CheckReport {
  name: string;
  method: string;
  url: string;
  machine?: string;
  kind: 'health' | 'page';
  /** Names only: header values can carry tokens. */
  headerNames: string[];
  /** What the check expects, in words. */
  expects: string[];
  passed: boolean;
  /** Why it failed: the first failing attempt's reason, with how many attempts failed. */
  reason?: string;
  attemptsFailed: number;
  /** Set when a fault made the remaining rounds pointless. */
  stoppedEarly?: string;
  statuses: number[];
  latency?: LatencyStats;
  attempts: Attempt[];
}

export interface ProbeReport {
  tool: 'shipgate smoke-test';
  version: 1;
  startedAt: string;
  durationMs: number;
  passed: boolean;
  counts: { checks: number; passed: number; failed: number };
  repeat: number;
  ready?: ReadyResult;
  /** Over every attempt of every check that got a response. */
  latency?: LatencyStats;
  checks: CheckReport[];
}

/** Runs the checks and returns the report; the caller decides what a failure means for the step. */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const { logger } = options;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const redactor = new Redactor();
  for (const secret of options.secrets ?? []) redactor.add(secret);
  const redact = (text: string) => redactor.redact(text);
  const common = { maxBodyBytes: options.maxBodyBytes, ...(options.ca ? { ca: options.ca } : {}) };

  let ready: ReadyResult | undefined;
  if (options.ready) {
    const target = options.ready;
    ready = await logger.group(`Waiting for ${target.check.url} to be ready`, async () => {
      const result = await logger.waitingFor(`${redact(target.check.url)} to be ready`, () =>
        waitForReady(target.check, {
          ...common,
          timeoutMs: target.timeoutMs,
          logger,
          redact,
        }),
      );
      if (result.ready) logger.info(`ready after ${formatMs(result.ms)} (${result.polls} polls)`);
      else
        logger.warning(
          `not ready after ${formatMs(result.ms)} (${result.polls} polls): ${result.reason ?? ''}`,
        );
      return result;
    });
  }

  const checks: CheckReport[] = [];
  await logger.group(`Running ${options.checks.length} checks × ${options.repeat}`, async () => {
    for (const check of options.checks) {
      const attempts: Attempt[] = [];
      let stoppedEarly: string | undefined;
      for (let round = 1; round <= options.repeat; round++) {
        const attempt = redactAttempt(await runAttempt(check, common), redact);
        attempts.push(attempt);
        logger.info(`${check.name} #${round}: ${describeAttempt(attempt)}`);
        if (attempt.fault && stopsRepeats.has(attempt.fault.kind) && round < options.repeat) {
          stoppedEarly = `not repeated after a ${attempt.fault.kind} fault`;
          break;
        }
      }
      checks.push(checkReport(check, attempts, stoppedEarly, redact));
    }
  });

  const failed = checks.filter((check) => !check.passed).length;
  const samples = checks.flatMap((check) =>
    check.attempts.flatMap((a) => (a.latencyMs === undefined ? [] : [a.latencyMs])),
  );
  const report: ProbeReport = {
    tool: 'shipgate smoke-test',
    version: 1,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    passed: failed === 0,
    counts: { checks: checks.length, passed: checks.length - failed, failed },
    repeat: options.repeat,
    checks,
  };
  if (ready) report.ready = ready;
  const latency = latencyStats(samples);
  if (latency) report.latency = latency;
  return report;
}

function checkReport(
  check: Check,
  attempts: Attempt[],
  stoppedEarly: string | undefined,
  redact: (text: string) => string,
): CheckReport {
  const failedAttempts = attempts.filter((attempt) => !attempt.passed);
  const report: CheckReport = {
    name: check.name,
    method: check.method,
    url: redact(check.url),
    kind: check.kind,
    headerNames: Object.keys(check.headers).sort(),
    expects: describeExpectations(check),
    passed: failedAttempts.length === 0,
    attemptsFailed: failedAttempts.length,
    statuses: attempts.flatMap((attempt) => (attempt.status === undefined ? [] : [attempt.status])),
    attempts,
  };
  if (check.machine) report.machine = check.machine;
  const first = failedAttempts[0];
  if (first) {
    const reason = attemptReason(first);
    report.reason =
      attempts.length > 1
        ? `${reason} (${failedAttempts.length} of ${attempts.length} attempts failed)`
        : reason;
  }
  if (stoppedEarly) report.stoppedEarly = stoppedEarly;
  const latency = latencyStats(attempts.flatMap((a) => (a.latencyMs === undefined ? [] : [a.latencyMs])));
  if (latency) report.latency = latency;
  return report;
}

export function attemptReason(attempt: Attempt): string {
  return attempt.fault?.message ?? attempt.failures.join('; ');
}

function describeAttempt(attempt: Attempt): string {
  if (attempt.fault) return `✗ ${attempt.fault.message}`;
  const redirects = attempt.redirects.length > 0 ? `, ${attempt.redirects.length} redirects` : '';
  const head = `${attempt.status} in ${formatMs(attempt.latencyMs ?? 0)}${redirects}`;
  return attempt.passed ? `✓ ${head}` : `✗ ${head}: ${attempt.failures.join('; ')}`;
}

function describeExpectations(check: Check): string[] {
  const { expect } = check;
  const out = [
    `status ${formatStatusRanges(expect.status)}${expect.statusIsDefault ? ` (${check.kind} default)` : ''}`,
  ];
  out.push(`within ${expect.maxLatencyMs} ms`);
  for (const text of expect.bodyContains) out.push(`body contains ${JSON.stringify(text)}`);
  for (const text of expect.bodyNotContains) out.push(`body does not contain ${JSON.stringify(text)}`);
  for (const regex of expect.bodyRegex) out.push(`body matches /${regex.source}/`);
  for (const { path, value } of expect.json) out.push(`${path} equals ${JSON.stringify(value)}`);
  for (const { name, expectation } of expect.headers) {
    const what =
      expectation.kind === 'present'
        ? 'present'
        : expectation.kind === 'absent'
          ? 'absent'
          : expectation.kind === 'regex'
            ? `matches ${expectation.source}`
            : `contains ${JSON.stringify(expectation.text)}`;
    out.push(`header ${name} ${what}`);
  }
  if (check.url.startsWith('https:') && expect.tlsMinDays > 0) {
    out.push(`TLS certificate valid for ${expect.tlsMinDays}+ days`);
  }
  return out;
}

function redactAttempt(attempt: Attempt, redact: (text: string) => string): Attempt {
  attempt.failures = attempt.failures.map(redact);
  if (attempt.fault) attempt.fault.message = redact(attempt.fault.message);
  attempt.redirects = attempt.redirects.map((r) => ({ ...r, location: redact(r.location) }));
  return attempt;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

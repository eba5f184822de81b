import { type CheckExpectations, isSensitiveHeader } from './checks';
import { type Certificate, formatBytes } from './http';
import { jsonEquals, lookupJsonPath } from './json-path';
import { expectsServerError, formatStatusRanges, statusMatches } from './status';

/** What a check's final response looked like, as far as expectations care. */
export interface Observed {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  bodyBytes: number;
  truncated: boolean;
  maxBodyBytes: number;
  latencyMs: number;
  certificate?: Certificate;
  https: boolean;
}

export interface EvaluateOptions {
  /**
   * Judge the status alone, as waiting for readiness does: a service still warming up is slow, and a wrong
   * body or header is a finding for the measured rounds, not a reason to keep waiting.
   */
  statusOnly?: boolean;
}

/** Every expectation the response misses, one sentence each; empty when it meets them all. */
export function evaluate(
  expect: CheckExpectations,
  observed: Observed,
  options: EvaluateOptions = {},
): string[] {
  const failures: string[] = [];
  const { status } = observed;
  if (status >= 500 && !expectsServerError(status, expect.status)) {
    failures.push(`server error: status ${status}`);
  } else if (!statusMatches(status, expect.status)) {
    failures.push(`expected status ${formatStatusRanges(expect.status)}, got ${status}`);
  }
  if (options.statusOnly) return failures;
  if (observed.latencyMs > expect.maxLatencyMs) {
    failures.push(`took ${Math.round(observed.latencyMs)} ms, over the ${expect.maxLatencyMs} ms limit`);
  }
  if (observed.https && observed.certificate && expect.tlsMinDays > 0) {
    const { certificate } = observed;
    if (certificate.daysLeft < expect.tlsMinDays) {
      failures.push(
        `TLS certificate of ${certificate.host} expires in ${certificate.daysLeft} days (${certificate.validTo.slice(0, 10)}), under the ${expect.tlsMinDays}-day minimum`,
      );
    }
  }
  if (observed.truncated) {
    failures.push(
      `body larger than the ${formatBytes(observed.maxBodyBytes)} cap: read ${formatBytes(observed.bodyBytes)}, the rest discarded`,
    );
  } else {
    failures.push(...bodyFailures(expect, observed.body));
  }
  failures.push(...headerFailures(expect, observed.headers));
  return failures;
}

function bodyFailures(expect: CheckExpectations, raw: Buffer): string[] {
  const failures: string[] = [];
  const body = raw.toString('utf8');
  for (const text of expect.bodyContains) {
    if (!body.includes(text)) failures.push(`body does not contain ${quote(text)}`);
  }
  for (const text of expect.bodyNotContains) {
    if (body.includes(text)) failures.push(`body contains ${quote(text)}`);
  }
  for (const regex of expect.bodyRegex) {
    if (!regex.test(body)) failures.push(`body does not match /${regex.source}/`);
  }
  if (expect.json.length > 0) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      failures.push(`body is not JSON (${formatBytes(raw.length)}, starts ${quote(body.slice(0, 40))})`);
      return failures;
    }
    for (const { path, steps, value } of expect.json) {
      const found = lookupJsonPath(data, steps);
      if (!found.found) failures.push(`${path}: ${found.missing}, expected ${show(value)}`);
      else if (!jsonEquals(found.value, value)) {
        failures.push(`${path} is ${show(found.value)}, expected ${show(value)}`);
      }
    }
  }
  return failures;
}

function headerFailures(expect: CheckExpectations, headers: Record<string, string>): string[] {
  const failures: string[] = [];
  for (const { name, expectation } of expect.headers) {
    const value = headers[name];
    // A Set-Cookie or token header's value stays out of messages, as it may be a credential.
    const shown = value === undefined || isSensitiveHeader(name) ? '' : ` (${quote(value)})`;
    switch (expectation.kind) {
      case 'present':
        if (value === undefined) failures.push(`header ${name} is missing`);
        break;
      case 'absent':
        if (value !== undefined) failures.push(`header ${name} is present${shown}, expected absent`);
        break;
      case 'contains':
        if (value === undefined)
          failures.push(`header ${name} is missing, expected ${quote(expectation.text)}`);
        else if (!value.includes(expectation.text)) {
          failures.push(`header ${name}${shown} does not contain ${quote(expectation.text)}`);
        }
        break;
      case 'regex':
        if (value === undefined) failures.push(`header ${name} is missing, expected ${expectation.source}`);
        else if (!expectation.regex.test(value)) {
          failures.push(`header ${name}${shown} does not match ${expectation.source}`);
        }
        break;
    }
  }
  return failures;
}

function quote(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(short);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

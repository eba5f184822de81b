// The client's pure rules: auth header, retry decisions and delays, error reasons.

import { parseRetryAfterMs } from '@shipgate/kit/timing';
import { describe, expect, it } from 'vitest';
import { authorizationHeader } from '../src/client';
import { reasonFromBody } from '../src/client/errors';
import { isRetryable, retryDelayMs } from '../src/client/retry';

describe('authorizationHeader', () => {
  it('puts macaroons under one FlyV1 and everything else under Bearer', () => {
    expect(authorizationHeader('fm1r_a,fm1a_b')).toBe('FlyV1 fm1r_a,fm1a_b');
    expect(authorizationHeader('FlyV1   fm2_a')).toBe('FlyV1 fm2_a');
    expect(authorizationHeader('bearer fo1_x')).toBe('Bearer fo1_x');
    expect(() => authorizationHeader('')).toThrow();
  });
});

describe('isRetryable', () => {
  const get = { method: 'GET', safety: 'idempotent' as const };
  const update = { method: 'POST', safety: 'idempotent' as const };
  const create = { method: 'POST', safety: 'once' as const };
  it.each([
    ['429 on anything', { status: 429 }, [true, true, true]],
    ['408 only on GET', { status: 408 }, [true, false, false]],
    ['5xx only when idempotent', { status: 503 }, [true, true, false]],
    ['reset only when idempotent', { status: 0, failure: 'reset' as const }, [true, true, false]],
    ['timeout only when idempotent', { status: 0, failure: 'timeout' as const }, [true, true, false]],
    ['refused on anything: nothing was sent', { status: 0, failure: 'refused' as const }, [true, true, true]],
    ['dns never', { status: 0, failure: 'dns' as const }, [false, false, false]],
    ['409 never', { status: 409 }, [false, false, false]],
    ['404 never', { status: 404 }, [false, false, false]],
  ])('%s', (_name, outcome, expected) => {
    expect([get, update, create].map((call) => isRetryable(outcome, call))).toEqual(expected);
  });
});

describe('retry delays', () => {
  const options = { attempts: 5, baseDelayMs: 250, maxDelayMs: 10_000 };
  const now = Date.parse('2024-03-11T10:00:00Z');

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfterMs('2', now)).toBe(2000);
    expect(parseRetryAfterMs('0.5', now)).toBe(500);
    expect(parseRetryAfterMs('Mon, 11 Mar 2024 10:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfterMs('Mon, 11 Mar 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });

  it('follows Retry-After up to maxDelayMs', () => {
    expect(retryDelayMs(1, options, '3', now)).toBe(3000);
    expect(retryDelayMs(1, options, '120', now)).toBe(10_000);
  });

  it('backs off exponentially with jitter without it', () => {
    expect(retryDelayMs(1, options, undefined, now, () => 0)).toBe(125);
    expect(retryDelayMs(1, options, undefined, now, () => 1)).toBe(250);
    expect(retryDelayMs(3, options, undefined, now, () => 1)).toBe(1000);
    expect(retryDelayMs(10, options, undefined, now, () => 1)).toBe(10_000);
  });
});

describe('reasonFromBody', () => {
  it('prefers message, then error, then the raw text, trimmed and capped', () => {
    expect(reasonFromBody('{"error":"e","message":"m","status":"name_taken"}')).toEqual({
      reason: 'm',
      code: 'name_taken',
    });
    expect(reasonFromBody('{"error":"e"}')).toEqual({ reason: 'e' });
    expect(reasonFromBody('{"details":{}}')).toEqual({ reason: '{"details":{}}' });
    expect(reasonFromBody('  <html>\n  Bad Gateway\n</html>\n')).toEqual({
      reason: '<html> Bad Gateway </html>',
    });
    expect(reasonFromBody('')).toEqual({ reason: 'no error text in the answer' });
    const long = reasonFromBody('x'.repeat(2000)).reason;
    expect(long).toHaveLength(501);
    expect(long.endsWith('…')).toBe(true);
  });
});

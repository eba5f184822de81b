import { describe, expect, it } from 'vitest';
import { runAttempt } from '../src/index';
import { oneCheck } from './helpers';
import { startServer } from './servers';

const cap = 1024 * 1024;

async function shop() {
  return startServer((request, response) => {
    switch (request.url) {
      case '/healthz':
        response.writeHead(200, { 'content-type': 'application/json', 'x-powered-by': 'remix' });
        response.end(JSON.stringify({ status: 'ok', checks: [{ name: 'db', ok: true }], 'build id': 'abc' }));
        return;
      case '/':
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'max-age=60',
        });
        response.end('<html><title>Shop</title><button>Add to cart</button></html>');
        return;
      case '/moved':
        response.writeHead(302, { location: '/' });
        response.end();
        return;
      case '/maintenance':
        response.writeHead(503);
        response.end('down for maintenance');
        return;
      case '/missing':
        response.writeHead(404);
        response.end('not found');
        return;
      case '/slow':
        setTimeout(() => response.end('finally'), 300);
        return;
      default:
        response.writeHead(500);
        response.end('boom');
    }
  });
}

describe('expectations, against a real server', () => {
  it('passes a health endpoint that meets every kind of expectation', async () => {
    const server = await shop();
    const check = await oneCheck(
      `- path: /healthz
  expect:
    status: [200, 204]
    body-contains: ['"status"', ok]
    body-not-contains: error
    body-regex: '"checks":\\s*\\['
    json:
      $.status: ok
      $.checks[0].name: db
      '$["build id"]': abc
      $.checks[-1]: { name: db, ok: true }
    headers: { content-type: application/json, x-powered-by: /^rem/i, set-cookie: false, x-powered-BY: true }
`,
      server.url,
    );
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.failures).toEqual([]);
    expect(attempt).toMatchObject({ passed: true, status: 200 });
    expect(attempt.latencyMs).toBeGreaterThan(0);
  });

  it('names every expectation a response misses', async () => {
    const server = await shop();
    const check = await oneCheck(
      `- path: /healthz
  expect:
    status: 2xx
    body-contains: degraded
    body-not-contains: ok
    body-regex: '^<html'
    json:
      $.status: degraded
      $.checks[3]: null
      $.status.code: 1
    headers: { content-type: text/html, x-powered-by: false, etag: true, server: /nginx/ }
`,
      server.url,
    );
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.passed).toBe(false);
    expect(attempt.failures).toEqual([
      'body does not contain "degraded"',
      'body contains "ok"',
      'body does not match /^<html/',
      '$.status is "ok", expected "degraded"',
      '$.checks[3]: $.checks[3] does not exist, expected null',
      '$.status.code: $.status is not an object, expected 1',
      'header content-type ("application/json") does not contain "text/html"',
      'header x-powered-by is present ("remix"), expected absent',
      'header etag is missing',
      'header server is missing, expected /nginx/',
    ]);
  });

  it('says a body is not JSON when a JSON path is expected', async () => {
    const server = await shop();
    const check = await oneCheck('- path: /\n  expect: { json: { $.ok: true } }\n', server.url);
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.failures).toEqual([
      'body is not JSON (60 B, starts "<html><title>Shop</title><button>Add to ")',
    ]);
  });

  it('judges status by a list, a range and a class', async () => {
    const server = await shop();
    for (const [status, passed] of [
      ['404', true],
      ['[200, 404]', true],
      ['400-499', true],
      ['4xx', true],
      ['200-299', false],
    ] as const) {
      const check = await oneCheck(`- path: /missing\n  expect: { status: ${status} }\n`, server.url);
      const attempt = await runAttempt(check, { maxBodyBytes: cap });
      expect(attempt.passed, status).toBe(passed);
      if (!passed) expect(attempt.failures).toEqual(['expected status 2xx, got 404']);
    }
  });

  it('fails any 5xx by default, and a 5xx the check asks for passes', async () => {
    const server = await shop();
    const plain = await oneCheck('- path: /maintenance\n  expect: { status: 200-599 }\n', server.url);
    expect((await runAttempt(plain, { maxBodyBytes: cap })).failures).toEqual(['server error: status 503']);
    const onPurpose = await oneCheck(
      '- path: /maintenance\n  expect: { status: 503, body-contains: maintenance }\n',
      server.url,
    );
    expect((await runAttempt(onPurpose, { maxBodyBytes: cap })).passed).toBe(true);
  });

  it('uses the defaults: health endpoints 200, pages 2xx or 3xx', async () => {
    const server = await shop();
    const page = await oneCheck('- path: /moved\n  follow-redirects: false\n', server.url);
    expect(page.kind).toBe('page');
    expect(await runAttempt(page, { maxBodyBytes: cap })).toMatchObject({ passed: true, status: 302 });
    const health = await oneCheck('- path: /missing/healthz\n', server.url);
    expect(health.kind).toBe('health');
    expect((await runAttempt(health, { maxBodyBytes: cap })).failures).toEqual(['server error: status 500']);
  });

  it('fails a response slower than its maximum latency', async () => {
    const server = await shop();
    const check = await oneCheck('- path: /slow\n  max-latency-ms: 100\n', server.url);
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.failures).toHaveLength(1);
    expect(attempt.failures[0]).toMatch(/^took \d+ ms, over the 100 ms limit$/);
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(290);
    // Waiting for readiness judges the status alone.
    expect((await runAttempt(check, { maxBodyBytes: cap, statusOnly: true })).passed).toBe(true);
  });

  it('sends the method, headers, body and fly-force-instance-id the check asks for', async () => {
    const server = await shop();
    const check = await oneCheck(
      `- path: /healthz
  method: put
  headers: { X-Trace: abc, Authorization: 'Bearer \${SMOKE_TOKEN}' }
  json: { a: 1 }
  machine: 148e2d5c7d4189
`,
      server.url,
      { env: { SMOKE_TOKEN: 'tok-123' }, headers: { 'x-trace': 'from-input', 'x-team': 'shop' } },
    );
    await runAttempt(check, { maxBodyBytes: cap });
    const [received] = server.requests;
    expect(received).toMatchObject({ method: 'PUT', url: '/healthz', body: '{"a":1}' });
    expect(received?.headers).toMatchObject({
      'x-trace': 'abc',
      'x-team': 'shop',
      authorization: 'Bearer tok-123',
      'content-type': 'application/json',
      'fly-force-instance-id': '148e2d5c7d4189',
    });
  });
});

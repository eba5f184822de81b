import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type Attempt, runAttempt } from '../src/index';
import { oneCheck } from './helpers';
import { certificate, freePort, startServer } from './servers';

const cap = 1024 * 1024;

/** The attempt's single reason: a fault, or exactly one missed expectation. */
function reason(attempt: Attempt): string {
  expect(attempt.passed).toBe(false);
  if (attempt.fault) return attempt.fault.message;
  expect(attempt.failures).toHaveLength(1);
  return attempt.failures[0]!;
}

describe('faults: each one is a failed attempt with its reason, never a throw', () => {
  it('a name that does not resolve (an RFC 6761 .invalid name, answered without a query)', async () => {
    const check = await oneCheck('- url: https://shop-staging.invalid/healthz\n', 'http://unused.invalid');
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.fault).toEqual({
      kind: 'dns',
      message: 'DNS lookup failed for host shop-staging.invalid: ENOTFOUND',
    });
  });

  it('a refused connection', async () => {
    const port = await freePort();
    const check = await oneCheck('- path: /healthz\n', `http://127.0.0.1:${port}`);
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.fault).toEqual({
      kind: 'refused',
      message: `connection refused by 127.0.0.1:${port} (ECONNREFUSED)`,
    });
  });

  it('a TLS certificate nobody trusts', async () => {
    const server = await startServer((_request, response) => response.end('ok'), await certificate());
    const check = await oneCheck('- path: /\n', server.url);
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.fault?.kind).toBe('tls');
    expect(attempt.fault?.message).toMatch(
      new RegExp(
        `^TLS error with 127\\.0\\.0\\.1:${server.port}: self[- ]signed certificate \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)$`,
      ),
    );
    expect(server.requests).toEqual([]);
  });

  it('a trusted certificate (ca) passes, and one that expires too soon fails the days check', async () => {
    const pems = await certificate(5);
    const server = await startServer((_request, response) => response.end('ok'), pems);
    const url = `https://localhost:${server.port}`;
    const check = await oneCheck('- path: /\n  tls-min-days: 3\n', url);
    const ok = await runAttempt(check, { maxBodyBytes: cap, ca: [pems.cert] });
    expect(ok.passed, JSON.stringify(ok)).toBe(true);
    expect(ok.certificate).toMatchObject({ host: 'localhost', subject: 'localhost' });
    expect(ok.certificate?.daysLeft).toBeGreaterThanOrEqual(4.9);
    expect(ok.certificate?.daysLeft).toBeLessThanOrEqual(5);

    const strict = await oneCheck('- path: /\n  tls-min-days: 30\n', url);
    expect(reason(await runAttempt(strict, { maxBodyBytes: cap, ca: [pems.cert] }))).toMatch(
      /^TLS certificate of localhost expires in 4\.9 days \(\d{4}-\d\d-\d\d\), under the 30-day minimum$/,
    );
  });

  it('a certificate for another name', async () => {
    const pems = await certificate(90, ['shop.example']);
    const server = await startServer((_request, response) => response.end('ok'), pems);
    const attempt = await runAttempt(await oneCheck('- path: /\n', server.url), {
      maxBodyBytes: cap,
      ca: [pems.cert],
    });
    expect(attempt.fault?.kind).toBe('tls');
    expect(attempt.fault?.message).toMatch(
      /^TLS error with 127\.0\.0\.1:\d+: .*IP: 127\.0\.0\.1 is not in the cert's list.* \(ERR_TLS_CERT_ALTNAME_INVALID\)$/,
    );
  });

  it('a server that never answers: a timeout that names the phase', async () => {
    const server = await startServer(() => {});
    const check = await oneCheck('- path: /healthz\n  timeout-ms: 300\n', server.url);
    const started = performance.now();
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.fault).toEqual({
      kind: 'timeout',
      message: 'timed out after 300 ms waiting for the response headers',
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a body that drips slowly: the deadline covers the body too', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => response.write('.'), 50);
      response.on('close', () => clearInterval(drip));
    });
    const check = await oneCheck('- path: /\n  timeout-ms: 400\n', server.url);
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.fault?.kind).toBe('timeout');
    expect(attempt.fault?.message).toMatch(/^timed out after 400 ms reading the body \(\d+ B received\)$/);
  });

  it('a huge body: read up to the cap, the rest discarded and the connection closed', async () => {
    let closed = false;
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 1024 && response.write(chunk)) sent++;
        if (sent < 1024) response.once('drain', pump);
        else response.end();
      };
      response.on('close', () => {
        closed = true;
      });
      pump();
    });
    const check = await oneCheck('- path: /\n', server.url);
    const attempt = await runAttempt(check, { maxBodyBytes: 256 * 1024 });
    expect(reason(attempt)).toBe('body larger than the 256 KiB cap: read 256 KiB, the rest discarded');
    expect(attempt).toMatchObject({ status: 200, bodyBytes: 256 * 1024, truncated: true });
    await expect.poll(() => closed).toBe(true);
  });

  it('a connection the server drops', async () => {
    const server = await startServer((request) => (request.socket as Socket).destroy());
    const check = await oneCheck('- path: /\n', server.url);
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.fault?.kind).toBe('reset');
    expect(attempt.fault?.message).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1:${server.port} closed the connection while waiting for the response headers \\(`,
      ),
    );
  });

  it('a 5xx', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(502);
      response.end('bad gateway');
    });
    const attempt = await runAttempt(await oneCheck('- path: /\n', server.url), { maxBodyBytes: cap });
    expect(reason(attempt)).toBe('server error: status 502');
  });
});

describe('redirects', () => {
  async function redirecting() {
    return startServer((request, response) => {
      const hops: Record<string, string> = {
        '/a': '/b',
        '/b': '/c',
        '/c': '/a',
        '/1': '/2',
        '/2': '/3',
        '/3': '/done',
      };
      const next = hops[request.url ?? ''];
      if (next) {
        response.writeHead(302, { location: next });
        response.end();
      } else if (request.url === '/form') {
        response.writeHead(303, { location: '/done' });
        response.end();
      } else if (request.url === '/away') {
        response.writeHead(307, { location: request.headers['x-target'] as string });
        response.end();
      } else {
        response.end(`done ${request.method}`);
      }
    });
  }

  it('names a redirect loop', async () => {
    const server = await redirecting();
    const attempt = await runAttempt(await oneCheck('- path: /a\n', server.url), { maxBodyBytes: cap });
    expect(attempt.fault).toEqual({ kind: 'redirect-loop', message: 'redirect loop: /a → /b → /c → /a' });
    expect(attempt.redirects.map((r) => r.status)).toEqual([302, 302, 302]);
  });

  it('stops after max-redirects', async () => {
    const server = await redirecting();
    const check = await oneCheck('- path: /1\n  max-redirects: 2\n', server.url);
    const attempt = await runAttempt(check, { maxBodyBytes: cap });
    expect(attempt.fault).toEqual({
      kind: 'too-many-redirects',
      message: 'more than 2 redirects: /1 → /2 → /3 → /done',
    });
  });

  it('follows redirects to the final response, a 303 as a GET', async () => {
    const server = await redirecting();
    const chain = await runAttempt(
      await oneCheck('- path: /1\n  expect: { body-contains: done GET }\n', server.url),
      {
        maxBodyBytes: cap,
      },
    );
    expect(chain).toMatchObject({ passed: true, status: 200 });
    expect(chain.redirects).toHaveLength(3);
    const form = await runAttempt(
      await oneCheck('- path: /form\n  body: q=1\n  expect: { body-contains: done GET }\n', server.url),
      { maxBodyBytes: cap },
    );
    expect(form.passed).toBe(true);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', url: '/done', body: '' });
  });

  it('does not follow when asked not to: the redirect itself is judged', async () => {
    const server = await redirecting();
    const check = await oneCheck(
      '- path: /a\n  follow-redirects: false\n  expect: { status: 302 }\n',
      server.url,
    );
    expect(await runAttempt(check, { maxBodyBytes: cap })).toMatchObject({ passed: true, status: 302 });
  });

  it('does not send credentials or the machine header to another origin', async () => {
    const other = await startServer((_request, response) => response.end('elsewhere'));
    const server = await redirecting();
    const check = await oneCheck(
      `- path: /away\n  headers: { x-target: '${other.url}/landing', authorization: Bearer s3cret }\n  machine: abc123\n`,
      server.url,
    );
    expect((await runAttempt(check, { maxBodyBytes: cap })).passed).toBe(true);
    expect(server.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer s3cret',
      'fly-force-instance-id': 'abc123',
    });
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(other.requests[0]?.headers['fly-force-instance-id']).toBeUndefined();
    expect(other.requests[0]?.headers['x-target']).toBe(`${other.url}/landing`);
  });
});

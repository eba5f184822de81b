import { createRecordingLogger } from '@shipgate/kit';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runProbe, toJUnit, waitForReady } from '../src/index';
import { checksFrom, oneCheck } from './helpers';
import { freePort, startServer } from './servers';

const cap = 1024 * 1024;

describe('waiting for readiness', () => {
  it('polls with backoff until a service that is still starting answers 200', async () => {
    const startsAt = Date.now() + 600;
    const server = await startServer((_request, response) => {
      response.writeHead(Date.now() < startsAt ? 503 : 200);
      response.end();
    });
    const check = await oneCheck('- path: /healthz\n', server.url);
    const logger = createRecordingLogger();
    const result = await waitForReady(check, {
      timeoutMs: 10_000,
      maxBodyBytes: cap,
      logger,
      initialDelayMs: 50,
    });
    expect(result).toMatchObject({ ready: true, check: 'GET /healthz' });
    expect(result.polls).toBeGreaterThan(2);
    expect(result.ms).toBeGreaterThanOrEqual(550);
    expect(logger.entries[0]?.message).toMatch(
      /^not ready yet \(poll 1\): server error: status 503; next poll in \d+ ms$/,
    );
    // Backoff: each pause at least half of the doubled base, so 50, 100, 200, … grows.
    expect(result.polls).toBeLessThan(12);
  });

  it('judges the status alone: a wrong body is for the measured rounds, not a reason to wait', async () => {
    const server = await startServer((_request, response) => response.end('hello'));
    const check = await oneCheck('- path: /\n  expect: { body-contains: goodbye }\n', server.url);
    const result = await waitForReady(check, {
      timeoutMs: 5000,
      maxBodyBytes: cap,
      logger: createRecordingLogger(),
    });
    expect(result).toMatchObject({ ready: true, polls: 1 });
  });

  it('gives up at the deadline with the last reason', async () => {
    const port = await freePort();
    const check = await oneCheck('- path: /healthz\n', `http://127.0.0.1:${port}`);
    const started = performance.now();
    const result = await waitForReady(check, {
      timeoutMs: 500,
      maxBodyBytes: cap,
      logger: createRecordingLogger(),
      initialDelayMs: 50,
      random: () => 0,
    });
    expect(result).toMatchObject({
      ready: false,
      reason: `connection refused by 127.0.0.1:${port} (ECONNREFUSED)`,
    });
    const took = performance.now() - started;
    // It stops once less than 100 ms is left: a shorter poll could only time out.
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(1500);
    // With no jitter the pauses are 25, 50, 100, 200 ms: polls at about 0, 25, 75, 175, 375 ms (a fixed
    // 25 ms pause would have polled some twenty times).
    expect(result.polls).toBeGreaterThanOrEqual(4);
    expect(result.polls).toBeLessThanOrEqual(5);
  });
});

describe('a run', () => {
  it('repeats each check, reports latency, and stops repeating after a network fault', async () => {
    const server = await startServer((request, response) => {
      if (request.url === '/flaky') {
        const count = server.requests.filter((r) => r.url === '/flaky').length;
        response.writeHead(count === 2 ? 500 : 200);
      }
      response.end('ok');
    });
    const port = await freePort();
    const checks = await checksFrom(
      `- path: /healthz\n- path: /flaky\n- url: http://127.0.0.1:${port}/\n  name: down\n`,
      server.url,
    );
    const report = await runProbe({
      checks,
      repeat: 3,
      ready: { check: checks[0]!, timeoutMs: 5000 },
      maxBodyBytes: cap,
      logger: createRecordingLogger(),
    });
    expect(report.counts).toEqual({ checks: 3, passed: 1, failed: 2 });
    expect(report.passed).toBe(false);
    expect(report.ready).toMatchObject({ ready: true, polls: 1 });
    const [health, flaky, down] = report.checks;
    expect(health).toMatchObject({ passed: true, statuses: [200, 200, 200], attemptsFailed: 0 });
    expect(health?.latency?.count).toBe(3);
    expect(flaky).toMatchObject({
      passed: false,
      statuses: [200, 500, 200],
      reason: 'server error: status 500 (1 of 3 attempts failed)',
    });
    expect(down).toMatchObject({
      passed: false,
      attempts: [{ fault: { kind: 'refused' } }],
      stoppedEarly: 'not repeated after a refused fault',
      reason: `connection refused by 127.0.0.1:${port} (ECONNREFUSED)`,
    });
    expect(down?.latency).toBeUndefined();
    expect(report.latency?.count).toBe(6);
    expect(report.latency?.p95).toBe(report.latency?.max);
  });

  it('keeps header values and secrets out of the report and the JUnit file', async () => {
    const server = await startServer((request, response) => {
      // An echo: the worst case, a server that reflects the token in its body.
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ got: request.headers.authorization }));
    });
    const checks = await checksFrom(
      "- path: /api\n  expect: { json: { $.got: nope } }\n  headers: { Authorization: 'Bearer $" +
        "{TOKEN}' }\n",
      server.url,
      { env: { TOKEN: 'sk_live_abcdef123456' } },
    );
    const report = await runProbe({
      checks,
      repeat: 1,
      maxBodyBytes: cap,
      logger: createRecordingLogger(),
      secrets: ['sk_live_abcdef123456'],
    });
    const text = JSON.stringify(report) + toJUnit(report);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk_live_abcdef123456');
    expect(text).not.toContain('sk_live_abcdef123456');
    expect(report.checks[0]?.headerNames).toEqual(['authorization']);
    expect(report.checks[0]?.reason).toContain('$.got is "Bearer ***"');
  });
});

describe('JUnit XML', () => {
  it('is well-formed, one test case per check, a failure with its reason', async () => {
    const server = await startServer((request, response) => {
      response.writeHead(request.url === '/healthz' ? 200 : 404);
      response.end('<&>"\u0001');
    });
    const checks = await checksFrom(
      '- path: /healthz\n- path: /missing\n  name: \'missing <page> & "quotes"\'\n',
      server.url,
    );
    const report = await runProbe({ checks, repeat: 2, maxBodyBytes: cap, logger: createRecordingLogger() });
    const xml = toJUnit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect(parsed.testsuites).toMatchObject({ name: 'smoke-test', tests: '2', failures: '1' });
    expect(suite).toMatchObject({ tests: '2', failures: '1', errors: '0' });
    expect(suite.testcase).toHaveLength(2);
    expect(suite.testcase[0]).toMatchObject({ name: 'GET /healthz', classname: 'smoke-test' });
    expect(suite.testcase[0].failure).toBeUndefined();
    expect(suite.testcase[1].name).toBe('missing <page> & "quotes"');
    expect(suite.testcase[1].failure).toMatchObject({
      type: 'expectation',
      message: 'expected status 2xx or 3xx, got 404 (2 of 2 attempts failed)'.replace(
        '2xx or 3xx',
        '200-399',
      ),
    });
    const properties = Object.fromEntries(
      suite.properties.property.map((p: { name: string; value: string }) => [p.name, p.value]),
    );
    expect(properties).toMatchObject({ repeat: '2', 'latency.p95.ms': String(report.latency?.p95) });
  });
});

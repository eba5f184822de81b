import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNode, runStep, tempDir } from './harness/index';

const repoRoot = join(import.meta.dirname, '..');
const token = 'sg_test_7f3c9a1e5b2d4680';

interface ReportJson {
  passed: boolean;
  counts: { checks: number; passed: number; failed: number };
  ready?: { ready: boolean; ms: number; polls: number };
  checks: Array<{
    name: string;
    passed: boolean;
    reason?: string;
    headerNames: string[];
    statuses: number[];
  }>;
}

const servers: Server[] = [];

/** Everything a step leaves: its log (but the add-mask commands), summary, outputs, JSON report and JUnit. */
function emitted(step: Awaited<ReturnType<typeof runStep>>): string {
  return [
    step.stdout.replace(/::add-mask::.*\n/g, ''),
    step.stderr,
    step.summary,
    JSON.stringify(step.outputs),
    readFileSync(step.outputs['report-file'] as string, 'utf8'),
    readFileSync(step.outputs['junit-file'] as string, 'utf8'),
  ].join('\n');
}

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** The shop as it looks right after a deploy: health, pages, and every way a deploy goes wrong. */
const shop: RequestListener = (request, response) => {
  const url = request.url ?? '/';
  if (url === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok', machine: request.headers['fly-force-instance-id'] ?? null }));
  } else if (url === '/') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<title>Shop</title><button>Add to cart</button>');
  } else if (url === '/echo') {
    // Reflects the Authorization header, the worst case for a token.
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ authorization: request.headers.authorization ?? null }));
  } else if (url === '/broken') {
    response.writeHead(500);
    response.end('Application Error');
  } else if (url === '/hang') {
    // Never answers.
  } else if (url === '/drip') {
    response.writeHead(200);
    const drip = setInterval(() => response.write('.'), 50);
    response.on('close', () => clearInterval(drip));
  } else if (url === '/huge') {
    response.writeHead(200);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < 64 && response.write(chunk)) sent++;
      if (sent < 64) response.once('drain', pump);
      else response.end();
    };
    pump();
  } else if (url === '/loop/a' || url === '/loop/b') {
    response.writeHead(302, { location: url === '/loop/a' ? '/loop/b' : '/loop/a' });
    response.end();
  } else if (url === '/reset') {
    (request.socket as Socket).destroy();
  } else {
    response.writeHead(404);
    response.end('not found');
  }
};

let http: string;
let https: string;
let httpsPort: number;
let pem: string;
let freePort: number;

beforeAll(async () => {
  http = await listen(createHttpServer(shop));
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 60_000),
    notAfterDate: new Date(Date.now() + 90 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  pem = pems.cert;
  const secure = createHttpsServer({ key: pems.private, cert: pems.cert }, shop);
  servers.push(secure);
  await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
  httpsPort = (secure.address() as AddressInfo).port;
  https = `https://127.0.0.1:${httpsPort}`;
  const closed = createHttpServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  freePort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const passingChecks = `
- name: health
  path: /healthz
  machine: 3d8d9e0f1a2b3c
  expect:
    json: { $.status: ok, $.machine: 3d8d9e0f1a2b3c }
- path: /
  expect: { body-contains: Add to cart, headers: { content-type: text/html } }
`;

describe('smoke-test, bundled, run as the runner runs it', () => {
  it.each([
    ["Node 24 (the runner's node24)", defaultNode()],
    [`this machine's Node ${process.version}`, process.execPath],
  ])('passes a healthy deploy on %s, with outputs, summary, JSON and JUnit', async (_name, node) => {
    const step = await runStep('smoke-test', {
      node,
      inputs: { 'base-url': http, checks: passingChecks, paths: '/products/../healthz', repeat: '4' },
    });
    expect(step.exitCode, step.log).toBe(0);
    expect(step.outputs).toMatchObject({ passed: '3', failed: '0' });
    expect(Number(step.outputs['p95-ms'])).toBeGreaterThan(0);
    expect(Number(step.outputs['ready-ms'])).toBeGreaterThanOrEqual(0);
    expect(step.annotations).toEqual([]);

    const report = JSON.parse(readFileSync(step.outputs['report-file'] as string, 'utf8')) as ReportJson;
    expect(JSON.parse(step.outputs.report as string)).toEqual(report);
    expect(report.counts).toEqual({ checks: 3, passed: 3, failed: 0 });
    expect(report.ready).toMatchObject({ ready: true, polls: 1 });
    expect(report.checks.map((c) => [c.name, c.statuses])).toEqual([
      ['health', [200, 200, 200, 200]],
      ['GET /', [200, 200, 200, 200]],
      ['GET /products/../healthz', [200, 200, 200, 200]],
    ]);

    expect(step.summary).toContain('## ✅ smoke-test: all 3 checks passed');
    expect(step.summary).toMatch(
      /Ready after \d+ ms \(1 poll of health\)\. 4 rounds per check\. Latency over 12 responses: p50/,
    );
    expect(step.summary).toContain(`| ✅ | health | GET ${http}/healthz (machine 3d8d9e0f1a2b3c) | 200 |`);

    const junit = readFileSync(step.outputs['junit-file'] as string, 'utf8');
    expect(XMLValidator.validate(junit)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junit).testsuites
      .testsuite;
    expect(suite).toMatchObject({ tests: '3', failures: '0' });
  });

  describe('when every way a deploy goes wrong is checked', () => {
    let step: Awaited<ReturnType<typeof runStep>>;
    let report: ReportJson;
    const faults = (): Array<[string, RegExp]> => [
      ['dns', /^DNS lookup failed for host shop-staging\.invalid: ENOTFOUND$/],
      ['refused', new RegExp(`^connection refused by 127\\.0\\.0\\.1:${freePort} \\(ECONNREFUSED\\)$`)],
      [
        'tls',
        /^TLS error with 127\.0\.0\.1:\d+: self[- ]signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/,
      ],
      ['timeout', /^timed out after 500 ms waiting for the response headers$/],
      ['drip', /^timed out after 500 ms reading the body \(\d+ B received\)$/],
      [
        'huge',
        /^body larger than the 64 KiB cap: read 64 KiB, the rest discarded \(2 of 2 attempts failed\)$/,
      ],
      ['loop', /^redirect loop: \/loop\/a → \/loop\/b → \/loop\/a \(2 of 2 attempts failed\)$/],
      ['server error', /^server error: status 500 \(2 of 2 attempts failed\)$/],
      ['reset', /closed the connection while waiting for the response headers \(/],
    ];

    beforeAll(async () => {
      const checks = `
- { name: dns, url: 'https://shop-staging.invalid/healthz' }
- { name: refused, url: 'http://127.0.0.1:${freePort}/healthz' }
- { name: tls, url: '${https}/healthz' }
- { name: timeout, path: /hang, timeout-ms: 500 }
- { name: drip, path: /drip, timeout-ms: 500 }
- { name: huge, path: /huge }
- { name: loop, path: /loop/a }
- { name: server error, path: /broken, expect: { status: 200-599 } }
- { name: reset, path: /reset }
- { name: fine, path: /healthz }
`;
      step = await runStep('smoke-test', {
        inputs: {
          'base-url': http,
          checks,
          repeat: '2',
          'ready-timeout': '0',
          'max-body-bytes': '65536',
        },
      });
      report = JSON.parse(readFileSync(step.outputs['report-file'] as string, 'utf8'));
    });

    it('fails the step with one line, after writing every output', () => {
      expect(step.exitCode, step.log).toBe(1);
      expect(step.outputs).toMatchObject({ passed: '1', failed: '9' });
      const last = step.annotations.at(-1);
      expect(last?.title).toBeUndefined();
      expect(last?.message).toBe(
        'smoke-test: 9 of 10 checks failed: dns, refused, tls, timeout, drip, huge, loop, server error, reset',
      );
      expect(step.log).not.toMatch(/\n\s+at /);
    });

    it('gives each fault one failed check with its reason, and one error annotation', () => {
      for (const [name, reason] of faults()) {
        const check = report.checks.find((c) => c.name === name);
        expect(check?.passed, name).toBe(false);
        expect(check?.reason, `${name}: ${check?.reason}`).toMatch(reason);
        const annotation = step.annotations.find((a) => a.title === `smoke-test: ${name}`);
        expect(annotation?.level, name).toBe('error');
        expect(annotation?.message, name).toContain(check?.reason as string);
      }
      expect(report.checks.find((c) => c.name === 'fine')?.passed).toBe(true);
    });

    it('writes a JUnit failure per failed check and a summary row per check', () => {
      const junit = readFileSync(step.outputs['junit-file'] as string, 'utf8');
      expect(XMLValidator.validate(junit)).toBe(true);
      const cases = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junit)
        .testsuites.testsuite.testcase as Array<{
        name: string;
        failure?: { type: string; message: string };
      }>;
      expect(cases.filter((c) => c.failure).map((c) => [c.name, c.failure?.type])).toEqual([
        ['dns', 'dns'],
        ['refused', 'refused'],
        ['tls', 'tls'],
        ['timeout', 'timeout'],
        ['drip', 'timeout'],
        ['huge', 'expectation'],
        ['loop', 'redirect-loop'],
        ['server error', 'expectation'],
        ['reset', 'reset'],
      ]);
      expect(step.summary).toContain('## ❌ smoke-test: 9 of 10 checks failed');
      expect(step.summary).toContain(
        '| ❌ | dns | GET https://shop-staging.invalid/healthz | — | — | — | — |',
      );
      expect(step.summary).toContain('(not repeated after a dns fault)');
    });
  });

  it('waits for a deploy that is still starting, then measures', async () => {
    // Starting by count, not by clock: the first three polls find it still starting, however slow the machine.
    let requests = 0;
    const starting = createHttpServer((_request, response) => {
      requests += 1;
      response.writeHead(requests <= 3 ? 503 : 200);
      response.end('ok');
    });
    const url = await listen(starting);
    const step = await runStep('smoke-test', {
      inputs: { 'base-url': url, paths: '/up', 'ready-timeout': '30' },
    });
    expect(step.exitCode, step.log).toBe(0);
    expect(Number(step.outputs['ready-ms'])).toBeGreaterThan(0);
    expect(step.log).toMatch(/not ready yet \(poll 3\): server error: status 503/);
    expect(step.summary).toMatch(/Ready after (\d+ ms|\d+\.\d+ s) \(4 polls of GET \/up\)/);
  });

  it('trusts a certificate from ca-file, and fails one that expires sooner than tls-min-days', async () => {
    const workspace = tempDir('workspace');
    writeFileSync(join(workspace, 'ca.pem'), pem);
    const inputs = { 'base-url': `https://localhost:${httpsPort}`, paths: '/healthz', 'ca-file': 'ca.pem' };
    const trusted = await runStep('smoke-test', { workspace, inputs });
    expect(trusted.exitCode, trusted.log).toBe(0);
    const strict = await runStep('smoke-test', { workspace, inputs: { ...inputs, 'tls-min-days': '365' } });
    expect(strict.exitCode).toBe(1);
    expect(strict.annotations[0]?.message).toMatch(
      /TLS certificate of localhost expires in 89\.\d days \(\d{4}-\d\d-\d\d\), under the 365-day minimum/,
    );
  });

  it('never lets a header token out: log, summary, outputs, JSON report, JUnit', async () => {
    const checks = `
- path: /echo
  expect: { json: { $.authorization: nobody } }
- path: /healthz
  headers: { X-Api-Key: 'key-\${SMOKE_KEY}' }
`;
    const step = await runStep('smoke-test', {
      inputs: {
        'base-url': http,
        headers: `Authorization: Bearer ${token}\nX-Team: shop`,
        'header-env': 'SMOKE_KEY',
        checks,
        repeat: '1',
      },
      env: { SMOKE_KEY: `${token}-2` },
    });
    expect(step.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(step.outputs['report-file'] as string, 'utf8')) as ReportJson;
    expect(report.checks[0]?.reason).toBe('$.authorization is "***", expected "nobody"');
    expect(report.checks[0]?.headerNames).toEqual(['authorization', 'x-team']);
    const everything = emitted(step);
    for (const secret of [token, `key-${token}-2`]) {
      for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) {
        expect(everything).not.toContain(form);
      }
    }
  });

  const credentialAdvice =
    "carries a user or password; pass credentials as a header instead (Authorization in input 'headers', sent to base-url's origin and those listed in 'header-origins')";

  it.each([
    [
      { 'base-url': 'shop.fly.dev' },
      "smoke-test: Input 'base-url' must be an absolute http:// or https:// URL; got 'shop.fly.dev'.",
    ],
    [
      { 'base-url': 'http://x.invalid', repeat: '0' },
      "smoke-test: Input 'repeat' must be a whole number from 1 to 100; got '0'.",
    ],
    [
      { 'base-url': 'http://x.invalid', checks: '- path: /x\n  expect:\n    status: ok\n' },
      "smoke-test: Input 'checks':3:13: [0].expect.status[0]: 'ok' is not a status: write a code (200), a range (200-299) or a class (2xx)",
    ],
    [
      { 'checks-file': 'missing.yml' },
      "smoke-test: Input 'checks-file' must be a file to read, relative to the workspace; got 'missing.yml', which does not exist.",
    ],
    [
      { 'base-url': 'http://x.invalid', checks: '- url: http://user:hunter2@x.invalid/\n' },
      `smoke-test: Input 'checks', check 1: http://***@x.invalid/ ${credentialAdvice}`,
    ],
    [
      { 'base-url': 'http://x.invalid', paths: 'http://hunter2@x.invalid/healthz' },
      `smoke-test: Input 'paths': http://***@x.invalid/healthz ${credentialAdvice}`,
    ],
    [
      { 'base-url': 'http://x.invalid', 'ready-path': 'http://user:hunter2@x.invalid/up' },
      `smoke-test: Input 'ready-path': http://***@x.invalid/up ${credentialAdvice}`,
    ],
    [
      { 'base-url': 'http://x.invalid', 'header-origins': 'https://api.example.com/v1' },
      "smoke-test: Input 'header-origins' must list origins, scheme://host[:port] with no path, user or password (e.g. https://api.example.com); got 'https://api.example.com/v1'.",
    ],
    [
      { 'base-url': 'http://x.invalid', 'header-env': 'SMOKE_KEY, GITHUB_TOKEN' },
      "smoke-test: Input 'header-env' may not list GITHUB_TOKEN: the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*) never go into a header.",
    ],
    [
      {},
      "smoke-test: nothing to check: set input 'base-url' (and 'paths', 'checks' or 'checks-file'), or give checks with full URLs",
    ],
  ])('fails a bad run with one clear line: %j', async (inputs, line) => {
    const step = await runStep('smoke-test', { inputs });
    expect(step.exitCode).toBe(1);
    expect(step.annotations.map((a) => a.message)).toEqual([line]);
  });

  describe('where secrets go: a checks file pointed at another origin', () => {
    const appToken = 'sg_probe_authz_5c1e9b7d2a';
    const apiKey = 'sg_probe_apikey_3a8f2e6c4b';
    const probeMarker = 'sg_probe_marker_91d4b0aa7e';
    const runtimeToken = 'sg_actions_runtime_77e2c4f1d0';
    const shopSecret = 'sg_shop_secret_4b9d1e30c8';
    /** Input 'headers': a token, an API key, and a header no name rule would call secret. */
    const inputHeaders = { authorization: `Bearer ${appToken}`, 'x-api-key': apiKey, 'x-probe': probeMarker };
    const env = { ACTIONS_RUNTIME_TOKEN: runtimeToken, SHOP_SECRET: shopSecret };
    // The checks file's own syntax for a variable, not a template literal's.
    const variable = (name: string) => `$${'{'}${name}}`;
    const secrets = [appToken, `Bearer ${appToken}`, apiKey, probeMarker, runtimeToken, shopSecret];
    /** The forms a value travels in: raw, base64 (also of a longer text it starts), base64url, URL-encoded. */
    const forms = (secret: string) => [
      secret,
      Buffer.from(secret).toString('base64').replace(/=+$/, ''),
      Buffer.from(secret).toString('base64url'),
      encodeURIComponent(secret),
    ];

    interface Request {
      url: string;
      headers: Record<string, string>;
      /** Every header value as sent, repeated headers included. */
      values: string[];
    }
    /** A listener that answers `route` and records every request, header values raw. */
    async function recording(route: (url: string) => [number, Record<string, string>?]) {
      const requests: Request[] = [];
      const url = await listen(
        createHttpServer((request, response) => {
          requests.push({
            url: request.url ?? '',
            headers: request.headers as Record<string, string>,
            values: request.rawHeaders.filter((_value, index) => index % 2 === 1),
          });
          const [status, responseHeaders] = route(request.url ?? '');
          response.writeHead(status, responseHeaders);
          response.end();
        }),
      );
      return { url, requests };
    }

    /** The app, a listener on another origin, and smoke-test run with a checks file that may point there. */
    async function scene(
      checksYaml: (other: string) => string,
      inputs: (other: string) => Record<string, string>,
    ) {
      const other = await recording(() => [200]);
      const app = await recording((url) =>
        url === '/away' ? [302, { location: `${other.url}/landing` }] : [200],
      );
      const workspace = tempDir('workspace');
      writeFileSync(join(workspace, 'smoke.yml'), checksYaml(other.url));
      const headers = Object.entries(inputHeaders)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n');
      const step = await runStep('smoke-test', {
        workspace,
        env,
        inputs: {
          'base-url': app.url,
          'checks-file': 'smoke.yml',
          headers,
          repeat: '1',
          ...inputs(other.url),
        },
      });
      return { other, app, step };
    }

    const checksYaml = (other: string) => `
- name: app
  path: /healthz
  headers: { X-Shop: '${variable('SHOP_SECRET')}' }
- name: collect
  url: ${other}/collect
- name: redirected away
  path: /away
`;

    /** The forms of `values` found in the requests' URLs and header values. */
    function leaks(requests: Request[], values = secrets): string[] {
      const seen = requests.flatMap((request) => [request.url, ...request.values]).join('\n');
      return values.flatMap(forms).filter((form) => seen.includes(form));
    }

    it('sends no header value and no environment value to a check, a readiness poll or a redirect there', async () => {
      const { other, app, step } = await scene(checksYaml, (otherUrl) => ({
        'header-env': 'SHOP_SECRET',
        'ready-path': `${otherUrl}/ready`,
      }));
      expect(step.exitCode, step.log).toBe(0);
      expect(other.requests.map((request) => request.url)).toEqual(['/ready', '/collect', '/landing']);
      expect(leaks(other.requests)).toEqual([]);
      // The app's own origin got them all, so the listener above would have seen them had they gone there.
      expect(app.requests.map((request) => request.url)).toEqual(['/healthz', '/away']);
      for (const request of app.requests) expect(request.headers).toMatchObject(inputHeaders);
      expect(app.requests[0]?.headers['x-shop']).toBe(shopSecret);
      expect(step.log).toContain(
        `Input 'headers' is not sent to ${other.url}: only to base-url's origin and those listed in input 'header-origins'.`,
      );
    });

    it('sends them to another origin listed in header-origins, and still no runner variable', async () => {
      const { other, step } = await scene(checksYaml, (otherUrl) => ({
        'header-env': 'SHOP_SECRET',
        'header-origins': otherUrl,
      }));
      expect(step.exitCode, step.log).toBe(0);
      expect(other.requests.find((request) => request.url === '/collect')?.headers).toMatchObject(
        inputHeaders,
      );
      expect(leaks(other.requests, [runtimeToken, shopSecret])).toEqual([]);
    });

    it.each([
      [
        'not listed',
        {},
        `smoke.yml (input 'checks-file'), check 2: header Authorization uses ${variable('ACTIONS_RUNTIME_TOKEN')}, one of the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*), which never go into a header`,
      ],
      [
        'listed in header-env',
        { 'header-env': 'SHOP_SECRET\nACTIONS_RUNTIME_TOKEN' },
        "Input 'header-env' may not list ACTIONS_RUNTIME_TOKEN: the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*) never go into a header.",
      ],
    ])(
      'refuses ACTIONS_RUNTIME_TOKEN in a checks file (%s) before sending anything',
      async (_case, inputs, line) => {
        const { other, app, step } = await scene(
          (otherUrl) => `
- path: /healthz
- url: ${otherUrl}/collect
  headers: { Authorization: 'Bearer ${variable('ACTIONS_RUNTIME_TOKEN')}' }
`,
          () => inputs,
        );
        expect(step.exitCode).toBe(1);
        expect(step.annotations.map((annotation) => annotation.message)).toEqual([`smoke-test: ${line}`]);
        expect(other.requests).toEqual([]);
        expect(app.requests).toEqual([]);
        expect(step.stdout + step.stderr).not.toContain(runtimeToken);
      },
    );

    it("prints a redirect's Location with its user and password as ***, everywhere", async () => {
      const app = await recording(() => [302, { location: 'http://user:hunter2@127.0.0.1:9/landing' }]);
      const step = await runStep('smoke-test', {
        inputs: {
          'base-url': app.url,
          checks:
            '- { path: /moved, follow-redirects: false, expect: { status: 302, headers: { location: nowhere } } }\n',
          'ready-timeout': '0',
          repeat: '1',
        },
      });
      expect(step.exitCode).toBe(1);
      const reason = 'header location ("http://***@127.0.0.1:9/landing") does not contain "nowhere"';
      expect(step.annotations[0]?.message).toBe(`GET ${app.url}/moved: ${reason}`);
      expect(emitted(step)).toContain('http://***@127.0.0.1:9/landing');
      expect(emitted(step)).not.toContain('hunter2');
    });
  });

  it('runs through the shipgate command line with the same bundle', async () => {
    const cwd = tempDir('cli');
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      [
        join(repoRoot, 'node_modules', '.bin', 'shipgate'),
        'smoke-test',
        '--base-url',
        http,
        '--checks',
        passingChecks,
        '--json',
      ],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd } },
    );
    const outputs = JSON.parse(stdout) as Record<string, string>;
    expect(outputs).toMatchObject({ passed: '2', failed: '0' });
    expect(readFileSync(outputs['junit-file'] as string, 'utf8')).toContain(
      '<testcase classname="smoke-test" name="health"',
    );

    const failing = await run(
      process.execPath,
      [
        join(repoRoot, 'node_modules', '.bin', 'shipgate'),
        'smoke-test',
        '--base-url',
        http,
        '--paths',
        '/broken',
        '--ready-timeout',
        '0',
        '--json',
      ],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd } },
    ).catch((thrown: { code: number; stdout: string }) => thrown);
    expect((failing as { code?: number }).code).toBe(1);
    expect(JSON.parse(failing.stdout)).toMatchObject({ passed: '0', failed: '1' });
  });
});

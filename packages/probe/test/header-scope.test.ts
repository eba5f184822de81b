import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordingLogger, InputError } from '@shipgate/kit';
import { describe, expect, it } from 'vitest';
import {
  type CheckDefaults,
  checksForPaths,
  headerEnvironment,
  loadChecks,
  parseHeaderOrigins,
  runAttempt,
  runProbe,
  toJUnit,
} from '../src/index';
import { defaults } from './helpers';
import { startServer } from './servers';

const cap = 1024 * 1024;

// The checks file's own `${NAME}` syntax, written without a template literal.
const use = (name: string) => `$${'{'}${name}}`;

function checksFile(text: string): { path: string; label: string } {
  const dir = mkdtempSync(join(tmpdir(), 'probe-scope-'));
  writeFileSync(join(dir, 'checks.yml'), text);
  return { path: join(dir, 'checks.yml'), label: 'checks.yml' };
}

const shared = { authorization: 'Bearer t0ken-from-input', 'x-team': 'team-from-input' };
const scoped: CheckDefaults = defaults({
  baseUrl: 'https://shop.fly.dev',
  headers: shared,
  headerOrigins: ['https://api.example.com'],
});

describe("the headers input goes only to base-url's origin and those in header-origins", () => {
  it.each([
    ['a path under base-url', '- path: /healthz\n', 'https://shop.fly.dev/healthz', true],
    ["a URL on base-url's origin", '- url: https://shop.fly.dev/other\n', 'https://shop.fly.dev/other', true],
    ['a listed origin', '- url: https://api.example.com/v1\n', 'https://api.example.com/v1', true],
    ['another host', '- url: https://collect.example/x\n', 'https://collect.example/x', false],
    ['another scheme', '- url: http://shop.fly.dev/x\n', 'http://shop.fly.dev/x', false],
    ['another port', '- url: https://shop.fly.dev:8443/x\n', 'https://shop.fly.dev:8443/x', false],
    [
      'a host that starts like a listed one',
      '- url: https://api.example.com.evil.example/\n',
      'https://api.example.com.evil.example/',
      false,
    ],
    [
      'a path that reads like a host',
      '- path: //collect.example/x\n',
      'https://shop.fly.dev//collect.example/x',
      true,
    ],
    [
      'a path with a backslash',
      '- path: /\\collect.example/x\n',
      'https://shop.fly.dev//collect.example/x',
      true,
    ],
  ])('%s', async (_case, yaml, url, sent) => {
    const [check] = await loadChecks({ paths: [], inline: yaml }, scoped);
    expect(check?.url).toBe(url);
    expect(check?.headers.authorization).toBe(sent ? shared.authorization : undefined);
    expect(check?.headers['x-team']).toBe(sent ? shared['x-team'] : undefined);
    expect(check?.secretHeaders.sort()).toEqual(sent ? ['authorization', 'x-team'] : []);
  });

  it("still sends a check's own headers to another origin", async () => {
    const [check] = await loadChecks(
      { paths: [], inline: '- url: https://cdn.example/logo.png\n  headers: { Accept: image/png }\n' },
      scoped,
    );
    expect(check?.headers).toEqual({ accept: 'image/png' });
  });

  it('applies to readiness polling and to paths given as URLs', () => {
    const [ready] = checksForPaths(['https://collect.example/ready'], scoped, "Input 'ready-path'");
    const [own] = checksForPaths(['/ready'], scoped, "Input 'ready-path'");
    expect(ready?.headers.authorization).toBeUndefined();
    expect(own?.headers.authorization).toBe(shared.authorization);
  });

  it('goes nowhere without base-url or header-origins', async () => {
    const [check] = await loadChecks(
      { paths: ['https://shop.fly.dev/'] },
      defaults({ headers: shared, headerOrigins: [] }),
    );
    expect(check?.headers).toEqual({});
  });

  it('is dropped, whatever its names, by a redirect to another origin', async () => {
    const other = await startServer((_request, response) => response.end('elsewhere'));
    const app = await startServer((_request, response) => {
      response.writeHead(302, { location: `${other.url}/landing` });
      response.end();
    });
    const [check] = await loadChecks(
      { paths: ['/away'] },
      defaults({ baseUrl: app.url, headers: shared, headerOrigins: [] }),
    );
    expect((await runAttempt(check!, { maxBodyBytes: cap })).passed).toBe(true);
    expect(app.requests[0]?.headers).toMatchObject(shared);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(other.requests[0]?.headers['x-team']).toBeUndefined();
  });
});

describe('a header reads only the environment variables listed in header-env', () => {
  const header = (value: string) => `- path: /x\n- path: /y\n  headers: { x-shop: '${value}' }\n`;
  const run = (value: string, env: Record<string, string | undefined>) =>
    loadChecks({ paths: [], file: checksFile(header(value)) }, { ...scoped, env });

  it('expands a listed variable, and treats the header as secret whatever its name', async () => {
    const checks = await run(`id-${use('SHOP_ID')}`, { SHOP_ID: '42' });
    expect(checks[1]?.headers['x-shop']).toBe('id-42');
    expect(checks[1]?.secretHeaders).toContain('x-shop');
  });

  it.each([
    [use('FOO'), { SHOP_ID: '42' }, "which is not listed in input 'header-env'"],
    [use('SHOP_ID'), { SHOP_ID: undefined }, 'which is not set in the environment'],
    [use('SHOP_ID'), { SHOP_ID: '' }, 'which is not set in the environment'],
    ...[
      'ACTIONS_RUNTIME_TOKEN',
      'actions_id_token_request_url',
      'GITHUB_TOKEN',
      'INPUT_HEADERS',
      'RUNNER_TEMP',
    ].map((name): [string, Record<string, string>, string] => [
      use(name),
      // Even when a caller hands the variable over, the runner's own never go into a header.
      { [name]: 'runner-secret' },
      "one of the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*), which never go into a header",
    ]),
  ])('refuses %s with one line naming the check', async (value, env, why) => {
    const name = value.slice(2, -1);
    await expect(run(value, env)).rejects.toMatchObject({
      name: 'CheckError',
      message: `checks.yml, check 2: header x-shop uses ${use(name)}, ${why}`,
    });
  });

  it('lets the GitHub variables that are not the token be listed', () => {
    expect(
      headerEnvironment(['SMOKE_TOKEN', 'GITHUB_SHA'], { SMOKE_TOKEN: 's', GITHUB_SHA: 'abc', OTHER: 'o' }),
    ).toEqual({ SMOKE_TOKEN: 's', GITHUB_SHA: 'abc' });
  });

  it.each([
    ['ACTIONS_RUNTIME_TOKEN', /may not list ACTIONS_RUNTIME_TOKEN: the runner's variables/],
    ['GITHUB_TOKEN', /may not list GITHUB_TOKEN/],
    ['INPUT_HEADERS', /may not list INPUT_HEADERS/],
    ['RUNNER_TEMP', /may not list RUNNER_TEMP/],
    ['runner_temp', /may not list runner_temp/],
    ['SMOKE-TOKEN', /must list environment variable names \(letters, digits, _\); got 'SMOKE-TOKEN'/],
  ])('refuses %s in the list, naming input header-env', (name, message) => {
    const thrown = (() => {
      try {
        headerEnvironment(['SMOKE_TOKEN', name], {});
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).input).toBe('header-env');
    expect((thrown as InputError).message).toMatch(/^Input 'header-env' /);
    expect((thrown as InputError).message).toMatch(message);
  });
});

describe('header-origins', () => {
  it.each([
    ['https://api.example.com', 'https://api.example.com'],
    ['HTTPS://API.Example.com:443/', 'https://api.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('reads %s as %s', (given, origin) => {
    expect(parseHeaderOrigins([given])).toEqual([origin]);
  });

  it.each([
    ['api.example.com', "got 'api.example.com'"],
    ['ftp://api.example.com', "got 'ftp://api.example.com'"],
    ['https://api.example.com/v1', "got 'https://api.example.com/v1'"],
    ['https://api.example.com?x=1', "got 'https://api.example.com?x=1'"],
    ['https://api.example.com#top', "got 'https://api.example.com#top'"],
    ['https://user:hunter2@api.example.com', 'got a user or password'],
    ['https://hunter2@api.example.com', 'got a user or password'],
  ])('refuses %s with one line naming the input', (given, got) => {
    let thrown: unknown;
    try {
      parseHeaderOrigins(['https://ok.example', given]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).input).toBe('header-origins');
    expect((thrown as InputError).message).toBe(
      `Input 'header-origins' must list origins, scheme://host[:port] with no path, user or password (e.g. https://api.example.com); ${got}.`,
    );
    expect((thrown as InputError).message).not.toContain('hunter2');
  });
});

describe('no credentials in URLs', () => {
  const how =
    "carries a user or password; pass credentials as a header instead (Authorization in input 'headers', sent to base-url's origin and those listed in 'header-origins')";

  it.each([
    [
      'a checks file',
      () =>
        loadChecks(
          { paths: [], file: checksFile('- path: /x\n- url: https://u:hunter2@shop.fly.dev/x\n') },
          scoped,
        ),
      `checks.yml, check 2: https://***@shop.fly.dev/x ${how}`,
    ],
    [
      'inline checks, a user alone',
      () => loadChecks({ paths: [], inline: '- url: https://hunter2@shop.fly.dev/x\n' }, scoped),
      `Input 'checks', check 1: https://***@shop.fly.dev/x ${how}`,
    ],
    [
      'paths',
      () => loadChecks({ paths: ['/ok', 'http://admin:hunter2@127.0.0.1:8080/'] }, scoped),
      `Input 'paths': http://***@127.0.0.1:8080/ ${how}`,
    ],
    [
      'ready-path',
      async () => checksForPaths(['https://:hunter2@shop.fly.dev/ready'], scoped, "Input 'ready-path'"),
      `Input 'ready-path': https://***@shop.fly.dev/ready ${how}`,
    ],
  ])('are refused in %s, without repeating them', async (_where, load, message) => {
    await expect(load()).rejects.toMatchObject({ name: 'CheckError', message });
  });
});

describe('what an answer carries is redacted in the report and the log', () => {
  it("removes a redirect Location's userinfo and every encoding of a secret", async () => {
    const token = 'sk_live/0123+4567=89ab cdef';
    const server = await startServer((request, response) => {
      if (request.url === '/echo') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ b64: Buffer.from(token).toString('base64'), url: encodeURIComponent(token) }),
        );
        return;
      }
      if (request.url === '/bad') {
        response.writeHead(302, { location: 'http://user:hunter2@[bad/' });
        response.end();
        return;
      }
      response.writeHead(302, { location: `http://user:hunter2@127.0.0.1:${server.port}/loop` });
      response.end();
    });
    const logger = createRecordingLogger();
    const checks = await loadChecks(
      {
        paths: [],
        inline: [
          '- { name: location, path: /moved, follow-redirects: false, expect: { status: 302, headers: { location: nowhere } } }',
          '- { name: loop, path: /loop }',
          '- { name: echo, path: /echo, expect: { json: { $.b64: x, $.url: y } } }',
        ].join('\n'),
      },
      defaults({ baseUrl: server.url }),
    );
    const [ready] = checksForPaths(['/bad'], defaults({ baseUrl: server.url }));
    const report = await runProbe({
      checks,
      repeat: 1,
      maxBodyBytes: cap,
      logger,
      secrets: [token],
      ready: { check: ready!, timeoutMs: 300 },
    });
    const emitted = JSON.stringify(report) + toJUnit(report) + JSON.stringify(logger.entries);
    expect(emitted).not.toContain('hunter2');
    expect(emitted).not.toContain(Buffer.from(token).toString('base64'));
    expect(emitted).not.toContain(encodeURIComponent(token));
    expect(report.checks[0]?.reason).toBe(
      `header location ("http://***@127.0.0.1:${server.port}/loop") does not contain "nowhere"`,
    );
    expect(report.checks[1]?.attempts[0]?.redirects[0]?.location).toBe(
      `http://***@127.0.0.1:${server.port}/loop`,
    );
    expect(report.checks[2]?.reason).toBe('$.b64 is "***", expected "x"; $.url is "***", expected "y"');
    expect(report.ready?.reason).toBe('redirect 302 to an invalid location "http://***@[bad/"');
    const readiness = logger.entries.filter((entry) => /^not ready/.test(entry.message));
    expect(readiness.length).toBeGreaterThan(0);
    for (const entry of readiness) {
      expect(entry.message).toMatch(/: redirect 302 to an invalid location "http:\/\/\*\*\*@\[bad\/"(;|$)/);
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHealthPath, loadChecks, parseHeaderLines } from '../src/index';
import { defaults } from './helpers';

function file(text: string): { path: string; label: string } {
  const dir = mkdtempSync(join(tmpdir(), 'probe-checks-'));
  writeFileSync(join(dir, 'smoke.yml'), text);
  return { path: join(dir, 'smoke.yml'), label: '.github/smoke.yml' };
}

const base = defaults({ baseUrl: 'https://shop.fly.dev' });

describe('loading checks', () => {
  it('reads a file, inline checks and paths, in that order, with the defaults of each kind', async () => {
    const checks = await loadChecks(
      {
        file: file('checks:\n  - name: health\n    path: /healthz\n'),
        inline: '- url: https://cdn.example/logo.png\n  method: head\n',
        paths: ['/', 'products', '/_health'],
      },
      base,
    );
    expect(checks.map((c) => [c.name, c.method, c.url, c.kind])).toEqual([
      ['health', 'GET', 'https://shop.fly.dev/healthz', 'health'],
      ['HEAD https://cdn.example/logo.png', 'HEAD', 'https://cdn.example/logo.png', 'page'],
      ['GET /', 'GET', 'https://shop.fly.dev/', 'page'],
      ['GET /products', 'GET', 'https://shop.fly.dev/products', 'page'],
      ['GET /_health', 'GET', 'https://shop.fly.dev/_health', 'health'],
    ]);
    expect(checks[0]?.expect).toMatchObject({ status: [{ from: 200, to: 200 }], maxLatencyMs: 2000 });
    expect(checks[2]?.expect).toMatchObject({ status: [{ from: 200, to: 399 }], maxLatencyMs: 3000 });
  });

  it('checks the root page when only base-url is given, and keeps a base path', async () => {
    const [root] = await loadChecks({ paths: [] }, base);
    expect(root?.url).toBe('https://shop.fly.dev/');
    const [under] = await loadChecks({ paths: ['/up'] }, defaults({ baseUrl: 'https://host.example/app/' }));
    expect(under?.url).toBe('https://host.example/app/up');
  });

  it('says what is missing when there is nothing to check', async () => {
    await expect(loadChecks({ paths: [] }, defaults())).rejects.toThrow(
      /^nothing to check: set input 'base-url'/,
    );
    await expect(loadChecks({ paths: ['/healthz'] }, defaults())).rejects.toThrow(
      "Input 'paths' (GET /healthz): path /healthz needs input 'base-url'".replace(' (GET /healthz)', ''),
    );
  });

  it.each([
    [
      '- path: /x\n  expect:\n    status: 200-2999\n',
      /^\.github\/smoke\.yml:3:13: \[0\]\.expect\.status\[0\]: '200-2999' is not a status/,
    ],
    [
      'checks:\n  - path: /x\n    expect: { body-regex: "(" }\n',
      /^\.github\/smoke\.yml:3:27: checks\[0\]\.expect\.body-regex\[0\]: not a regular expression/,
    ],
    [
      '- path: /x\n  expect:\n    json: { "a.b": 1 }\n',
      /^\.github\/smoke\.yml:3:20: \[0\]\.expect\.json\.a\.b: a JSON path starts with '\$'/,
    ],
    ['- path: /x\n  metod: GET\n', /^\.github\/smoke\.yml:1:3: \[0\]: Unrecognized key: "metod"/],
    [
      '- path: /x\n  url: https://a.example/\n',
      /^\.github\/smoke\.yml:1:3: \[0\]: give exactly one of url or path/,
    ],
    ['- path: x\n', /^\.github\/smoke\.yml:1:9: \[0\]\.path: a path starts with '\/'/],
    ['- url: ftp://a.example/\n', /^\.github\/smoke\.yml:1:8: \[0\]\.url: must be an absolute http/],
    ['- path: /x\n  method: FETCH\n', /^\.github\/smoke\.yml:2:11: \[0\]\.method: a method is one of GET/],
    [
      '- path: /x\n  headers: { "bad name": 1 }\n',
      /^\.github\/smoke\.yml:2:26: \[0\]\.headers\.bad name: not a valid header name$/,
    ],
    ['- path: /x\n  machine: "../etc"\n', /^\.github\/smoke\.yml:2:12: \[0\]\.machine: a Fly machine id/],
    [
      '- path: /x\n  expect: { headers: { server: "/[/" } }\n',
      /^\.github\/smoke\.yml:2:.*server: not a regular expression/,
    ],
    [
      '- path: /x\n- path: /x\n',
      /^two checks are named 'GET \/x' \(\.github\/smoke\.yml, check 1 \(GET \/x\) and \.github\/smoke\.yml, check 2 \(GET \/x\)\)/,
    ],
  ])('points at the mistake: %j', async (text, message) => {
    await expect(loadChecks({ paths: [], file: file(text) }, base)).rejects.toThrow(message);
  });

  it('says when the checks file is missing', async () => {
    await expect(
      loadChecks({ paths: [], file: { path: '/nonexistent/smoke.yml', label: 'smoke.yml' } }, base),
    ).rejects.toThrow('no checks file at smoke.yml');
  });

  // The checks file's own `${NAME}` syntax, not a template literal.
  const inline = "- path: /x\n  headers: { Authorization: 'Bearer $" + "{API_TOKEN}' }\n";

  it('reads $NAME references in header values from the listed variables, and says which is unset', async () => {
    const [check] = await loadChecks({ paths: [], inline }, { ...base, env: { API_TOKEN: 't0k' } });
    expect(check?.headers.authorization).toBe('Bearer t0k');
    await expect(
      loadChecks({ paths: [], inline }, { ...base, env: { API_TOKEN: undefined } }),
    ).rejects.toThrow(
      "Input 'checks', check 1: header Authorization uses $" +
        '{API_TOKEN}, which is not set in the environment',
    );
  });

  it('parses header lines and never repeats a value in an error', () => {
    expect(parseHeaderLines('Authorization: Bearer a:b\n\n# note\nX-Team:shop\n', "Input 'headers'")).toEqual(
      {
        authorization: 'Bearer a:b',
        'x-team': 'shop',
      },
    );
    expect(() => parseHeaderLines('Bearer secret-value', "Input 'headers'")).toThrow(
      "Input 'headers', line 1: expected 'Name: value'",
    );
  });

  it.each([
    ['/health', true],
    ['/healthz', true],
    ['/_health', true],
    ['/up', true],
    ['/api/healthcheck?full=1', true],
    ['/readyz/', true],
    ['/', false],
    ['/products/health-food', false],
    ['/update', false],
  ])('%s is a health endpoint: %s', (path, expected) => {
    expect(isHealthPath(path)).toBe(expected);
  });
});

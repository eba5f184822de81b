import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '@shipgate/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Finding,
  type GuardResult,
  guard,
  parseConnectionUrl,
  redactUrlUserinfo,
  toJsonReport,
  toSarif,
} from '../src/index';
import { tempDir } from './scan-helpers';

// Assembled at run time so the repository holds no credential literal.
const splitPassword = ['sp1it', '-Pa55', '-w0rd'].join('');
const password = ['wh0le', '-Pa55', '-w0rd'].join('');
const token = ['ghp', '_', 'R8x2kPq7Lm4Vt9Wz3Nc6Hb1Jd5Fg0Ys', 'A2eQz'].join('');

describe('redactUrlUserinfo', () => {
  it.each([
    ['postgresql://user:pw-1@db.example.com:5432/app', 'postgresql://user:***@db.example.com:5432/app'],
    ['redis://:pw-1@cache:6379', 'redis://:***@cache:6379'],
    ['mysql://app@db.internal/x', 'mysql://app@db.internal/x'],
    ['https://tok-1@github.com/o/r.git', 'https://***@github.com/o/r.git'],
    ['git+https://x-access-token:tok-1@github.com/o/r', 'git+https://***@github.com/o/r'],
    ['postgres://u:p@ss#w?rd@db.example.com/app', 'postgres://u:***@db.example.com/app'],
    ['jdbc:postgresql://u:pw-1@db/app', 'jdbc:postgresql://u:***@db/app'],
    ['const url = "postgresql://user:pw-1" +', 'const url = "postgresql://user:***" +'],
    ["DATABASE_URL='mysql://root:pw-1'", "DATABASE_URL='mysql://root:***'"],
    ['database URL postgresql://user:pw-1: host x', 'database URL postgresql://user:***: host x'],
    ["found 'https://user:pw-1-and-then...'", "found 'https://***...'"],
    ['postgres://u:pw-1\\', 'postgres://u:***\\'],
    ['postgres://u:pa/ss@db.example.com/app', 'postgres://u:***@db.example.com/app'],
    ['https://user:pa/ss@github.com/o/r', 'https://***@github.com/o/r'],
    ['http://a.example/?next=https://u:pw-1@b.example/', 'http://a.example/?next=https://***@b.example/'],
  ])('%s → %s', (text, redacted) => {
    expect(redactUrlUserinfo(text)).toBe(redacted);
    expect(redactUrlUserinfo(redacted)).toBe(redacted);
  });

  it.each([
    'http://localhost:3000',
    '"http://localhost:3000"',
    'http://localhost:3000/api',
    'http://[::1]:3000 and http://[::1]',
    `"http://localhost:$${'{'}PORT}"`,
    'http://host:port/path',
    'http://localhost:',
    'https://mastodon.social/@someone',
    'https://www.npmjs.com/package/@remix-run/node',
    'see https://example.com.',
    'https://a.example?email=me@x.example',
    'no url: user:pw@host',
  ])('leaves %s as it is', (text) => {
    expect(redactUrlUserinfo(text)).toBe(text);
  });
});

describe('parseConnectionUrl on user info the authority alone does not show', () => {
  it('reads a URL cut before its host, and a password holding a slash, as user info', () => {
    expect(parseConnectionUrl(`postgresql://user:${splitPassword}`)).toEqual({
      scheme: 'postgresql',
      user: 'user',
      password: splitPassword,
      host: '',
      hostText: '',
      redacted: 'postgresql://user:***',
    });
    expect(parseConnectionUrl('postgres://u:pa/ss@db.example.com:6543/app')).toMatchObject({
      password: 'pa/ss',
      host: 'db.example.com',
      port: 6543,
      redacted: 'postgres://u:***@db.example.com:6543/app',
    });
    expect(parseConnectionUrl('postgres://db.example.com:5432')).toMatchObject({
      host: 'db.example.com',
      port: 5432,
      redacted: 'postgres://db.example.com:5432',
    });
  });
});

describe('no finding text carries a URL credential', () => {
  let result: GuardResult;
  let findings: Finding[];
  const texts = (finding: Finding) => [finding.message, finding.match ?? ''];

  beforeAll(async () => {
    const root = tempDir('stack-guard-userinfo-');
    const files: Record<string, string> = {
      // A text rule that shows every URL it finds, so each URL's text reaches a message and a match.
      '.github/stack-guard.yml': [
        'extends: [fly-supabase]',
        'rules:',
        '  - id: urls',
        '    kind: text',
        '    severity: note',
        '    files: ["app/**"]',
        `    pattern: '[a-z]+://[^"\\s]+'`,
        '    message: a URL',
        '',
      ].join('\n'),
      'app/db.server.ts': [
        `const split = "postgresql://user:${splitPassword}" +`,
        '  "@db.example.supabase.co:5432/postgres";',
        `const whole = "postgresql://app:${password}@db.example.supabase.co:5432/postgres";`,
        `const remote = "https://${token}@github.com/shipgate/shop.git";`,
        'const local = "http://localhost:3000";',
        'const loopback = "postgres://postgres:postgres" +',
        '  "@localhost:5432/test";',
        '',
      ].join('\n'),
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    result = await guard({
      root,
      policyFile: '.github/stack-guard.yml',
      presets: [],
      scope: 'full',
      logger: silentLogger,
    });
    findings = result.report.findings;
  });

  it('finds the split DSN as a database URL with an embedded password, from its first line to its host', () => {
    const dsn = findings.filter((f) => f.ruleId === 'supabase-postgres-only');
    expect(dsn.map((f) => [f.line, f.message])).toEqual([
      [
        1,
        'database URL postgresql://user:***@db.example.supabase.co:5432/postgres: it embeds a password; read it from a secret instead',
      ],
      [
        3,
        'database URL postgresql://app:***@db.example.supabase.co:5432/postgres: it embeds a password; read it from a secret instead',
      ],
    ]);
    expect(dsn[0]).toMatchObject({ column: 16, endLine: 2, endColumn: 41 });
  });

  it('shows URLs with their user info redacted, and localhost as it is', () => {
    expect(findings.filter((f) => f.ruleId === 'urls').map((f) => f.message)).toEqual([
      "found 'postgresql://user:***' — a URL",
      "found 'postgresql://app:***@db.example.supabase.co:5432/postgres' — a URL",
      "found 'https://***@github.com/shipgate/shop.git' — a URL",
      "found 'http://localhost:3000' — a URL",
      "found 'postgres://postgres:***' — a URL",
    ]);
    expect(findings.find((f) => f.ruleId === 'no-secrets')?.line).toBe(4);
  });

  it('leaves no password or token in a message, a match, the JSON report or the SARIF', () => {
    const json = JSON.stringify(toJsonReport(result.report, result.policy));
    const sarif = JSON.stringify(
      toSarif(result.report, result.policy.rules, { name: 'stack-guard', version: '0.0.0' }),
    );
    const everything = [...findings.flatMap(texts), json, sarif].join('\n');
    for (const secret of [splitPassword, password, token]) expect(everything).not.toContain(secret);
    expect(everything).toContain('http://localhost:3000');
  });

  it('redacts in the reports too, whoever built the findings', () => {
    const planted: Finding = {
      ...findings[0]!,
      message: `database URL postgresql://user:${splitPassword}: host user is not allowed`,
      commit: 'a'.repeat(40),
    };
    const report = { ...result.report, findings: [planted] };
    const json = JSON.stringify(toJsonReport(report, result.policy));
    const sarif = JSON.stringify(toSarif(report, [], { name: 'stack-guard', version: '0.0.0' }));
    for (const text of [json, sarif]) {
      expect(text).not.toContain(splitPassword);
      expect(text).toContain('postgresql://user:***: host user is not allowed');
    }
  });
});

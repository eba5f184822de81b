import { loadPolicy, parseConnectionUrl, policyFromPresets } from '@shipgate/policy';
import { describe, expect, it } from 'vitest';

const rule = policyFromPresets(['fly-supabase']).rules.find((r) => r.id === 'supabase-postgres-only')!;
// Assembled at run time so the repository holds no password literal.
const password = ['s3cr', 'et-Pa55', '-w0rd'].join('');

describe('connection-strings rules', () => {
  it('flags a Fly Postgres host (*.flycast) and never prints the password', async () => {
    const content = `# db\nDATABASE_URL=postgres://shop:${password}@shop-app-db.flycast:5432/shop\n`;
    const findings = await rule.check({ path: 'config/production.env', content });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      line: 2,
      column: 14,
      match: 'postgres://shop:***@shop-app-db.flycast:5432/shop',
    });
    expect(findings[0]!.message).toContain('host shop-app-db.flycast is not allowed');
    expect(findings[0]!.message).toContain('embeds a password');
    expect(JSON.stringify(findings)).not.toContain(password);
  });

  it('reads a URL split before its @host as a user and password, joined to its host when that follows', async () => {
    const content = [
      `const a = 'postgresql://user:${password}' + host;`,
      `const b = "postgresql://user:${password}" +`,
      '  "@shop-app-db.flycast:5432/shop";',
      "const c = 'postgres://postgres:postgres' + '@localhost:5432/test';",
      'const d = "postgres://db.x.supabase.co:5432";',
    ].join('\n');
    const findings = await rule.check({ path: 'app/db.server.ts', content });
    expect(findings.map((f) => [f.line, f.endLine, f.message])).toEqual([
      [
        1,
        undefined,
        'database URL postgresql://user:***: it embeds a password; read it from a secret instead',
      ],
      [
        2,
        3,
        'database URL postgresql://user:***@shop-app-db.flycast:5432/shop: host shop-app-db.flycast is not allowed (allowed: *.supabase.co, *.supabase.com, localhost, 127.0.0.1, ::1); it embeds a password; read it from a secret instead',
      ],
    ]);
    expect(JSON.stringify(findings)).not.toContain(password);
  });

  it('flags the pooler port 6543 under DIRECT_URL, not under DATABASE_URL', async () => {
    const host = 'aws-0-us-east-1.pooler.supabase.com';
    const content = [
      `DATABASE_URL=postgresql://postgres.ref:[YOUR-PASSWORD]@${host}:6543/postgres?pgbouncer=true`,
      `DIRECT_URL="postgresql://postgres.ref:[YOUR-PASSWORD]@${host}:6543/postgres"`,
      `  "SHADOW_DATABASE_URL": "postgresql://postgres.ref:[YOUR-PASSWORD]@db.ref.supabase.co:5432/postgres",`,
    ].join('\n');
    const findings = await rule.check({ path: 'config/app.env', content });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.line).toBe(2);
    expect(findings[0]!.message).toContain(
      'DIRECT_URL must be a direct connection, but port 6543 is the pooler',
    );
  });

  it('does not flag the placeholder DSNs of a .env.example, nor loopback passwords', async () => {
    const content = [
      'DATABASE_URL=postgresql://postgres.your-project-ref:[YOUR-PASSWORD]@aws-0-us-east-1.pooler.supabase.com:6543/postgres?pgbouncer=true',
      'DIRECT_URL=postgresql://postgres:[YOUR-PASSWORD]@db.your-project-ref.supabase.co:5432/postgres',
      'TEST_URL=postgres://postgres:postgres@localhost:5432/test',
      `OTHER=postgres://app:$${'{'}DB_PASSWORD}@db.abc.supabase.co/app`,
    ].join('\n');
    expect(await rule.check({ path: '.env.example', content })).toEqual([]);
  });

  // The connection strings as Supabase, Fly, Prisma and Chatwoot publish them for .env files: a team that
  // copies one into .env.example must pass the fly-supabase preset on its first day.
  const publishedTemplates = [
    'DIRECT_URL=postgresql://postgres:<password>@db.<project-ref>.supabase.co:5432/postgres',
    'DIRECT_URL=postgresql://postgres:[YOUR-PASSWORD]@db.[YOUR-PROJECT-REF].supabase.co:5432/postgres',
    'DATABASE_URL=postgresql://postgres.[YOUR-PROJECT-REF]:[YOUR-PASSWORD]@aws-0-[REGION].pooler.supabase.com:6543/postgres?pgbouncer=true',
    'SUPABASE_URL=https://<project-ref>.supabase.co',
    'SUPABASE_SERVICE_ROLE_KEY=<service-role-key>',
    'DATABASE_URL=postgres://{username}:{password}@{hostname}:{port}/{database}?options',
    'DATABASE_URL=postgres://<username>:<password>@<app-name>.flycast:5432/<database>',
    'DATABASE_URL="postgresql://johndoe:randompassword@localhost:5432/mydb?schema=public"',
    'DATABASE_URL="postgresql://USER:PASSWORD@HOST:PORT/DATABASE?schema=SCHEMA"',
    'POSTGRES_HOST=postgres',
    'POSTGRES_PASSWORD=',
    'REDIS_URL=redis://redis:6379',
    'SECRET_KEY_BASE=replace_with_lengthy_secure_hex',
  ];

  it.each(publishedTemplates)(
    'passes the published template %s in .env.example under every rule of the preset',
    async (line) => {
      const policy = policyFromPresets(['fly-supabase']);
      for (const presetRule of policy.rules.filter((r) => r.appliesTo('.env.example'))) {
        expect(await presetRule.check({ path: '.env.example', content: `${line}\n` }), presetRule.id).toEqual(
          [],
        );
      }
    },
  );

  it('still finds a real password or a foreign host beside placeholders', async () => {
    const content = [
      `A=postgresql://postgres:${password}@db.<project-ref>.supabase.co:5432/postgres`,
      'B=postgres://<username>:<password>@shop-db.flycast:5432/shop',
      `C=postgresql://USER:${password}@HOST:PORT/DATABASE`,
      'D=postgresql://app:password@db:5432/app',
    ].join('\n');
    const findings = await rule.check({ path: '.env.example', content });
    expect(
      findings.map((finding) => [finding.line, finding.message.replace(/^database URL \S+: /, '')]),
    ).toEqual([
      [1, 'it embeds a password; read it from a secret instead'],
      [
        2,
        'host shop-db.flycast is not allowed (allowed: *.supabase.co, *.supabase.com, localhost, 127.0.0.1, ::1)',
      ],
      [3, 'it embeds a password; read it from a secret instead'],
      [
        4,
        'host db is not allowed (allowed: *.supabase.co, *.supabase.com, localhost, 127.0.0.1, ::1); it embeds a password; read it from a secret instead',
      ],
    ]);
    expect(JSON.stringify(findings)).not.toContain(password);
  });

  it('flags *.internal hosts and honours configured schemes', async () => {
    const policy = await loadPolicy({
      root: '/',
      text: 'rules:\n  - id: db\n    kind: connection-strings\n    schemes: [mysql]\n    allowed-hosts: ["*.planetscale.com"]\n    forbid-password: false\n',
    });
    const findings = await policy.rules[0]!.check({
      path: 'a.ts',
      content:
        "const a = 'mysql://u@db.internal/x'; const b = 'mysql://u@aws.connect.psdb.planetscale.com/x'; const c = 'postgres://x@y.internal/z';",
    });
    expect(findings.map((f) => f.match)).toEqual(['mysql://u@db.internal/x']);
  });

  it('parses user, password, host and port, percent-decoding the user info', () => {
    expect(parseConnectionUrl('postgresql://us%40er:p%3Ass@[::1]:6543/db?sslmode=require')).toEqual({
      scheme: 'postgresql',
      user: 'us@er',
      password: 'p:ss',
      host: '::1',
      hostText: '[::1]:6543',
      port: 6543,
      redacted: 'postgresql://us@er:***@[::1]:6543/db?sslmode=require',
    });
    expect(parseConnectionUrl('postgres://db.x.supabase.co/app?password=hunter22')?.redacted).toBe(
      'postgres://db.x.supabase.co/app?password=***',
    );
  });
});

import { loadPolicy, policyFromPresets } from '@shipgate/policy';
import { describe, expect, it } from 'vitest';

const rule = policyFromPresets(['fly-supabase']).rules.find((r) => r.id === 'no-secrets')!;
// A GitHub token shape, built at run time so the repository holds no secret literal.
const token = `ghp_${'R8x2kPq7Lm4Vt9Wz3Nc6Hb1Jd5Fg0Ys'}${'A2eQz'}`;

describe('secrets rules', () => {
  it('flags a GitHub token with secretlint and never carries it in the message or match', async () => {
    const content = `import x from 'y';\n\nexport const githubToken = '${token}';\n`;
    const findings = await rule.check({ path: 'app/lib/github.server.ts', content });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 3, column: 29, endColumn: 29 + token.length });
    expect(findings[0]!.match).toMatch(/^github:sha256:[0-9a-f]{16}$/);
    expect(findings[0]!.message).toContain('secretlint github');
    expect(JSON.stringify(findings)).not.toContain(token);
    expect(JSON.stringify(findings)).not.toContain(token.slice(4, 20));
  });

  it('scans a file whose name holds a newline or ESC (legal on Linux) like any other', async () => {
    for (const path of ['odd\nname.ts', 'odd\u001bname.env']) {
      const findings = await rule.check({ path, content: `const t = '${token}';\n` });
      expect(
        findings.map((finding) => finding.match?.split(':')[0]),
        JSON.stringify(path),
      ).toEqual(['github']);
    }
  });

  it('gives the same secret the same match wherever it is', async () => {
    const a = await rule.check({ path: 'a.ts', content: `const t = '${token}';` });
    const b = await rule.check({ path: 'b.env', content: `\n\nTOKEN=${token}\n` });
    expect(a[0]!.match).toBe(b[0]!.match);
  });

  it('does not flag placeholders in example env files', async () => {
    const content = [
      'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'SHOPIFY_API_SECRET=your-api-secret',
      'AWS_SECRET_ACCESS_KEY=<your-secret-key>',
      '',
    ].join('\n');
    expect(await rule.check({ path: '.env.example', content })).toEqual([]);
    expect(await rule.check({ path: 'config/app.env.sample', content })).toEqual([]);
  });

  it('applies to every file by default', () => {
    expect(rule.appliesTo('.env')).toBe(true);
    expect(rule.appliesTo('deep/dir/file.txt')).toBe(true);
  });
});

// The stack's provider keys, built at run time (a key's prefix and body apart) so the repository holds no
// literal that looks like one. The bodies follow each provider's published shape.
const body = (length: number, alphabet = 'Q7vK2mZp9RxL4tWc8NbH3sYd6FgJ1aEu') =>
  Array.from({ length }, (_, index) => alphabet[(index * 5 + 3) % alphabet.length]).join('');
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const supabaseJwt = (role: string) =>
  [
    base64url({ alg: 'HS256', typ: 'JWT' }),
    base64url({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role, iat: 1_700_000_000, exp: 2_000_000_000 }),
    body(43),
  ].join('.');
const fly = (prefix: string) => `${prefix}_${body(96, 'Q7vK2mZp9RxL4tWc8NbH3sYd6FgJ1aEu+/')}`;

describe("the stack's provider keys", () => {
  const found: Array<[string, string, string]> = [
    ['a Fly token as flyctl prints it', `FLY_API_TOKEN="FlyV1 ${fly('fm2')}"`, 'fly-token'],
    ['a Fly token without its scheme word', `FLY_API_TOKEN=${fly('fm2')}`, 'fly-token'],
    ['comma-joined Fly macaroons', `FLY_API_TOKEN=FlyV1 ${fly('fm2')},${fly('fm2')}`, 'fly-token'],
    ['a Fly read-only token', `FLY_READ_TOKEN=${fly('fm1r')}`, 'fly-token'],
    ['a Fly app token', `T=${fly('fm1a')}`, 'fly-token'],
    [
      'a Stripe live secret key',
      `STRIPE_SECRET_KEY=${['sk', 'live', body(99)].join('_')}`,
      'stripe-secret-key',
    ],
    ['a Stripe restricted key', `STRIPE_KEY=${['rk', 'live', body(99)].join('_')}`, 'stripe-secret-key'],
    [
      'a Supabase secret key',
      `SUPABASE_SECRET_KEY=${['sb', 'secret', body(31)].join('_')}`,
      'supabase-secret-key',
    ],
    [
      'a Supabase service_role JWT',
      `SUPABASE_SERVICE_ROLE_KEY=${supabaseJwt('service_role')}`,
      'supabase-service-role-jwt',
    ],
    ['an OpenAI project key', `OPENAI_API_KEY=${['sk', 'proj', body(120)].join('-')}`, 'openai-project-key'],
    [
      'an OpenAI service-account key',
      `OPENAI_API_KEY=${['sk', 'svcacct', body(120)].join('-')}`,
      'openai-project-key',
    ],
    ['an OpenAI admin key', `OPENAI_ADMIN_KEY=${['sk', 'admin', body(120)].join('-')}`, 'openai-project-key'],
    ['a Chatwoot access token', `CHATWOOT_API_ACCESS_TOKEN=${body(24)}`, 'chatwoot-token'],
  ];

  it.each(found)('finds %s, once, without carrying it', async (_, line, detector) => {
    const findings = await rule.check({ path: 'config/app.env', content: `# keys\n${line}\n` });
    expect(findings.map((finding) => finding.match?.split(':')[0])).toEqual([detector]);
    expect(findings[0]).toMatchObject({ line: 2 });
    expect(findings[0]!.message).toContain(`shipgate ${detector}`);
    const key = line.slice(line.indexOf('=') + 1).replace(/^"|"$/g, '');
    for (const part of key.split(/[ ,.]/).filter((piece) => piece.length >= 12)) {
      expect(JSON.stringify(findings)).not.toContain(part);
    }
  });

  const publicOrPlaceholder: Array<[string, string]> = [
    ['a Stripe publishable key', `STRIPE_PUBLISHABLE_KEY=${['pk', 'live', body(99)].join('_')}`],
    ['a Supabase publishable key', `SUPABASE_PUBLISHABLE_KEY=${['sb', 'publishable', body(31)].join('_')}`],
    ['a Supabase anon JWT', `SUPABASE_ANON_KEY=${supabaseJwt('anon')}`],
    ['a Stripe test key', `STRIPE_SECRET_KEY=${['sk', 'test', body(99)].join('_')}`],
    ['a Fly token placeholder', 'FLY_API_TOKEN=<your-fly-token>'],
    ['a Chatwoot token placeholder', 'CHATWOOT_API_ACCESS_TOKEN=your-chatwoot-access-token'],
    ['a short Chatwoot value', 'CHATWOOT_API_ACCESS_TOKEN=abc123'],
  ];

  it.each(publicOrPlaceholder)('leaves %s alone', async (_, line) => {
    expect(await rule.check({ path: 'config/app.env', content: `${line}\n` })).toEqual([]);
  });

  it('leaves the Shopify tokens to secretlint: one finding each, not two', async () => {
    for (const prefix of ['shpat', 'shpca', 'shppa', 'shpss']) {
      const findings = await rule.check({
        path: 'config/app.env',
        content: `SHOPIFY_TOKEN=${prefix}_${body(32, '0123456789abcdef')}\n`,
      });
      expect(
        findings.map((finding) => finding.match?.split(':')[0]),
        prefix,
      ).toEqual(['shopify']);
    }
  });

  it('can turn a provider detector off by its id', async () => {
    const [custom] = (
      await loadPolicy({
        root: '/',
        text: 'rules:\n  - id: keys\n    kind: secrets\n    disable: [fly-token]\n',
      })
    ).rules;
    expect(await custom!.check({ path: 'a.env', content: `T=${fly('fm2')}\n` })).toEqual([]);
    const stripe = await custom!.check({
      path: 'a.env',
      content: `S=${['sk', 'live', body(40)].join('_')}\n`,
    });
    expect(stripe).toHaveLength(1);
  });
});

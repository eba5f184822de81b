import { policyFromPresets } from '@shipgate/policy';
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

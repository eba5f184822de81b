import { loadPolicy, parseSize, policyFromPresets } from '@shipgate/policy';
import { describe, expect, it } from 'vitest';

const preset = policyFromPresets(['fly-supabase']);
const presetRule = (id: string) => preset.rules.find((rule) => rule.id === id)!;

const flyToml = (release: string, memory: string) => `app = "shop"

[deploy]
  release_command = "${release}"

[[vm]]
  size = "shared-cpu-1x"
  memory = "1gb"

[[vm]]
  memory = ${memory}
`;

describe('structured rules', () => {
  it('allows only npx prisma generate as the fly.toml release command', async () => {
    const rule = presetRule('release-command-allowlist');
    expect(rule.appliesTo('fly.toml')).toBe(true);
    expect(rule.appliesTo('apps/web/fly.staging.toml')).toBe(true);
    expect(await rule.check({ path: 'fly.toml', content: flyToml('npx prisma generate', '1024') })).toEqual(
      [],
    );
    const findings = await rule.check({
      path: 'fly.toml',
      content: flyToml('npx prisma migrate deploy', '1024'),
    });
    expect(findings).toMatchObject([
      { line: 4, column: 3, match: 'deploy.release_command="npx prisma migrate deploy"' },
    ]);
    expect(findings[0]!.message).toContain('expected one of "npx prisma generate"');
    // Absent is fine: one-of is only checked when present.
    expect(await rule.check({ path: 'fly.toml', content: 'app = "shop"\n' })).toEqual([]);
  });

  it('checks every [[vm]] memory against 512 MB, locating the nth table', async () => {
    const rule = presetRule('fly-vm-memory');
    expect(rule.severity).toBe('warning');
    const findings = await rule.check({ path: 'fly.toml', content: flyToml('x', '"256mb"') });
    expect(findings).toMatchObject([{ line: 11, column: 3, match: 'vm[1].memory="256mb"' }]);
    expect(await rule.check({ path: 'fly.toml', content: flyToml('x', '512') })).toEqual([]);
    expect(await rule.check({ path: 'fly.toml', content: '[vm]\n  memory_mb = 256\n' })).toMatchObject([
      { line: 2 },
    ]);
  });

  it('keeps migrations out of package.json scripts', async () => {
    const rule = presetRule('no-migrations-in-scripts');
    const content = JSON.stringify(
      {
        scripts: {
          build: 'react-router build',
          'db:generate': 'prisma generate',
          release: 'npx prisma migrate deploy',
          push: 'drizzle-kit push',
        },
      },
      null,
      2,
    );
    const findings = await rule.check({ path: 'package.json', content });
    expect(findings.map((f) => [f.match, f.line])).toEqual([
      ['scripts.release="npx prisma migrate deploy"', 5],
      ['scripts.push="drizzle-kit push"', 6],
    ]);
  });

  it('supports absent, present, equals, matches and max on YAML and JSON', async () => {
    const policy = await loadPolicy({
      root: '/',
      text: `rules:
  - id: wf
    kind: structured
    files: ["**/*.yml"]
    assert:
      - { path: permissions, present: true }
      - { path: "jobs.*.runs-on", equals: ubuntu-latest }
      - { path: "jobs.*.steps[*].uses", matches: "^actions/" }
      - { path: "jobs.*.timeout-minutes", max: 30 }
      - { path: "env.DEBUG", absent: true }
`,
    });
    const content =
      'env:\n  DEBUG: "1"\njobs:\n  a:\n    runs-on: macos-latest\n    timeout-minutes: 60\n    steps:\n      - uses: actions/checkout@v5\n      - uses: evil/action@v1\n';
    const findings = await policy.rules[0]!.check({ path: 'ci.yml', content });
    expect(findings.map((f) => f.message)).toEqual([
      'permissions is missing; it must be present',
      'jobs.a.runs-on is "macos-latest"; expected "ubuntu-latest"',
      'jobs.a.steps[1].uses is "evil/action@v1"; it must match /^actions//',
      'jobs.a.timeout-minutes is 60; it must be at most 30',
      'env.DEBUG is "1"; it must be absent',
    ]);
    expect(findings.map((f) => f.line)).toEqual([1, 5, 9, 6, 2]);
  });

  it('reports a parse error once, at the parser line', async () => {
    const findings = await presetRule('release-command-allowlist').check({
      path: 'fly.toml',
      content: 'app = "x"\n[deploy\n',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/^fly\.toml is not valid TOML/);
    expect(findings[0]!.line).toBe(2);
  });

  it('parses sizes in MB', () => {
    expect([
      parseSize('1gb'),
      parseSize('512mb'),
      parseSize('1024'),
      parseSize(2048),
      parseSize('2GiB'),
      parseSize('x'),
    ]).toEqual([1024, 512, 1024, 2048, 2048, undefined]);
  });
});

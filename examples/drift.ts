// The violations the demo plants in a pull request against examples/shop-app, and where stack-guard must
// report each one. Secret-shaped values are assembled at run time, so this repository holds no secret literal
// for any scanner (ours included) to trip on.

export interface Planting {
  /** What the change does, as a reviewer would say it. */
  description: string;
  path: string;
  /** Returns the file's new content from its current one (undefined when the file is new). */
  edit(current: string | undefined): string;
  /** The rule that must report it, in the file at `path`. */
  expect: { ruleId: string; path: string };
}

const fakeToken = ['ghp', '_', 'R8x2kPq7Lm4Vt9Wz3Nc6Hb1Jd5Fg0Ys', 'A2eQz'].join('');
const fakePassword = ['s3cr', 'et-Pa55', '-w0rd-9f2c'].join('');

function json(
  current: string | undefined,
  change: (pkg: Record<string, Record<string, string>>) => void,
): string {
  const pkg = JSON.parse(current ?? '{}');
  change(pkg);
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export const plantings: Planting[] = [
  {
    description: 'adds a Remix package',
    path: 'package.json',
    edit: (current) =>
      json(current, (pkg) => {
        pkg.dependencies = { ...pkg.dependencies, '@remix-run/node': '^2.17.1' };
      }),
    expect: { ruleId: 'react-router-7', path: 'package.json' },
  },
  {
    description: 'runs migrations from an npm script',
    path: 'package.json',
    edit: (current) =>
      json(current, (pkg) => {
        pkg.scripts = { ...pkg.scripts, release: 'prisma migrate deploy' };
      }),
    expect: { ruleId: 'no-migrations-in-scripts', path: 'package.json' },
  },
  {
    description: 'runs migrations as the Fly release command',
    path: 'fly.toml',
    edit: (current) =>
      (current ?? '').replace(
        'release_command = "npx prisma generate"',
        'release_command = "npx prisma migrate deploy"',
      ),
    expect: { ruleId: 'release-command-allowlist', path: 'fly.toml' },
  },
  {
    description: 'shrinks the VM below the memory floor',
    path: 'fly.toml',
    edit: (current) => (current ?? '').replace('memory = "1gb"', 'memory = "256mb"'),
    expect: { ruleId: 'fly-vm-memory', path: 'fly.toml' },
  },
  {
    description: 'adds a Fly Postgres console script',
    path: 'scripts/db-console.sh',
    edit: () => '#!/usr/bin/env bash\nset -euo pipefail\nfly postgres connect -a shop-app-db\n',
    expect: { ruleId: 'no-fly-postgres-commands', path: 'scripts/db-console.sh' },
  },
  {
    description: 'documents attaching a Fly Postgres cluster',
    path: 'docs/runbook.md',
    edit: (current) =>
      `${current ?? ''}\n## New environment\nRun \`fly pg attach shop-app-db\` to get a DATABASE_URL.\n`,
    expect: { ruleId: 'no-fly-postgres-commands', path: 'docs/runbook.md' },
  },
  {
    description: 'commits a production env file pointing at Fly Postgres',
    path: 'config/production.env',
    edit: () =>
      [
        `DATABASE_URL=postgres://shop:${fakePassword}@shop-app-db.flycast:5432/shop`,
        `DIRECT_URL=postgresql://postgres.abcdefghijklmnopqrst:${fakePassword}@aws-0-us-east-1.pooler.supabase.com:6543/postgres`,
        '',
      ].join('\n'),
    expect: { ruleId: 'supabase-postgres-only', path: 'config/production.env' },
  },
  {
    description: 'hard-codes a GitHub token',
    path: 'app/lib/github.server.ts',
    edit: () => `export const githubToken = '${fakeToken}';\n`,
    expect: { ruleId: 'no-secrets', path: 'app/lib/github.server.ts' },
  },
];

/** The secret values planted, so tests can prove none of them appears in any output. */
export const plantedSecrets = [fakeToken, fakePassword];

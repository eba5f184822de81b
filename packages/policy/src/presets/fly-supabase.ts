import type { RuleConfig } from '../config-schema';
import type { Preset } from './preset';

const supabaseAndLoopback = ['*.supabase.co', '*.supabase.com', 'localhost', '127.0.0.1', '::1'];

/** Variables that must hold a direct connection: migrations and shadow databases break on the transaction pooler. */
const directUrlNames = [
  'DIRECT_URL',
  '*_DIRECT_URL',
  'DIRECT_DATABASE_URL',
  'MIGRATION*_URL',
  'SHADOW_DATABASE_URL',
];

const migrationCommands = [
  String.raw`prisma\s+migrate\b`,
  String.raw`prisma\s+db\s+(?:push|execute|seed)\b`,
  String.raw`supabase\s+db\s+(?:push|reset)\b`,
  String.raw`supabase\s+migration\s+up\b`,
  String.raw`drizzle-kit\s+(?:push|migrate)\b`,
  String.raw`knex\s+migrate:`,
  String.raw`sequelize(?:-cli)?\s+db:migrate\b`,
  String.raw`typeorm(?:-ts-node-(?:esm|commonjs))?\s+migration:run\b`,
  String.raw`node-pg-migrate\b`,
  String.raw`graphile-migrate\s+(?:migrate|reset|watch)\b`,
  String.raw`dbmate\s+(?:up|migrate)\b`,
  String.raw`atlas\s+migrate\s+apply\b`,
  String.raw`flyway\s+migrate\b`,
  String.raw`liquibase\s+update\b`,
];

export const noSecretsRule = {
  id: 'no-secrets',
  kind: 'secrets',
  description:
    'Credentials (tokens, keys, private keys) must not be committed; they belong in GitHub or Fly secrets.',
  // Database URLs are the connection-strings rule's job, which knows placeholders and loopback hosts.
  disable: ['database-connection-string'],
} satisfies RuleConfig & { description: string };

export const flySupabase: Preset = {
  name: 'fly-supabase',
  description: 'A React Router 7 app on Fly.io with its Postgres on Supabase, migrations run from CI.',
  rules: [
    {
      id: 'no-fly-postgres-commands',
      kind: 'text',
      description:
        'Postgres lives on Supabase: no fly postgres / fly pg commands (create, connect, attach, ...).',
      message: 'the database is Supabase Postgres, not Fly Postgres',
      files: [
        '**/*.{sh,bash,zsh,ps1,md,mdx,txt,yml,yaml,toml,json,mk,js,mjs,cjs,ts,mts,cts}',
        '**/Makefile',
        '**/makefile',
        '**/justfile',
        '**/Procfile',
        '**/Dockerfile',
        '**/Dockerfile.*',
        '**/*.Dockerfile',
        'scripts/**',
        'bin/**',
      ],
      // Commands, not prose: flyctl's subcommands are lower case and named, so "Fly Postgres" in a runbook
      // sentence ("we moved off Fly Postgres") is not a finding, while `fly pg attach` anywhere is.
      pattern: String.raw`\bfly(?:ctl)?(?:\.exe)?\s+(?:postgres|pg)\s+(?:attach|backup|barman|config|connect|create|db|detach|events|failover|import|list|renew-certs|restart|users)\b`,
      'case-sensitive': true,
    },
    {
      id: 'supabase-postgres-only',
      kind: 'connection-strings',
      description:
        'Database URLs point at Supabase (or localhost), carry no password, and migrations use the direct port, not the pooler.',
      'allowed-hosts': supabaseAndLoopback,
      'forbid-password': true,
      'direct-required': { names: directUrlNames, 'pooler-ports': [6543] },
    },
    {
      id: 'react-router-7',
      kind: 'dependencies',
      description:
        'The app is on React Router 7: no Remix packages, and react-router packages at 7 or later.',
      message: 'use React Router 7 (Remix v2 is now React Router 7)',
      forbid: ['@remix-run/*', 'remix'],
      constrain: [
        { name: 'react-router', version: '>=7' },
        { name: 'react-router-dom', version: '>=7' },
        { name: '@react-router/*', version: '>=7' },
      ],
      require: [{ name: 'react-router', version: '>=7', files: ['package.json'] }],
    },
    {
      id: 'release-command-allowlist',
      kind: 'structured',
      description:
        'The Fly release command only generates the Prisma client; migrations run from CI, not on deploy.',
      message: 'run migrations from CI against DIRECT_URL',
      files: ['**/fly.toml', '**/fly.*.toml'],
      format: 'toml',
      assert: [{ path: 'deploy.release_command', 'one-of': ['npx prisma generate'] }],
    },
    {
      id: 'no-migrations-in-scripts',
      kind: 'structured',
      description:
        'package.json scripts do not run database migrations; migrations run from the CI pipeline only.',
      message: 'run migrations from CI against DIRECT_URL',
      files: ['**/package.json'],
      format: 'json',
      assert: [
        {
          path: 'scripts.*',
          'not-matches': `(?:^|[\\s;&|(])(?:npx\\s+|pnpm\\s+(?:exec\\s+)?|yarn\\s+|bunx\\s+)?(?:${migrationCommands.join('|')})`,
        },
      ],
    },
    {
      id: 'fly-vm-memory',
      kind: 'structured',
      severity: 'warning',
      description: 'Fly VMs get at least 512 MB: a Node server with Prisma runs out of memory below that.',
      files: ['**/fly.toml', '**/fly.*.toml'],
      format: 'toml',
      assert: [
        { path: 'vm[*].memory', min: '512mb' },
        { path: 'vm[*].memory_mb', min: '512mb' },
      ],
    },
    noSecretsRule,
  ],
};

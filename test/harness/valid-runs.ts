// A run of every action with all its inputs valid, against the Fly and GitHub sandboxes and a loopback site:
// what a test that changes one input at a time starts from (output paths, bad inputs).
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionDefinition } from '@shipgate/kit';
import type { FlySandbox, GitHubSandbox } from '@shipgate/sandbox';
import { flyTomlWorkspace } from './fly-sandbox';
import { actionsDir } from './run-step';
import { tempDir } from './temp-dirs';

const repoRoot = join(import.meta.dirname, '..', '..');
const v1 = 'registry.fly.io/shop-app:v1';
const v2 = 'registry.fly.io/shop-app:v2';

/** How an action runs when all its inputs are valid. */
export interface ValidRun {
  workspace: string;
  inputs: Record<string, string>;
  env: Record<string, string>;
}

export interface ValidRunsOptions {
  fly: FlySandbox;
  flyToken: string;
  github: GitHubSandbox;
  githubToken: string;
  /** A loopback site answering 200 on /. */
  siteUrl: string;
  /** Names the sandbox apps and the repository, so two suites on one sandbox do not meet. */
  prefix: string;
}

/** The name of every action under actions/, sorted. */
export function actionNames(): string[] {
  return readdirSync(actionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The definition an action's src/action.ts exports: its input schema and outputs, as the bundle has them. */
export async function actionDefinition(action: string): Promise<ActionDefinition> {
  const module = (await import(join(actionsDir, action, 'src', 'action.ts'))) as Record<string, unknown>;
  const found = Object.values(module).find(
    (value): value is ActionDefinition =>
      typeof value === 'object' && value !== null && 'inputs' in value && 'run' in value,
  );
  if (!found) throw new Error(`${action}/src/action.ts exports no action definition`);
  return found;
}

/** A workspace for `app` whose fly.toml deploys v2 by rolling, with the sandbox's fast checks. */
function flyWorkspace(app: string): string {
  return flyTomlWorkspace(app, `\n[build]\n  image = "${v2}"\n\n[deploy]\n  strategy = "rolling"\n`);
}

/** A fresh workspace holding these files. */
export function workspaceWith(files: Record<string, string>): string {
  const dir = tempDir('valid-run');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/**
 * Creates the sandbox apps and the repository, and returns a valid run of each action: fly-deploy deploys v2
 * over v1, rollback goes back to v1 (forced), canary-promote moves one machine then all, smoke-test probes the
 * site, secret-mirror writes a vault file's secret to the repository, evidence-gate gates a passing Vitest
 * report, stack-guard scans a tree under the fly-supabase preset.
 */
export async function validRuns(options: ValidRunsOptions): Promise<Map<string, ValidRun>> {
  const { fly, github, prefix } = options;
  const flyEnv = { FLY_API_TOKEN: options.flyToken };
  const app = (action: string) => `${prefix}-${action}`;
  await fly.createApp(app('deploy'), { machines: 2, image: v1 });
  await fly.createApp(app('rollback'), { machines: 2, image: v2 });
  await fly.createApp(app('canary'), { machines: 4, image: v1 });
  github.addRepository('shop-co', prefix);
  const flyInputs = (name: string) => ({
    'fly-api-url': fly.apiUrl,
    'app-url': fly.appUrl(name),
    'wait-timeout': '20s',
  });
  const evidence = workspaceWith({});
  cpSync(join(repoRoot, 'packages', 'evidence', 'test', 'fixtures', 'vitest'), join(evidence, 'vitest'), {
    recursive: true,
  });
  return new Map<string, ValidRun>([
    [
      'fly-deploy',
      {
        workspace: flyWorkspace(app('deploy')),
        inputs: flyInputs(app('deploy')),
        env: flyEnv,
      },
    ],
    [
      'rollback',
      {
        workspace: flyWorkspace(app('rollback')),
        inputs: { ...flyInputs(app('rollback')), image: v1, force: 'true' },
        env: flyEnv,
      },
    ],
    [
      'canary-promote',
      {
        workspace: flyWorkspace(app('canary')),
        inputs: {
          ...flyInputs(app('canary')),
          steps: '1, 100%',
          bake: '2s',
          'min-samples': '10',
          'probe-rate': '20',
        },
        env: flyEnv,
      },
    ],
    [
      'smoke-test',
      {
        workspace: workspaceWith({}),
        inputs: { 'base-url': options.siteUrl, paths: '/', repeat: '1', 'ready-timeout': '0' },
        env: {},
      },
    ],
    [
      'secret-mirror',
      {
        workspace: workspaceWith({ 'vault/staging.env': 'API_KEY="sk_valid_run_51c0de"\n' }),
        inputs: {
          sources: 'vault/staging.env',
          repository: `shop-co/${prefix}`,
          'github-api-url': github.apiUrl,
        },
        env: { GH_TOKEN: options.githubToken },
      },
    ],
    [
      'evidence-gate',
      { workspace: evidence, inputs: { reports: 'vitest/passing.json', 'max-age': 'none' }, env: {} },
    ],
    [
      'stack-guard',
      {
        workspace: workspaceWith({ '.github/stack-guard.yml': 'extends: [fly-supabase]\n' }),
        inputs: { scope: 'full' },
        env: {},
      },
    ],
  ]);
}

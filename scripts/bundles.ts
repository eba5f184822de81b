import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..');

export interface Bundle {
  /** What the bundle is, for messages: "action stack-guard", "cli". */
  label: string;
  entry: string;
  outDir: string;
}

/** Every bundle the repository commits: one per action, and the CLI. */
export function listBundles(): Bundle[] {
  const actionsDir = join(repoRoot, 'actions');
  const actions = readdirSync(actionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(actionsDir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort();
  return [
    ...actions.map((name) => ({
      label: `action ${name}`,
      entry: join(actionsDir, name, 'src', 'main.ts'),
      outDir: join(actionsDir, name, 'dist'),
    })),
    {
      label: 'cli',
      entry: join(repoRoot, 'packages', 'cli', 'src', 'main.ts'),
      outDir: join(repoRoot, 'packages', 'cli', 'dist'),
    },
  ].filter((bundle) => existsSync(bundle.entry));
}

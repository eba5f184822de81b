import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ActionManifest, readActionManifest } from '@shipgate/runner';

export interface ActionEntry {
  name: string;
  dir: string;
  manifest: ActionManifest;
}

/**
 * Where the actions are: SHIPGATE_ACTIONS_DIR, else `<repo>/actions`, found from this module's place
 * (packages/cli/src when run from source, packages/cli/dist when bundled: the same depth).
 */
export function actionsRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHIPGATE_ACTIONS_DIR) return resolve(env.SHIPGATE_ACTIONS_DIR);
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'actions');
}

/** Every directory under the actions root that holds an action.yml, by name. */
export function listActions(root: string): ActionEntry[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, dir: join(root, name), manifest: readActionManifest(join(root, name)) }));
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dirs';

export interface ScratchActionOptions {
  /** The action.yml text. */
  manifest: string;
  /** Scripts by file name (e.g. `main.mjs`), plain Node with raw fs / console.log. */
  scripts: Record<string, string>;
}

/** A throwaway JavaScript action in a temp dir, for testing the runner itself. */
export function scratchAction(options: ScratchActionOptions): string {
  const dir = tempDir('action');
  writeFileSync(join(dir, 'action.yml'), options.manifest);
  for (const [name, source] of Object.entries(options.scripts)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), source);
  }
  return dir;
}

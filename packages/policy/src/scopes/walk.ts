import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Level {
  /** The directory holding the .gitignore, relative to the root ('' for the root). */
  base: string;
  rules: Ignore;
}

/** How many directories are read at once. */
const concurrency = 16;

/**
 * Every regular file (and symlink, left for the reader to count) under root, outside git: `.gitignore` files
 * are honoured at every level as git would, `.git` is always skipped, symlinked directories are not entered.
 * Paths are relative to root with forward slashes, sorted.
 */
export async function walkFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const queue: Array<{ dir: string; levels: Level[] }> = [{ dir: '', levels: [] }];
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (queue.length === 0 && active === 0) return resolve();
      while (active < concurrency && queue.length > 0) {
        const next = queue.pop()!;
        active++;
        visit(root, next.dir, next.levels, files, queue)
          .then(() => {
            active--;
            pump();
          })
          .catch(reject);
      }
    };
    pump();
  });
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function visit(
  root: string,
  dir: string,
  parentLevels: Level[],
  files: string[],
  queue: Array<{ dir: string; levels: Level[] }>,
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    return; // unreadable or vanished directory: nothing under it can be scanned
  }
  let levels = parentLevels;
  if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
    const text = await readFile(join(root, dir, '.gitignore'), 'utf8').catch(() => '');
    if (text.trim()) levels = [...parentLevels, { base: dir, rules: ignore().add(text) }];
  }
  for (const entry of entries) {
    if (entry.name === '.git') continue;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    const isDir = entry.isDirectory();
    if (isIgnored(levels, path, isDir)) continue;
    if (isDir) queue.push({ dir: path, levels });
    else if (entry.isFile() || entry.isSymbolicLink()) files.push(path);
  }
}

/** Git's precedence: the deepest .gitignore with a matching pattern decides; within a file, the last pattern. */
function isIgnored(levels: readonly Level[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const relative = level.base ? path.slice(level.base.length + 1) : path;
    const result = level.rules.test(isDir ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

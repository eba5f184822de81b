// Test file paths in the normalised model are relative to the project (the repository checkout), with
// forward slashes, so the gate, annotations and summaries name files the same way whatever the tool wrote.
import { posix } from 'node:path';

export interface ParseOptions {
  /**
   * The project directory (on a runner, GITHUB_WORKSPACE). Absolute test file paths under it become
   * relative to it. Without it, each parser infers the project directory from what its report says.
   */
  root?: string;
}

export const toSlashes = (path: string) => path.replaceAll('\\', '/');

export const isAbsolutePath = (path: string) => /^(?:[A-Za-z]:)?\//.test(toSlashes(path));

const withoutTrailingSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/**
 * The given root when every one of `paths` (absolute) lies under it, that is when the report was made there.
 * Evidence made on another runner and downloaded here keeps the root its parser infers.
 */
export function rootHolding(root: string | undefined, paths: ReadonlyArray<string>): string | undefined {
  if (!root || paths.length === 0) return undefined;
  const base = withoutTrailingSlash(toSlashes(root));
  return paths.every((path) => toSlashes(path).startsWith(`${base}/`)) ? base : undefined;
}

/** `path` relative to `root` when it lies under it, else `path` (with forward slashes) as given. */
export function relativeTo(path: string, root: string | undefined): string {
  const file = toSlashes(path);
  if (!root) return file;
  const base = withoutTrailingSlash(toSlashes(root));
  if (file.startsWith(`${base}/`)) return file.slice(base.length + 1);
  return file;
}

/** The longest directory that holds every one of `paths` (absolute, forward slashes), or undefined. */
export function commonDirectory(paths: Iterable<string>): string | undefined {
  let common: string[] | undefined;
  for (const path of paths) {
    const parts = posix.dirname(toSlashes(path)).split('/');
    if (!common) {
      common = parts;
      continue;
    }
    let same = 0;
    while (same < common.length && same < parts.length && common[same] === parts[same]) same++;
    common.length = same;
  }
  if (!common || common.length === 0) return undefined;
  const joined = common.join('/');
  return joined === '' ? '/' : joined;
}

// Directories that hold tests rather than being the project: a common directory ending in one of these is
// stepped out of, so `test/math.test.js` keeps its `test/` even when it is the only file.
const testDirectoryNames = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', 'src']);

/** The project directory guessed from the test files alone: their common directory, out of test folders. */
export function guessProjectRoot(files: Iterable<string>): string | undefined {
  let root = commonDirectory(files);
  while (root && root !== '/' && testDirectoryNames.has(posix.basename(root))) root = posix.dirname(root);
  return root === '/' ? undefined : root;
}

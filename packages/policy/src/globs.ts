import picomatch from 'picomatch';

/** A compiled set of globs: true when a repository-relative path (forward slashes) matches any of them. */
export type PathMatcher = (path: string) => boolean;

const never: PathMatcher = () => false;

/** Compiles globs once (picomatch, dotfiles included); an empty list matches nothing. */
export function compileGlobs(globs: readonly string[], options: { nocase?: boolean } = {}): PathMatcher {
  if (globs.length === 0) return never;
  return picomatch([...globs], { dot: true, nocase: options.nocase ?? false });
}

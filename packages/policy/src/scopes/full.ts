import { join } from 'node:path';
import { checkFile } from '../findings';
import { gitBytes, isGitWorkTree, isIgnoredByGit, splitNul } from '../git';
import { forEachConcurrent } from '../pool';
import { readTextFile } from '../read-file';
import type { CompiledRule, Finding } from '../types';
import { count, rulesFor, type ScanContext, type ScopeResult, textOf } from './context';
import { walkFiles } from './walk';

/** Files in flight: rule checks are async (secretlint's are), so a few files' checks may interleave. */
const checkConcurrency = 32;

/** The full scope: every file git tracks or would track under root (a .gitignore-aware walk outside git). */
export async function scanFull(context: ScanContext): Promise<ScopeResult> {
  const { root } = context;
  // A directory the enclosing repository ignores has no tracked files: walk it like a plain directory.
  const inGit = (await isGitWorkTree(root)) && !(await isIgnoredByGit(root));
  const paths = inGit ? await gitFiles(root) : await walkFiles(root);
  // Paths no rule looks at are never opened.
  const jobs: Array<{ path: string; rules: CompiledRule[] }> = [];
  for (const path of paths) {
    const rules = rulesFor(context, path);
    if (rules.length > 0) jobs.push({ path, rules });
  }
  const findings: Finding[] = [];
  await forEachConcurrent(jobs, checkConcurrency, async ({ path, rules }) => {
    const content = textOf(context, path, readTextFile(join(root, path), context.maxFileBytes));
    if (content === undefined) return;
    const found = await checkFile({ path, content }, rules);
    if (found.length > 0) findings.push(...found);
  });
  const where = inGit
    ? 'tracked and untracked files not ignored by git'
    : 'files under the directory, .gitignore files respected';
  return {
    findings,
    note: `full: ${count(paths.length, 'file')} (${where}), ${count(context.tally.scanned, 'file')} checked by the rules`,
  };
}

async function gitFiles(root: string): Promise<string[]> {
  // Paths come relative to root (git's cwd) and limited to it, so a root inside a repository works too.
  const [listed, deleted] = await Promise.all([
    gitBytes(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).then(splitNul),
    gitBytes(root, ['ls-files', '-z', '--deleted']).then(splitNul),
  ]);
  const gone = new Set(deleted);
  // An unmerged path is listed once per stage.
  return listed.filter((path, index) => path !== listed[index - 1] && !gone.has(path));
}

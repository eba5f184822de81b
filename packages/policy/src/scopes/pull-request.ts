import { join } from 'node:path';
import { checkFile } from '../findings';
import { git, gitBytes, gitLines, isGitWorkTree, readBlobs, splitNul, unquotePath } from '../git';
import { forEachConcurrent } from '../pool';
import { decodeText, type ReadResult, readTextFile } from '../read-file';
import type { Finding } from '../types';
import { count, rulesFor, type ScanContext, type ScopeResult, textOf } from './context';
import { type LineRanges, parseHunkHeader, touches } from './line-ranges';

/** One file in `git diff --raw`: its status and, on the head side, its mode and blob. */
interface ChangedFile {
  path: string;
  status: string;
  mode: string;
  oid: string;
}

const symlinkMode = '120000';
const submoduleMode = '160000';
/** Above this many modified files the hunk diff runs without pathspecs rather than risk a too-long argv. */
const maxPathspecs = 1000;
const diffOptions = ['--no-renames', '--relative', '--no-ext-diff', '--no-textconv', '--no-color'];

/**
 * The pull-request scope: files changed on head since its merge base with base, read at head. New files count
 * whole; in modified files only findings on added lines (or with no line) are kept.
 */
export async function scanPullRequest(
  context: ScanContext,
  refs: { base?: string; head?: string },
): Promise<ScopeResult> {
  const { root } = context;
  if (!refs.base) throw new Error('the pull-request scope needs a base commit or ref');
  if (!(await isGitWorkTree(root)))
    throw new Error(`the pull-request scope needs a git repository, and ${root} is not in one`);
  const base = await resolveCommit(root, refs.base, 'base');
  const head = await resolveCommit(root, refs.head ?? 'HEAD', 'head');
  const mergeBase = await git(root, ['merge-base', base, head]).catch(() => {
    throw new Error(
      `no merge base between base ${short(base)} and head ${short(head)}: the checkout is too shallow; check out with fetch-depth: 0`,
    );
  });

  const changed = parseRawDiff(
    await gitBytes(root, ['diff', '--raw', '-z', '--no-abbrev', ...diffOptions, mergeBase, head]),
  );
  const live = changed.filter((file) => file.status !== 'D' && file.mode !== submoduleMode);
  const jobs = live.flatMap((file) => {
    const rules = rulesFor(context, file.path);
    return rules.length > 0 ? [{ file, rules }] : [];
  });
  const modified = jobs.filter(({ file }) => file.status !== 'A').map(({ file }) => file.path);
  const added = modified.length > 0 ? await addedLines(root, mergeBase, head, modified) : new Map();
  const read = await reader(
    context,
    head,
    jobs.map(({ file }) => file),
  );

  const findings: Finding[] = [];
  await forEachConcurrent(jobs, 16, async ({ file, rules }) => {
    const content = textOf(context, file.path, await read(file));
    if (content === undefined) return;
    const found = await checkFile({ path: file.path, content }, rules);
    if (file.status === 'A') {
      findings.push(...found);
      return;
    }
    // Fingerprints come from the whole file, so they match the full scope's and the baseline still applies.
    const ranges = added.get(file.path) ?? [];
    for (const finding of found) {
      if (finding.line === undefined || touches(ranges, finding.line, finding.endLine ?? finding.line)) {
        findings.push(finding);
      }
    }
  });
  return {
    findings,
    base: mergeBase,
    head,
    note: `pull request: ${count(changed.length, 'file')} changed between ${short(mergeBase)} and ${short(head)}; findings on changed lines and in new files only`,
  };
}

async function resolveCommit(root: string, ref: string, role: 'base' | 'head'): Promise<string> {
  try {
    return await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new Error(
      `the pull-request scope cannot find the ${role} commit '${ref}' in this checkout: check out with fetch-depth: 0 (actions/checkout) or fetch the ${role} first`,
    );
  }
}

/** Parses `git diff --raw -z --no-abbrev`: `:oldmode newmode oldoid newoid status\0path\0` per file. */
function parseRawDiff(bytes: Buffer): ChangedFile[] {
  const fields = splitNul(bytes);
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, mode = '', , oid = '', status = ''] = (fields[i] ?? '').slice(1).split(' ');
    files.push({ path: fields[i + 1]!, status: status.charAt(0), mode, oid });
  }
  return files;
}

/** For each modified file, the head-side lines its hunks added (`git diff -U0`). */
async function addedLines(
  root: string,
  mergeBase: string,
  head: string,
  paths: string[],
): Promise<Map<string, LineRanges>> {
  const pathspecs = paths.length <= maxPathspecs ? ['--', ...paths.map((path) => `:(literal)${path}`)] : [];
  const args = [
    'diff',
    '-U0',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    ...diffOptions,
    mergeBase,
    head,
    ...pathspecs,
  ];
  const ranges = new Map<string, LineRanges>();
  let current: LineRanges | undefined;
  let inHeader = false;
  for await (const line of gitLines(root, args)) {
    if (line.startsWith('diff --git ')) {
      inHeader = true;
      current = undefined;
    } else if (inHeader && line.startsWith('+++ ')) {
      const name = unquotePath(line.slice(4).replace(/\t$/, ''));
      if (name.startsWith('b/')) {
        const path = name.slice(2);
        current = ranges.get(path) ?? [];
        ranges.set(path, current);
      }
    } else if (line.startsWith('@@ ')) {
      inHeader = false;
      const hunk = parseHunkHeader(line);
      if (current && hunk && hunk.count > 0) current.push([hunk.start, hunk.start + hunk.count - 1]);
    }
  }
  return ranges;
}

/** Reads head's version of each file: from the work tree when head is checked out, else from git's objects. */
async function reader(
  context: ScanContext,
  head: string,
  files: ChangedFile[],
): Promise<(file: ChangedFile) => Promise<ReadResult>> {
  const checkedOut = (await git(context.root, ['rev-parse', 'HEAD']).catch(() => '')) === head;
  if (checkedOut) return async (file) => readTextFile(join(context.root, file.path), context.maxFileBytes);
  const blobs = await readBlobs(
    context.root,
    files.filter((file) => file.mode !== symlinkMode).map((file) => file.oid),
    context.maxFileBytes,
  );
  return async (file) => {
    if (file.mode === symlinkMode) return { kind: 'skipped', reason: 'symlink', detail: 'symbolic link' };
    const blob = blobs.get(file.oid);
    if (blob === undefined)
      return { kind: 'skipped', reason: 'unreadable', detail: `blob ${file.oid} missing` };
    if (typeof blob === 'number') {
      return {
        kind: 'skipped',
        reason: 'tooLarge',
        detail: `${blob} bytes, over the limit of ${context.maxFileBytes}`,
      };
    }
    return decodeText(blob, context.maxFileBytes);
  };
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

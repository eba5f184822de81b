import { checkFile } from '../findings';
import { git, gitLines, isGitWorkTree, unquotePath } from '../git';
import type { CompiledRule, Finding, RuleKind } from '../types';
import { count, rulesFor, type ScanContext, type ScopeResult } from './context';
import { parseHunkHeader } from './line-ranges';

/** The lines one commit added to one file, at their line numbers in that commit's version. */
interface FileChange {
  path: string;
  rules: CompiledRule[];
  lines: Map<number, string>;
  bytes: number;
  tooLarge: boolean;
}

const kindWords: Partial<Record<RuleKind, string>> = { 'connection-strings': 'connection strings' };

/**
 * The history scope: the lines every commit reachable from any ref added, checked by the rules of the given
 * kinds. A finding is reported once, at the oldest commit that added it. Merge commits add nothing of their
 * own here (git log shows them without a diff), which is what a reviewer of each commit saw.
 */
export async function scanHistory(context: ScanContext, kinds: readonly RuleKind[]): Promise<ScopeResult> {
  const { root } = context;
  if (!(await isGitWorkTree(root)))
    throw new Error(`the history scope needs a git repository, and ${root} is not in one`);
  const rules = context.rules.filter((rule) => kinds.includes(rule.kind));
  // Oldest first (parents before children), so the first commit to add a finding is the one kept.
  const args = [
    'log',
    '--all',
    '--date-order',
    '--reverse',
    '-p',
    '-U0',
    '--format=%x00%H',
    '--no-color',
    '--no-renames',
    '--relative',
    '--no-ext-diff',
    '--no-textconv',
    '--src-prefix=a/',
    '--dst-prefix=b/',
  ];
  const kept = new Map<string, Finding>();
  let commits = 0;
  let commit = '';
  let change: FileChange | undefined;
  let inHeader = false;
  let nextLine = 0;

  const flush = async () => {
    const done = change;
    change = undefined;
    if (!done) return;
    if (done.tooLarge) {
      context.tally.count({ kind: 'skipped', reason: 'tooLarge', detail: '' });
      return;
    }
    if (done.lines.size === 0) return;
    context.tally.count({ kind: 'text', content: '', bytes: done.bytes });
    for (const finding of await checkFile(
      { path: done.path, content: sparseContent(done.lines) },
      done.rules,
    )) {
      if (!kept.has(finding.fingerprint)) kept.set(finding.fingerprint, { ...finding, commit });
    }
  };

  // Binary changes have no +++ line, so no change is collected for them.
  if (rules.length > 0) {
    for await (const line of gitLines(root, args)) {
      if (line.startsWith('\0')) {
        await flush();
        commit = line.slice(1);
        commits++;
        inHeader = false;
      } else if (line.startsWith('diff --git ')) {
        await flush();
        inHeader = true;
      } else if (inHeader) {
        if (line.startsWith('+++ ')) {
          const name = unquotePath(line.slice(4).replace(/\t$/, ''));
          const path = name.startsWith('b/') ? name.slice(2) : undefined;
          const applicable = path === undefined ? [] : rulesFor(context, path, rules);
          if (path !== undefined && applicable.length > 0) {
            change = { path, rules: applicable, lines: new Map(), bytes: 0, tooLarge: false };
          }
        } else if (line.startsWith('@@ ')) {
          inHeader = false;
          nextLine = parseHunkHeader(line)?.start ?? 0;
        }
      } else if (line.startsWith('@@ ')) {
        nextLine = parseHunkHeader(line)?.start ?? 0;
      } else if (line.startsWith('+') && change && !change.tooLarge) {
        const text = line.slice(1);
        change.lines.set(nextLine++, text);
        change.bytes += Buffer.byteLength(text) + 1;
        if (change.bytes > context.maxFileBytes) {
          change.tooLarge = true;
          change.lines.clear();
        }
      } else if (line.startsWith('+')) {
        nextLine++;
      }
    }
    await flush();
  } else {
    commits = Number(await git(root, ['rev-list', '--all', '--count']));
  }
  const what = kinds.map((kind) => kindWords[kind] ?? kind);
  const listed =
    what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : (what[0] ?? 'no rules');
  return {
    findings: [...kept.values()],
    commits,
    note: `history: ${count(commits, 'commit')} on all refs; ${listed} in added lines`,
  };
}

/** A file's text with only the added lines filled in, so rules report real line numbers. */
function sparseContent(lines: Map<number, string>): string {
  let last = 0;
  for (const number of lines.keys()) if (number > last) last = number;
  const text = new Array<string>(last).fill('');
  for (const [number, line] of lines) text[number - 1] = line;
  return text.join('\n');
}

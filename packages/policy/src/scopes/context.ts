import type { Logger } from '@shipgate/kit';
import type { PathMatcher } from '../globs';
import type { FileTally, ReadResult } from '../read-file';
import type { CompiledRule, Finding } from '../types';

/** What every scope needs: the rules, the ignores, the limits, and where to count what it read. */
export interface ScanContext {
  root: string;
  rules: readonly CompiledRule[];
  ignored: PathMatcher;
  maxFileBytes: number;
  logger: Logger;
  tally: FileTally;
  /** Files (in history, file changes) passed over because of ignorePaths. */
  ignoredFiles: number;
}

/** What a scope found, before baseline and sorting. */
export interface ScopeResult {
  findings: Finding[];
  note: string;
  base?: string;
  head?: string;
  commits?: number;
}

/** The rules to run on path: none when an ignore glob matches it (counted) or no rule applies to it. */
export function rulesFor(context: ScanContext, path: string, rules = context.rules): CompiledRule[] {
  if (context.ignored(path)) {
    context.ignoredFiles++;
    return [];
  }
  return rules.filter((rule) => rule.appliesTo(path));
}

/** Counts a read and returns its text, logging (at debug level) why a file was skipped. */
export function textOf(context: ScanContext, path: string, result: ReadResult): string | undefined {
  if (result.kind === 'skipped') context.logger.debug(`skipped ${path}: ${result.detail}`);
  return context.tally.count(result);
}

/** "1 file" or "2 files". */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

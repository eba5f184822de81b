import { resolve } from 'node:path';
import { type Logger, silentLogger } from '@shipgate/kit';
import { compareFindings, countBySeverity } from './findings';
import { compileGlobs } from './globs';
import { FileTally, type SkipReason } from './read-file';
import type { ScanContext, ScopeResult } from './scopes/context';
import { scanFull } from './scopes/full';
import { scanHistory } from './scopes/history';
import { scanPullRequest } from './scopes/pull-request';
import type { CompiledRule, Finding, RuleKind, Severity } from './types';

export type ScanScope = 'full' | 'pull-request' | 'history';

export interface ScanOptions {
  root: string;
  rules: CompiledRule[];
  scope: ScanScope;
  /** pull-request only: commits or refs; head defaults to HEAD. */
  base?: string;
  head?: string;
  /** Globs (picomatch, dotfiles included) of paths never read. */
  ignorePaths?: string[];
  /** Fingerprints of accepted findings, dropped from the report and counted. */
  baseline?: Set<string>;
  /** Files larger than this are skipped and counted; default 1 MiB. */
  maxFileBytes?: number;
  logger?: Logger;
  /** history only: the rule kinds checked; default secrets and connection strings. */
  historyKinds?: RuleKind[];
}

export interface ScanReport {
  scope: ScanScope;
  /** One sentence for a person: what was scanned and which findings count. */
  scopeNote: string;
  root: string;
  /** pull-request: the merge base diffed against, and head, as full commit ids. */
  base?: string;
  head?: string;
  /** Sorted by path, line, column, rule id; ignores and baseline already applied. */
  findings: Finding[];
  /** baseline: findings dropped; ignored: files (in history, file changes) never read because of ignorePaths. */
  suppressed: { baseline: number; ignored: number };
  files: { scanned: number; bytes: number; skipped: Record<SkipReason, number> };
  /** history: commits walked. */
  commits?: number;
  counts: Record<Severity, number>;
}

export const defaultMaxFileBytes = 1024 * 1024;
export const defaultHistoryKinds: RuleKind[] = ['secrets', 'connection-strings'];

/** Scans a directory's files in one scope with the given rules, and reports what was found and skipped. */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const root = resolve(options.root);
  const context: ScanContext = {
    root,
    rules: options.rules,
    ignored: compileGlobs(options.ignorePaths ?? []),
    maxFileBytes: options.maxFileBytes ?? defaultMaxFileBytes,
    logger: options.logger ?? silentLogger,
    tally: new FileTally(),
    ignoredFiles: 0,
  };
  let result: ScopeResult;
  switch (options.scope) {
    case 'full':
      result = await scanFull(context);
      break;
    case 'pull-request':
      result = await scanPullRequest(context, { base: options.base, head: options.head });
      break;
    case 'history':
      result = await scanHistory(context, options.historyKinds ?? defaultHistoryKinds);
      break;
    default:
      throw new Error(`unknown scope '${String(options.scope)}': use full, pull-request or history`);
  }
  const baseline = options.baseline ?? new Set<string>();
  const findings = result.findings
    .filter((finding) => !baseline.has(finding.fingerprint))
    .sort(compareFindings);
  const report: ScanReport = {
    scope: options.scope,
    scopeNote: result.note,
    root,
    findings,
    suppressed: { baseline: result.findings.length - findings.length, ignored: context.ignoredFiles },
    files: context.tally.toJSON(),
    counts: countBySeverity(findings),
  };
  if (result.base !== undefined) report.base = result.base;
  if (result.head !== undefined) report.head = result.head;
  if (result.commits !== undefined) report.commits = result.commits;
  return report;
}

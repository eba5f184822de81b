import type { EvidenceKind } from '../types';

/** One limit applied to one subject: the rows of the summary and of the manifest. */
export interface GateCheck {
  kind: EvidenceKind;
  /** What was measured: "all tests", "project mobile", a page URL, a coverage file. */
  subject: string;
  /** The limit's name as the team wrote it: max-failed, lines, lcp, categories:performance. */
  rule: string;
  /** null when the evidence has no value for it (an audit that did not run), which fails the check. */
  actual: number | null;
  operator: '<=' | '>=';
  limit: number;
  /** actual and limit as people read them: 3, 12.5%, 2.5 s, 0.91. */
  shown: { actual: string; limit: string };
  level: 'error' | 'warn';
  passed: boolean;
  /** Why a check without a value failed, or how the value was taken (median of 3 runs). */
  note?: string;
}

export function compare(actual: number | null, operator: '<=' | '>=', limit: number): boolean {
  if (actual === null || Number.isNaN(actual)) return false;
  return operator === '<=' ? actual <= limit : actual >= limit;
}

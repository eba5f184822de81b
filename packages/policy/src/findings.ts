import { fingerprintOf } from './fingerprint';
import type { CompiledRule, Finding, RuleFinding, Severity, SourceFile } from './types';
import { redactUrlUserinfo } from './url-userinfo';

/** Runs every given rule on one file and returns its findings, fingerprinted, in file order. */
export async function checkFile(file: SourceFile, rules: readonly CompiledRule[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const rule of rules) {
    let found: RuleFinding[];
    try {
      found = await rule.check(file);
    } catch (error) {
      throw new Error(`rule ${rule.id} failed on ${file.path}`, { cause: error });
    }
    if (found.length > 0) findings.push(...fingerprinted(rule, file.path, found));
  }
  return findings;
}

function fingerprinted(rule: CompiledRule, path: string, found: RuleFinding[]): Finding[] {
  // Occurrences are numbered in file order, so the n-th identical match keeps its identity when lines move.
  const ordered = [...found].sort(byPosition);
  const seen = new Map<string, number>();
  return ordered.map((found) => {
    const finding = withoutUrlUserinfo(found);
    const key = finding.match ?? finding.message;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return {
      ...finding,
      ruleId: rule.id,
      kind: rule.kind,
      severity: rule.severity,
      path,
      fingerprint: fingerprintOf(rule.id, path, key, occurrence),
    };
  });
}

/**
 * A finding's message and match with the user info of every URL in them removed, before the match becomes
 * the fingerprint's input: no report, and no hash of a short password, carries a credential from a URL.
 */
function withoutUrlUserinfo(finding: RuleFinding): RuleFinding {
  const message = redactUrlUserinfo(finding.message);
  const match = finding.match === undefined ? undefined : redactUrlUserinfo(finding.match);
  if (message === finding.message && match === finding.match) return finding;
  return { ...finding, message, ...(match === undefined ? {} : { match }) };
}

function byPosition(a: RuleFinding, b: RuleFinding): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Report order: path, line, column, rule id (code-unit order, the same on every machine). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.path, b.path) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many findings of each severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

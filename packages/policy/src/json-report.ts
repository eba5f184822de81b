import type { ScanReport } from './scan';
import type { CompiledRule, Finding, RuleKind, Severity } from './types';
import { redactUrlUserinfo } from './url-userinfo';

/** What the JSON report says about the policy; a ResolvedPolicy fits. */
export interface JsonReportPolicy {
  source: string;
  presets: readonly string[];
  rulesOff: readonly string[];
  rules?: readonly CompiledRule[];
  baseline?: string;
}

/**
 * stack-guard's JSON report, version 1: the action's `report` output and its report file. Fields are only
 * added in later versions, never renamed. Findings carry no matched text: a match may be a secret; and no
 * message carries a URL's user info.
 */
// A type alias, not an interface, so a report passes where Record<string, unknown> is expected.
export type JsonReport = {
  version: 1;
  tool: 'stack-guard';
  scope: ScanReport['scope'];
  scopeNote: string;
  /** pull-request: the merge base and head commits compared. */
  base?: string;
  head?: string;
  /** history: commits walked. */
  commits?: number;
  policy: { source: string; presets: string[]; rulesOff: string[]; rules?: number; baseline?: string };
  counts: Record<Severity, number>;
  files: ScanReport['files'];
  suppressed: ScanReport['suppressed'];
  findings: JsonFinding[];
};

export interface JsonFinding {
  ruleId: string;
  kind: RuleKind;
  severity: Severity;
  path: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  commit?: string;
  fingerprint: string;
}

/** The scan report in the stable, documented JSON shape (see JsonReport). */
export function toJsonReport(report: ScanReport, policy: JsonReportPolicy): JsonReport {
  const json: JsonReport = {
    version: 1,
    tool: 'stack-guard',
    scope: report.scope,
    scopeNote: report.scopeNote,
    policy: {
      source: policy.source,
      presets: [...policy.presets],
      rulesOff: [...policy.rulesOff],
      ...(policy.rules ? { rules: policy.rules.length } : {}),
      ...(policy.baseline ? { baseline: policy.baseline } : {}),
    },
    counts: { ...report.counts },
    files: { ...report.files, skipped: { ...report.files.skipped } },
    suppressed: { ...report.suppressed },
    findings: report.findings.map(jsonFinding),
  };
  if (report.base !== undefined) json.base = report.base;
  if (report.head !== undefined) json.head = report.head;
  if (report.commits !== undefined) json.commits = report.commits;
  return json;
}

function jsonFinding(finding: Finding): JsonFinding {
  // Key order is fixed here so reports diff cleanly between runs.
  return {
    ruleId: finding.ruleId,
    kind: finding.kind,
    severity: finding.severity,
    path: finding.path,
    ...(finding.line !== undefined ? { line: finding.line } : {}),
    ...(finding.column !== undefined ? { column: finding.column } : {}),
    ...(finding.endLine !== undefined ? { endLine: finding.endLine } : {}),
    ...(finding.endColumn !== undefined ? { endColumn: finding.endColumn } : {}),
    message: redactUrlUserinfo(finding.message),
    ...(finding.commit !== undefined ? { commit: finding.commit } : {}),
    fingerprint: finding.fingerprint,
  };
}

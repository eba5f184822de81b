import type { ScanReport } from './scan';
import type { CompiledRule, Finding, RuleKind, Severity } from './types';
import { redactUrlUserinfo } from './url-userinfo';

export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
}

const schemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
const securityKinds: readonly RuleKind[] = ['secrets', 'connection-strings'];

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: Severity };
  properties: { tags: string[] };
}

/** The report as SARIF 2.1.0 (one run, the rules, one result per finding), for GitHub code scanning. */
export function toSarif(report: ScanReport, rules: readonly CompiledRule[], tool: SarifTool): object {
  const driverRules: SarifRule[] = rules.map((rule) =>
    sarifRule(rule.id, rule.kind, rule.severity, rule.description),
  );
  const index = new Map(driverRules.map((rule, i) => [rule.id, i]));
  for (const finding of report.findings) {
    // A finding whose rule is not in the list (should not happen) still needs a rule to point at.
    if (!index.has(finding.ruleId)) {
      index.set(finding.ruleId, driverRules.length);
      driverRules.push(sarifRule(finding.ruleId, finding.kind, finding.severity, finding.message));
    }
  }
  return {
    $schema: schemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: driverRules,
          },
        },
        automationDetails: { id: 'stack-guard/' },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned directory.' } } },
        results: report.findings.map((finding) => sarifResult(finding, index.get(finding.ruleId)!)),
        properties: { scope: report.scope, scopeNote: report.scopeNote },
      },
    ],
  };
}

function sarifRule(id: string, kind: RuleKind, level: Severity, text: string): SarifRule {
  const description = redactUrlUserinfo(text);
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: firstSentence(description) },
    fullDescription: { text: description },
    help: { text: `${description} (stack-guard rule ${id}, kind ${kind})` },
    defaultConfiguration: { level },
    properties: { tags: securityKinds.includes(kind) ? [kind, 'security'] : [kind] },
  };
}

function sarifResult(finding: Finding, ruleIndex: number): object {
  const region: Record<string, number> = { startLine: finding.line ?? 1 };
  if (finding.line !== undefined) {
    if (finding.column !== undefined) region.startColumn = finding.column;
    if (finding.endLine !== undefined) region.endLine = finding.endLine;
    if (finding.endColumn !== undefined) region.endColumn = finding.endColumn;
  }
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity,
    message: {
      text: finding.commit
        ? `${redactUrlUserinfo(finding.message)} (added in commit ${finding.commit.slice(0, 12)})`
        : redactUrlUserinfo(finding.message),
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(finding.path), uriBaseId: '%SRCROOT%' },
          region,
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: `${finding.fingerprint}:1` },
    ...(finding.commit ? { properties: { commit: finding.commit } } : {}),
  };
}

/** A repository-relative path as a relative URI reference: each segment percent-encoded, slashes kept. */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

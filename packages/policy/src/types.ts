/**
 * The contract between the policy (rules compiled from a policy file) and the scanner (which files,
 * which lines, what is reported). Rules see one text file at a time and know nothing of scopes.
 */

export const ruleKinds = ['dependencies', 'text', 'structured', 'connection-strings', 'secrets'] as const;
export type RuleKind = (typeof ruleKinds)[number];

export const severities = ['error', 'warning', 'note'] as const;
export type Severity = (typeof severities)[number];

/** A text file as a rule sees it: a repository-relative path with forward slashes, and its content. */
export interface SourceFile {
  path: string;
  content: string;
}

/** What a rule reports; lines and columns are 1-based, columns count UTF-16 units like editors do. */
export interface RuleFinding {
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /**
   * The text that matched, used for the fingerprint so a finding keeps its identity when lines move.
   * For secrets it must already be redacted: reports never carry a secret.
   */
  match?: string;
}

export interface CompiledRule {
  id: string;
  kind: RuleKind;
  severity: Severity;
  /** One sentence: what the rule keeps out and why; the SARIF rule description. */
  description: string;
  /** Whether the rule looks at this path at all (its file globs). */
  appliesTo(path: string): boolean;
  check(file: SourceFile): Promise<RuleFinding[]>;
}

/** A finding as reported: the rule's finding plus where and what, and a stable fingerprint. */
export interface Finding extends RuleFinding {
  ruleId: string;
  kind: RuleKind;
  severity: Severity;
  path: string;
  /** Only in the history scope: the commit that added the line. */
  commit?: string;
  fingerprint: string;
}

/** A policy file (or presets) loaded, validated and compiled. */
export interface ResolvedPolicy {
  source: string;
  rules: CompiledRule[];
  ignorePaths: string[];
  baseline?: string;
  presets: string[];
  rulesOff: string[];
}

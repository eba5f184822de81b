import type { RuleConfig } from '../config-schema';
import { compileGlobs } from '../globs';
import type { CompiledRule, RuleFinding, Severity, SourceFile } from '../types';
import { connectionStringsChecker, connectionStringsDefaultFiles } from './connection-strings';
import { dependenciesChecker, dependenciesDefaultFiles } from './dependencies';
import { secretsChecker, secretsDefaultFiles } from './secrets';
import { structuredChecker } from './structured';
import { textChecker } from './text';

type Checker = (file: SourceFile) => RuleFinding[] | Promise<RuleFinding[]>;

/** A rule ready to compile: its configuration with severity resolved (never 'off'). */
export interface RuleToCompile {
  config: RuleConfig;
  severity: Severity;
}

/**
 * Compiles one rule: its globs and regexes once, into a CompiledRule whose `appliesTo` is two glob tests and
 * whose findings carry the rule's message. Throws RuleConfigError for what the schema cannot catch.
 */
export function compileRule({ config, severity }: RuleToCompile): CompiledRule {
  const { checker, files } = kindChecker(config);
  const included = compileGlobs(config.files ?? files);
  const ignored = config.ignore && config.ignore.length > 0 ? compileGlobs(config.ignore) : undefined;
  const suffix = config.message ? ` — ${config.message}` : '';
  return {
    id: config.id,
    kind: config.kind,
    severity,
    description: config.description ?? config.message ?? `${config.kind} rule ${config.id}`,
    appliesTo: ignored ? (path) => included(path) && !ignored(path) : included,
    async check(file) {
      const findings = distinct(await checker(file));
      if (suffix === '' || findings.length === 0) return findings;
      for (const finding of findings) finding.message += suffix;
      return findings;
    },
  };
}

/**
 * One finding per violation: two parts of a rule that say the same of the same place (a `constrain` and a
 * `require` of react-router >=7 on one declaration) are one finding, not two in the counts and the SARIF.
 */
function distinct(findings: RuleFinding[]): RuleFinding[] {
  if (findings.length < 2) return findings;
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.line}:${finding.column}:${finding.endLine ?? ''}:${finding.endColumn ?? ''}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function kindChecker(config: RuleConfig): { checker: Checker; files: string[] } {
  switch (config.kind) {
    case 'dependencies':
      return { checker: dependenciesChecker(config), files: dependenciesDefaultFiles };
    case 'text':
      return { checker: textChecker(config), files: config.files };
    case 'structured':
      return { checker: structuredChecker(config), files: config.files };
    case 'connection-strings':
      return { checker: connectionStringsChecker(config), files: connectionStringsDefaultFiles };
    case 'secrets':
      return { checker: secretsChecker(config), files: secretsDefaultFiles };
  }
}

import type { TextRuleConfig } from '../config-schema';
import type { RuleFinding, SourceFile } from '../types';
import { redactUrlUserinfo } from '../url-userinfo';
import { Locator } from './locate';
import { compileRegex } from './regex';

/** A text rule: every match of its patterns, with line, column and end column; lines matching exclude-pattern skipped. */
export function textChecker(config: TextRuleConfig): (file: SourceFile) => RuleFinding[] {
  const flags = config['case-sensitive'] ? 'gm' : 'gim';
  const sources = config.patterns ?? (config.pattern === undefined ? [] : [config.pattern]);
  const patterns = sources.map((source, index) =>
    compileRegex(source, flags, config.patterns ? ['patterns', index] : ['pattern']),
  );
  const exclude =
    config['exclude-pattern'] === undefined
      ? undefined
      : compileRegex(config['exclude-pattern'], flags.replace('g', ''), ['exclude-pattern']);

  // With a rule message the finding says why; the regex would only be noise.
  const quiet = config.message !== undefined;
  return (file) => {
    const { content } = file;
    let findings: RuleFinding[] | undefined;
    let locator: Locator | undefined;
    const seen = patterns.length > 1 ? new Set<number>() : undefined;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(content); match !== null; match = pattern.exec(content)) {
        const text = match[0];
        if (text === '') {
          pattern.lastIndex++;
          continue;
        }
        if (seen) {
          if (seen.has(match.index)) continue;
          seen.add(match.index);
        }
        locator ??= new Locator(content);
        const start = locator.position(match.index);
        if (exclude?.test(locator.lineText(start.line))) continue;
        const end = locator.position(match.index + text.length - 1);
        findings ??= [];
        findings.push({
          message: quiet ? `found '${oneLine(text)}'` : `'${oneLine(text)}' matches /${pattern.source}/`,
          line: start.line,
          column: start.column,
          ...(end.line === start.line ? {} : { endLine: end.line }),
          endColumn: end.column + 1,
          match: text,
        });
      }
    }
    if (!findings) return [];
    if (seen) findings.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
    return findings;
  };
}

/** The match on one line, URL credentials removed before it is shortened (a cut could hide where they end). */
function oneLine(text: string): string {
  const flat = redactUrlUserinfo(text).replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

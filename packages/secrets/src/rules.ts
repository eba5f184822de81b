// Value rules: checked before any write, and any violation stops the run. A message names the secret, its
// origin and the rule, and never quotes the value or a part of it.
import picomatch from 'picomatch';
import type { ValueRule } from './config';
import type { SecretEntry } from './sources';

export type RuleName = 'non-empty' | 'url' | 'postgres' | 'min-length' | 'regex' | 'size';

export interface Violation {
  name: string;
  origin: string;
  rule: RuleName;
  message: string;
}

/** GitHub keeps at most 48 KB per secret; the docs leave open whether before sealing, so count the plain text. */
export const maxGitHubSecretBytes = 48 * 1024;

/** PgBouncer / Supavisor transaction mode: prepared statements and migrations break through it. */
const poolerPort = '6543';

export interface CheckRulesOptions {
  /** The size limit of the targets (GitHub's 48 KB when there is a GitHub target). */
  maxBytes?: number;
}

/** Every violation of every rule whose `names` glob matches an entry's (final) name. */
export function checkRules(
  entries: SecretEntry[],
  rules: ValueRule[],
  options: CheckRulesOptions = {},
): Violation[] {
  const violations: Violation[] = [];
  const compiled = rules.map((rule) => ({ rule, matches: picomatch(rule.names) }));
  for (const entry of entries) {
    const add = (rule: RuleName, problem: string) =>
      violations.push({
        name: entry.name,
        origin: entry.origin,
        rule,
        message: `${entry.name} (${entry.origin}): ${rule}: ${problem}`,
      });
    if (options.maxBytes !== undefined && Buffer.byteLength(entry.value) > options.maxBytes) {
      add('size', `longer than ${options.maxBytes} bytes, the most a GitHub secret holds`);
    }
    for (const { rule, matches } of compiled) {
      if (!matches(entry.name)) continue;
      const problem = ruleProblem(rule, entry.value);
      if (problem) add(problem.rule, problem.text);
    }
  }
  return violations;
}

function ruleProblem(rule: ValueRule, value: string): { rule: RuleName; text: string } | undefined {
  if ('non-empty' in rule) {
    return value.trim() === '' ? { rule: 'non-empty', text: 'is empty' } : undefined;
  }
  if ('min-length' in rule) {
    const minimum = rule['min-length'];
    return [...value].length < minimum
      ? { rule: 'min-length', text: `is shorter than ${minimum} characters` }
      : undefined;
  }
  if ('regex' in rule) {
    return new RegExp(rule.regex).test(value)
      ? undefined
      : { rule: 'regex', text: `does not match /${rule.regex}/` };
  }
  if ('url' in rule) {
    const protocols = rule.url === true ? undefined : rule.url.protocols;
    const text = urlProblem(value, protocols);
    return text ? { rule: 'url', text } : undefined;
  }
  const port = String(rule.postgres === true ? 5432 : (rule.postgres.port ?? 5432));
  const text = postgresProblem(value, port);
  return text ? { rule: 'postgres', text } : undefined;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value.trim());
  } catch {
    return undefined;
  }
}

function urlProblem(value: string, protocols: string[] | undefined): string | undefined {
  const url = parseUrl(value);
  if (!url) return 'is not a URL';
  const allowed = protocols?.map((protocol) => protocol.replace(/:?$/, ':').toLowerCase());
  // Which protocol it has is part of the value: say only what was expected.
  if (allowed && !allowed.includes(url.protocol)) return `protocol is not one of ${allowed.join(', ')}`;
  if (['http:', 'https:'].includes(url.protocol) && !url.hostname) return 'has no host';
  return undefined;
}

function postgresProblem(value: string, directPort: string): string | undefined {
  const url = parseUrl(value);
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
    return 'is not a postgres:// or postgresql:// URL';
  }
  if (!url.hostname) return 'has no host';
  const port = url.port || '5432';
  if (port === directPort) return undefined;
  if (port === poolerPort) {
    return `uses port ${poolerPort}, the pooler (transaction mode breaks prepared statements and migrations); use the direct port ${directPort}`;
  }
  return `does not use the direct port ${directPort}`;
}

import type { ConnectionStringsRuleConfig } from '../config-schema';
import { compileGlobs } from '../globs';
import { isLoopbackHost, isPlaceholder } from '../placeholders';
import type { RuleFinding, SourceFile } from '../types';
import { parseConnectionUrl } from './connection-url';
import { Locator } from './locate';

export const connectionStringsDefaultFiles = ['**/*'];
const defaultSchemes = ['postgres', 'postgresql'];
const defaultPoolerPorts = [6543];

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The variable a URL is assigned to on its line: NAME=..., NAME: ..., "NAME": "...", export NAME=... */
const assignedName = /([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*["'`]?$/;

/** A connection-strings rule: database URLs on hosts not allowed, with embedded passwords, or on a pooler port. */
export function connectionStringsChecker(
  config: ConnectionStringsRuleConfig,
): (file: SourceFile) => RuleFinding[] {
  const schemes = config.schemes ?? defaultSchemes;
  const urlPattern = new RegExp(
    // `<password>` and `db.<project-ref>` are placeholders inside the URL (Supabase's template), not its end.
    `(?<![A-Za-z0-9+.-])(?:${schemes.map(escapeRegex).join('|')})://(?:[^\\s'"\`<>]|<[^\\s'"\`<>]*>)+`,
    'gi',
  );
  const allowedHosts = config['allowed-hosts'];
  const hostAllowed = allowedHosts ? compileGlobs(allowedHosts, { nocase: true }) : undefined;
  const forbidPassword = config['forbid-password'] ?? true;
  const direct = config['direct-required'];
  const directName = direct ? compileGlobs(direct.names, { nocase: true }) : undefined;
  const poolerPorts = new Set(direct?.['pooler-ports'] ?? defaultPoolerPorts);

  return (file) => {
    const { content } = file;
    let findings: RuleFinding[] | undefined;
    let locator: Locator | undefined;
    urlPattern.lastIndex = 0;
    for (let match = urlPattern.exec(content); match !== null; match = urlPattern.exec(content)) {
      const text = trimUrl(match[0]);
      let url = parseConnectionUrl(text);
      if (!url) continue;
      let end = match.index + text.length;
      if (url.host === '' && url.password !== undefined) {
        const rest = continuation(content, end);
        const joined = rest && parseConnectionUrl(text + rest.text);
        if (joined) {
          url = joined;
          end = rest.end;
        }
      }
      const problems: string[] = [];
      const templated =
        url.host === '' ||
        /[$<{%]/.test(url.host) ||
        url.hostText.split(':').every((part) => isPlaceholder(part));
      const loopback = isLoopbackHost(url.host);
      if (hostAllowed && !templated && !hostAllowed(url.host)) {
        problems.push(`host ${url.host} is not allowed (allowed: ${allowedHosts!.join(', ')})`);
      }
      if (forbidPassword && url.password !== undefined && !loopback && !isPlaceholder(url.password)) {
        problems.push('it embeds a password; read it from a secret instead');
      }
      locator ??= new Locator(content);
      const start = locator.position(match.index);
      if (directName && url.port !== undefined && poolerPorts.has(url.port)) {
        const prefix = locator.lineText(start.line).slice(0, start.column - 1);
        const name = assignedName.exec(prefix)?.[1];
        if (name && directName(name)) {
          problems.push(`${name} must be a direct connection, but port ${url.port} is the pooler`);
        }
      }
      if (problems.length === 0) continue;
      findings ??= [];
      const last = locator.position(end - 1);
      findings.push({
        message: `database URL ${url.redacted}: ${problems.join('; ')}`,
        line: start.line,
        column: start.column,
        ...(last.line === start.line ? {} : { endLine: last.line }),
        endColumn: last.column + 1,
        match: url.redacted,
      });
    }
    return findings ?? [];
  };
}

// The second string of `"postgresql://user:pw" +` newline `"@host/db"`, whose first string stops before the host.
const continued = /["'`]\s*\+?\s*["'`](@[^\s'"`<>]+)/y;

/** The rest of a database URL split across a string concatenation at `end`, and where it ends. */
function continuation(content: string, end: number): { text: string; end: number } | undefined {
  continued.lastIndex = end;
  const rest = continued.exec(content);
  if (!rest) return undefined;
  const text = trimUrl(rest[1]!);
  return { text, end: rest.index + rest[0].length - rest[1]!.length + text.length };
}

/** Drops punctuation that ends a sentence or closes a bracket around the URL, not part of it. */
function trimUrl(text: string): string {
  let end = text.length;
  while (end > 0) {
    const last = text[end - 1]!;
    if ('.,;:!?)}'.includes(last)) end--;
    else if (last === ']' && count(text.slice(0, end), '[') < count(text.slice(0, end), ']')) end--;
    else break;
  }
  return text.slice(0, end);
}

function count(text: string, char: string): number {
  let total = 0;
  for (let index = text.indexOf(char); index !== -1; index = text.indexOf(char, index + 1)) total++;
  return total;
}

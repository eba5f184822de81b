import { isPlaceholder } from './placeholders';

/**
 * Database URL schemes: in these a user info without a colon is a user name (libpq, MySQL, MongoDB, Redis and
 * AMQP clients all read it so), which reports keep; anywhere else it is as likely a token (`https://ghp_…@`).
 */
export const databaseSchemes = [
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
];

const databaseSchemeSet = new Set(databaseSchemes);

/**
 * Whether an authority with no `@` is a user info rather than a host: `a:b` where `b` is not a port and `a:b`
 * is no host and port the URL parser accepts (`localhost:3000` and `[::1]:5432` are hosts).
 */
function isUserinfoNotHost(authority: string): boolean {
  const colon = authority.indexOf(':');
  if (colon === -1 || authority.includes('@')) return false;
  const afterColon = authority.slice(colon + 1);
  if (afterColon === '' || /^\d+$/.test(afterColon)) return false;
  try {
    new URL(`http://${authority}`);
    return false;
  } catch {
    return true;
  }
}

/** A URL's user info, and the text after it (after its `@`, or after the authority it stands for when cut). */
export interface Userinfo {
  userinfo: string;
  after: string;
  /** No `@` follows: the URL was cut before its host (`"postgresql://user:pw" +`). */
  cut: boolean;
}

/**
 * The user info of `scheme://<rest>`, or undefined when there is none. It ends at the last `@` before the
 * path, so a password holding `@`, `?` or `#` unencoded is taken whole; an authority that is no host
 * (`user:pa`) takes the user info to the last `@` anywhere, so one holding a `/` is too; with no `@` at all
 * that authority is a user info cut before its host, unless a path follows (`http://host:port/…`).
 */
export function splitUserinfo(rest: string): Userinfo | undefined {
  const pathStart = rest.indexOf('/');
  const beforePath = pathStart === -1 ? rest : rest.slice(0, pathStart);
  const authority = beforePath.slice(0, beforePath.search(/[?#]|$/));
  let at = authority.includes('@') ? beforePath.lastIndexOf('@') : -1;
  if (at === -1) {
    // Punctuation that ends a sentence or a message part (`postgresql://user:pw: host …`) is not the URL's.
    const trimmed = authority.replace(/[.,;:!]+$/, '');
    if (!isUserinfoNotHost(trimmed)) return undefined;
    at = rest.lastIndexOf('@');
    if (at === -1) {
      if (rest[authority.length] === '/') return undefined;
      return { userinfo: trimmed, after: rest.slice(trimmed.length), cut: true };
    }
  }
  return { userinfo: rest.slice(0, at), after: rest.slice(at + 1), cut: false };
}

const schemeStart = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*):\/\//gi;
/** What can follow `scheme://` in one URL: anything up to a space, a quote or an angle bracket. */
const urlRest = /[^\s"'`<>\\]*/y;

/**
 * Every URL-like text with its user info removed, parsed or not: `scheme://user:***@host` for database
 * schemes (`scheme://user@host` kept), `scheme://***@host` for any other; and an authority cut before its
 * `@host` (`"postgresql://user:pw" +` at the end of a line) as `postgresql://user:***`. What findings carry
 * passes through here, as does every text a report takes from a finding.
 */
export function redactUrlUserinfo(text: string): string {
  if (!text.includes('://')) return text;
  let redacted = '';
  let copied = 0;
  schemeStart.lastIndex = 0;
  for (let match = schemeStart.exec(text); match !== null; match = schemeStart.exec(text)) {
    const restStart = match.index + match[0].length;
    urlRest.lastIndex = restStart;
    const found = splitUserinfo(urlRest.exec(text)![0]);
    // A placeholder after the colon of a cut authority is a templated port (`localhost:${PORT}`), not a password.
    if (!found || (found.cut && isPlaceholder(found.userinfo.slice(found.userinfo.indexOf(':') + 1)))) {
      continue;
    }
    redacted += `${text.slice(copied, restStart)}${redactUserinfo(match[1]!, found.userinfo)}${found.cut ? '' : '@'}`;
    copied = restStart + found.userinfo.length + (found.cut ? 0 : 1);
    // Scanning goes on after the user info, so a URL inside this one's query is redacted too.
    schemeStart.lastIndex = copied;
  }
  return copied === 0 ? text : redacted + text.slice(copied);
}

function redactUserinfo(scheme: string, userinfo: string): string {
  if (!databaseSchemeSet.has(scheme.toLowerCase())) return '***';
  const colon = userinfo.indexOf(':');
  return colon === -1 ? userinfo : `${userinfo.slice(0, colon)}:***`;
}

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
 * The authority of a URL cut before its `@host` (`"postgresql://user:pw" +` on one line, `"@host"` on the
 * next): `a:b` where `b` is not a port and `a:b` is no host and port either. Undefined for `localhost:3000`,
 * `[::1]:5432` or an authority with an `@`.
 */
export function userinfoWithoutHost(authority: string): { user: string; password: string } | undefined {
  const colon = authority.indexOf(':');
  if (colon === -1 || authority.includes('@')) return undefined;
  const password = authority.slice(colon + 1);
  if (password === '' || /^\d+$/.test(password)) return undefined;
  try {
    new URL(`http://${authority}`);
    return undefined; // a host and port the URL parser accepts, such as [::1]:3000
  } catch {
    return { user: authority.slice(0, colon), password };
  }
}

/**
 * A scheme and what follows it up to a path, a space, a quote or an angle bracket. `?` and `#` are kept so a
 * password holding them is still cut at its last `@`; a `/` ends the match, so `https://host/@user` is a path.
 */
const urlStart = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*):\/\/([^\s/"'`<>\\]*)/gi;

/**
 * Every URL-like text with its user info removed, parsed or not: `scheme://user:***@host` for database
 * schemes (`scheme://user@host` kept), `scheme://***@host` for any other; and an authority cut before its
 * `@host` (`"postgresql://user:pw" +` at the end of a line) as `postgresql://user:***`. What findings carry
 * passes through here, as does every text a report takes from a finding.
 */
export function redactUrlUserinfo(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(urlStart, (whole, scheme: string, rest: string, offset: number) => {
    const at = rest.lastIndexOf('@');
    if (at !== -1) {
      return `${scheme}://${redactUserinfo(scheme, rest.slice(0, at))}${rest.slice(at)}`;
    }
    const authorityEnd = rest.search(/[?#]/);
    // Punctuation that ends a sentence or a message part (`postgresql://user:pw: host …`) is not the URL's.
    const authority = (authorityEnd === -1 ? rest : rest.slice(0, authorityEnd)).replace(/[.,;:!]+$/, '');
    // A path after `a:b` makes it a host with a named or templated port, not a user info cut before its host.
    if (authorityEnd === -1 && text[offset + whole.length] === '/') return whole;
    const split = userinfoWithoutHost(authority);
    // A placeholder after the colon is a templated port (`localhost:${PORT}`) far more often than a password.
    if (!split || isPlaceholder(split.password)) return whole;
    return `${scheme}://${redactUserinfo(scheme, authority)}${rest.slice(authority.length)}`;
  });
}

function redactUserinfo(scheme: string, userinfo: string): string {
  if (!databaseSchemeSet.has(scheme.toLowerCase())) return '***';
  const colon = userinfo.indexOf(':');
  return colon === -1 ? userinfo : `${userinfo.slice(0, colon)}:***`;
}

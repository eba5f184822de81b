import { splitUserinfo } from '../url-userinfo';

/** A database URL taken apart; `password` (from the user info, else a password= parameter) is undefined when there is none. */
export interface ConnectionUrl {
  scheme: string;
  user?: string;
  password?: string;
  /** Lowercase, without IPv6 brackets; empty when the URL has no host (a Unix socket, or a URL cut before it). */
  host: string;
  /** The (first) host and port as written, case kept: `HOST:PORT` in a template. */
  hostText: string;
  port?: number;
  /** The URL with its password (in the user info or the query) replaced by ***: safe to print. */
  redacted: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Parses `scheme://user:password@host:port/db?query`. The user info is split by hand (see `splitUserinfo`),
 * so unencoded `[YOUR-PASSWORD]`, or `@`, `/`, `?`, `#` in passwords survive; the host and port go through the
 * WHATWG URL parser with the scheme swapped for one it knows. `scheme://user:password` with no `@` (a URL
 * split across a string concatenation) is a user info without a host, never a host and port.
 */
export function parseConnectionUrl(url: string): ConnectionUrl | undefined {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd <= 0) return undefined;
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  const rest = url.slice(schemeEnd + 3);
  const found = splitUserinfo(rest);
  const userInfo = found?.userinfo;
  const afterUserInfo = found ? found.after : rest;
  const pathStart = afterUserInfo.search(/[/?#]|$/);
  // A URL cut before its `@host` (`"postgresql://user:pw" +`) has no host: what follows its user info is a tail.
  const hostPort = found?.cut ? '' : afterUserInfo.slice(0, pathStart);
  const tail = found?.cut ? afterUserInfo : afterUserInfo.slice(pathStart);

  let user: string | undefined;
  let password: string | undefined;
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(':');
    user = decode(colon === -1 ? userInfo : userInfo.slice(0, colon));
    if (colon !== -1) password = decode(userInfo.slice(colon + 1));
  }

  // Several hosts (libpq's host1:5432,host2:5432): the first one stands for all.
  const firstHost = hostPort.split(',')[0] ?? '';
  let host = '';
  let port: number | undefined;
  if (firstHost !== '') {
    try {
      const parsed = new URL(`http://${firstHost}`);
      host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
      if (parsed.port !== '') port = Number(parsed.port);
      else if (/:80$/.test(firstHost)) port = 80; // the http scheme would hide its default port
    } catch {
      const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(firstHost);
      host = (match?.[1] ?? firstHost).replace(/^\[(.*)\]$/, '$1').toLowerCase();
      if (match?.[2]) port = Number(match[2]);
    }
  }

  if (password === undefined) {
    const inQuery = /[?&](?:password|pass|pwd)=([^&#]*)/i.exec(tail);
    if (inQuery) password = decode(inQuery[1]!);
  }

  const safeTail = tail.replace(/([?&](?:password|sslpassword|pass|pwd)=)[^&#]*/gi, '$1***');
  const safeUserInfo = userInfo === undefined ? '' : `${user ?? ''}${password === undefined ? '' : ':***'}`;
  const redacted = `${scheme}://${safeUserInfo}${found && !found.cut ? '@' : ''}${hostPort}${safeTail}`;
  return {
    scheme,
    ...(user !== undefined ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
    host,
    hostText: firstHost,
    ...(port !== undefined ? { port } : {}),
    redacted,
  };
}

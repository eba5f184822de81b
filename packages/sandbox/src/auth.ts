// Authorization: `Bearer <token>` or `FlyV1 <tok1>,<tok2>` (reference §1). Macaroons are not verified.

/** The credentials in an Authorization header, without the scheme; undefined when there are none. */
export function credentials(header: string | undefined): string[] | undefined {
  const match = /^(Bearer|FlyV1)\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match?.[2]) return undefined;
  const tokens = match[2]
    .split(',')
    .map((token) => token.trim().replace(/^(Bearer|FlyV1)\s+/i, ''))
    .filter((token) => token !== '');
  return tokens.length > 0 ? tokens : undefined;
}

/** With no configured token any non-empty one passes; otherwise one of the sent tokens must equal it. */
export function authorized(header: string | undefined, token: string | undefined): boolean {
  const sent = credentials(header);
  if (!sent) return false;
  return token === undefined || sent.includes(token) || sent.join(',') === token;
}

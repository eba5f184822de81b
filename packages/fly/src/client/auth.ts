// The Authorization header as fly-go builds it (tokens/tokens.go): macaroons go under one `FlyV1` scheme,
// comma-joined; anything else is an OAuth or personal token sent as `Bearer`.

const macaroonPrefixes = ['fm1r_', 'fm1a_', 'fm2_'];

export function authorizationHeader(token: string): string {
  const bare = stripScheme(token);
  if (!bare) throw new Error('a Fly API token is required');
  const parts = bare
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.some(isMacaroon)) return `FlyV1 ${parts.join(',')}`;
  return `Bearer ${bare}`;
}

/** The token without a `Bearer ` or `FlyV1 ` scheme word it may have been given with. */
export function stripScheme(token: string): string {
  return token
    .trim()
    .replace(/^(?:bearer|flyv1)(?:\s+|$)/i, '')
    .trim();
}

function isMacaroon(part: string): boolean {
  return macaroonPrefixes.some((prefix) => part.startsWith(prefix));
}

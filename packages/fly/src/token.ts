import { shortestToken } from '@shipgate/kit';

/**
 * Masks the token without its scheme word too (fly-go accepts `FlyV1 …` and `Bearer …`, and a request carries the
 * bare parts), then gives the token back. The kit has masked the token as given and refused a missing or short
 * one (the actions' fly-api-token input, else FLY_API_TOKEN). A bare part too short to be a token is not masked:
 * it would blank those characters in every line.
 */
export function maskBareToken(token: string, mask: (value: string) => void): string {
  const bare = stripScheme(token);
  if (bare !== token && bare.length >= shortestToken) mask(bare);
  return token;
}

const macaroonPrefixes = ['fm1r_', 'fm1a_', 'fm2_'];

/**
 * The Authorization header as fly-go builds it (tokens/tokens.go): macaroons go under one `FlyV1` scheme,
 * comma-joined; anything else is an OAuth or personal token sent as `Bearer`.
 */
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

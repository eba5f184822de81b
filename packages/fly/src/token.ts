import { type ActionContext, InputError, shortestToken } from '@shipgate/kit';

/**
 * The Fly token from the input, else FLY_API_TOKEN, masked before anything can print it. Light on purpose:
 * actions call it before loading the client, so a run without a token fails at once.
 */
export function resolveToken(given: string | undefined, context: Pick<ActionContext, 'mask'>): string {
  const token = given?.trim() || process.env.FLY_API_TOKEN?.trim();
  if (!token) {
    throw new InputError(
      'fly-api-token',
      "Input 'fly-api-token' is required: pass a Fly API token from a secret, or set FLY_API_TOKEN.",
    );
  }
  if (stripScheme(token).length < shortestToken) {
    throw new InputError(
      'fly-api-token',
      `Input 'fly-api-token' is too short for a token (fewer than ${shortestToken} characters): pass the whole token, from a secret, or set FLY_API_TOKEN to it.`,
    );
  }
  context.mask(token);
  // fly-go accepts the token with its scheme word; mask the bare token as well.
  const bare = stripScheme(token);
  if (bare && bare !== token) context.mask(bare);
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

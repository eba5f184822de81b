import { type ActionContext, InputError } from '@shipgate/kit';

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
  context.mask(token);
  // fly-go accepts the token with its scheme word; mask the bare token as well.
  const bare = token.replace(/^(Bearer|FlyV1)\s+/i, '');
  if (bare !== token) context.mask(bare);
  return token;
}

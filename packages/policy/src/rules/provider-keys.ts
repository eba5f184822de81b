// The keys of the stack's own providers that secretlint's recommended preset does not know (it finds Shopify's
// tokens and OpenAI's older keys). Each detector says what a key looks like; keys that are public by design
// (Stripe's pk_live_, Supabase's sb_publishable_ and anon JWT) are not findings.

export interface ProviderKeyDetector {
  /** Used in the finding's match and in a secrets rule's `disable` list. */
  id: string;
  /** What the key is, in the finding's message. */
  label: string;
  /** Global; group `secret`, when present, is the key inside the match (else the whole match). */
  pattern: RegExp;
  /** A further test of a match that has the form (a JWT's role claim). */
  accept?: (secret: string) => boolean;
}

const notAfterWord = '(?<![A-Za-z0-9_])';
const flyMacaroon = 'fm(?:2|1r|1a)_[A-Za-z0-9+/=_-]{20,}';

export const providerKeyDetectors: readonly ProviderKeyDetector[] = [
  {
    id: 'fly-token',
    label: 'Fly.io API token',
    // flyctl prints `FlyV1 fm2_…`; a token may hold several macaroons joined by commas.
    pattern: new RegExp(`${notAfterWord}(?:FlyV1\\s+)?${flyMacaroon}(?:,(?:${flyMacaroon}))*`, 'g'),
  },
  {
    id: 'stripe-secret-key',
    label: 'Stripe live secret or restricted key',
    pattern: new RegExp(`${notAfterWord}(?:sk|rk)_live_[A-Za-z0-9]{20,}`, 'g'),
  },
  {
    id: 'supabase-secret-key',
    label: 'Supabase secret key',
    pattern: new RegExp(`${notAfterWord}sb_secret_[A-Za-z0-9_-]{20,}`, 'g'),
  },
  {
    id: 'supabase-service-role-jwt',
    label: 'Supabase service_role key (a JWT that bypasses row-level security)',
    pattern: new RegExp(
      `${notAfterWord}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}`,
      'g',
    ),
    accept: (jwt) => jwtRole(jwt) === 'service_role',
  },
  {
    id: 'openai-project-key',
    label: 'OpenAI project, service-account or admin key',
    pattern: new RegExp(`${notAfterWord}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}`, 'g'),
  },
  {
    id: 'chatwoot-token',
    label: 'Chatwoot access token',
    // Chatwoot's tokens have no prefix of their own: they are found by the name they are given.
    pattern:
      /(?<![A-Za-z0-9_])(?:CHATWOOT_[A-Z0-9_]*(?:TOKEN|SECRET|KEY)|api_access_token)["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9_-]{16,})/g,
  },
];

/** The `role` claim of a JWT's payload, or undefined when it has none or is no JWT. */
function jwtRole(jwt: string): string | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const role = claims && typeof claims === 'object' ? (claims as { role?: unknown }).role : undefined;
    return typeof role === 'string' ? role : undefined;
  } catch {
    return undefined;
  }
}

export interface ProviderKeyMatch {
  detector: ProviderKeyDetector;
  secret: string;
  start: number;
  end: number;
}

/** Every key of the detectors in `content`, with its offsets. */
export function findProviderKeys(
  content: string,
  detectors: readonly ProviderKeyDetector[] = providerKeyDetectors,
): ProviderKeyMatch[] {
  const found: ProviderKeyMatch[] = [];
  for (const detector of detectors) {
    detector.pattern.lastIndex = 0;
    for (const match of content.matchAll(detector.pattern)) {
      const secret = match.groups?.secret ?? match[0];
      const start = match.index + (match.groups?.secret ? match[0].lastIndexOf(secret) : 0);
      if (detector.accept && !detector.accept(secret)) continue;
      found.push({ detector, secret, start, end: start + secret.length });
    }
  }
  return found;
}

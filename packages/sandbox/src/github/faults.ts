// Faults for the GitHub simulator: rate limits (secondary and primary), a missing permission, 5xx, an
// error that echoes the credential, latency and dropped connections, matched by method and path regex,
// after `after` requests, for `times` requests or at random.
import { z } from 'zod';

const matcher = {
  method: z.string().optional(),
  /** A regular expression tested against the request path (without the query). */
  path: z
    .string()
    .refine((source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    }, 'path must be a regular expression')
    .optional(),
  /** The rule lets this many matching requests through before it hits one. */
  after: z.number().int().nonnegative().optional(),
  /** The rule applies to this many matching requests, then retires. */
  times: z.number().int().positive().optional(),
  /** Each matching request is hit with this probability (0..1). */
  probability: z.number().min(0).max(1).optional(),
};

export const gitHubFaultSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('secondaryRateLimit'),
      ...matcher,
      status: z.union([z.literal(403), z.literal(429)]).default(403),
      /** Seconds, sent as `retry-after`; omit with `retryAfter: null` to test the clients' 60 s fallback. */
      retryAfter: z.number().int().nonnegative().nullable().default(60),
    })
    .strict(),
  z
    .object({
      kind: z.literal('primaryRateLimit'),
      ...matcher,
      status: z.union([z.literal(403), z.literal(429)]).default(403),
      /** Seconds from now to `x-ratelimit-reset`. */
      resetAfter: z.number().int().nonnegative().default(60),
    })
    .strict(),
  z
    .object({
      kind: z.literal('permission'),
      ...matcher,
      /** `x-accepted-github-permissions`; by default the one the endpoint needs, e.g. `secrets=write`. */
      permission: z.string().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('status'),
      ...matcher,
      status: z.union([z.literal(500), z.literal(502), z.literal(503)]),
      message: z.string().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('echoCredential'),
      ...matcher,
      status: z.union([z.literal(401), z.literal(403), z.literal(422), z.literal(500)]).default(401),
      /** The request header quoted back (default Authorization). */
      header: z.string().min(1).default('authorization'),
      message: z.string().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('latency'), ...matcher, ms: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('drop'), ...matcher }).strict(),
]);

export type GitHubFaultInput = z.input<typeof gitHubFaultSchema>;
export type GitHubFault = z.output<typeof gitHubFaultSchema> & {
  id: string;
  /** Matching requests seen, let through by `after` or not. */
  seen: number;
  hits: number;
};

export class GitHubFaults {
  private rules: GitHubFault[] = [];
  private counter = 0;

  /** Adds a rule (checked in the order added); returns its id. */
  add(rule: GitHubFaultInput): string {
    const parsed = gitHubFaultSchema.parse(rule);
    const id = `github-fault-${++this.counter}`;
    this.rules.push({ ...parsed, id, seen: 0, hits: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): GitHubFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule that hits this request, counted against its `after` and `times`. */
  match(method: string, path: string): GitHubFault | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path && !new RegExp(rule.path).test(path)) continue;
      rule.seen++;
      if (rule.after !== undefined && rule.seen <= rule.after) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      rule.hits++;
      if (rule.times !== undefined && rule.hits >= rule.times) this.remove(rule.id);
      return { ...rule };
    }
    return undefined;
  }
}

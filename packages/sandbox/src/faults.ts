// Faults on demand: request rules (latency, an error status, an error that echoes the credential, a dropped
// connection) for the API or an app's proxy, and machine faults (a machine that never starts, a lease
// someone else holds).
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { type CredentialForms, echoCredential } from './credential-echo';

export const requestFaultSchema = z
  .object({
    /** Where the rule applies: the Machines API (default) or an app's proxy. */
    scope: z.enum(['api', 'proxy']).default('api'),
    method: z.string().optional(),
    /** A regular expression tested against the request path (without the query). */
    path: z.string().optional(),
    app: z.string().optional(),
    machine: z.string().optional(),
    /** The rule lets this many matching requests through before it hits one. */
    after: z.number().int().nonnegative().optional(),
    /** The rule applies to this many matching requests, then retires. */
    times: z.number().int().positive().optional(),
    /** Each matching request is hit with this probability (0..1). */
    probability: z.number().min(0).max(1).optional(),
    /** Delay in ms before the request is handled (or before the status / drop below). */
    latency: z.number().nonnegative().optional(),
    status: z.number().int().min(400).max(599).optional(),
    /** Seconds, sent as `Retry-After` with `status`. */
    retryAfter: z.number().nonnegative().optional(),
    message: z.string().optional(),
    /**
     * Answer `status` (401 unless given) quoting the request's Authorization header (or the header named)
     * in the body and in `www-authenticate`: raw, JSON-escaped, base64, base64url and URL-encoded.
     */
    echoCredential: z.union([z.literal(true), z.string().min(1)]).optional(),
    /** Destroy the socket without answering. */
    drop: z.boolean().optional(),
  })
  .strict()
  .refine(
    (rule) =>
      rule.latency !== undefined ||
      rule.status !== undefined ||
      rule.echoCredential !== undefined ||
      rule.drop,
    { message: 'a rule needs latency, status, echoCredential or drop' },
  )
  .refine((rule) => {
    if (rule.path === undefined) return true;
    try {
      new RegExp(rule.path);
      return true;
    } catch {
      return false;
    }
  }, 'path must be a regular expression');

export type RequestFaultInput = z.input<typeof requestFaultSchema>;
export type RequestFault = z.output<typeof requestFaultSchema> & {
  id: string;
  /** Matching requests seen, let through by `after` or not. */
  seen: number;
  hits: number;
};

export interface FaultAnswer {
  status: number;
  message: string;
  headers: Record<string, string>;
  /** The echoed credential's forms, for a body that has room for them. */
  presented?: CredentialForms;
}

/** What a rule with a status or an echo answers; undefined for a rule of only latency or drop. */
export function faultAnswer(
  rule: RequestFault,
  requestHeaders: IncomingHttpHeaders,
): FaultAnswer | undefined {
  const echo =
    rule.echoCredential === undefined ? undefined : echoCredential(requestHeaders, rule.echoCredential);
  const status = rule.status ?? (echo ? 401 : undefined);
  if (status === undefined) return undefined;
  const message = rule.message ?? `injected fault: ${status}`;
  return {
    status,
    message: echo ? `${message}: ${echo.text}` : message,
    headers: {
      ...(rule.retryAfter !== undefined ? { 'retry-after': String(Math.ceil(rule.retryAfter)) } : {}),
      ...echo?.headers,
    },
    ...(echo ? { presented: echo.forms } : {}),
  };
}

export const machineFaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('neverStarts'), app: z.string(), machine: z.string() }).strict(),
  z
    .object({
      kind: z.literal('holdLease'),
      app: z.string(),
      machine: z.string(),
      owner: z.string().default('someone-else@example.com'),
      ttlSeconds: z.number().positive().default(3600),
    })
    .strict(),
]);

export interface RequestSubject {
  scope: 'api' | 'proxy';
  method: string;
  path: string;
  app?: string;
  machine?: string;
}

/** Machine faults need the platform; it hands these in. */
export interface MachineFaultTargets {
  neverStarts(app: string, machine: string | 'next-created'): void;
  holdLease(app: string, machine: string, owner: string, ttlSeconds: number): { nonce: string };
  clearMachineFaults(): void;
}

export class Faults {
  private rules: RequestFault[] = [];
  private counter = 0;

  constructor(private readonly targets: MachineFaultTargets) {}

  /** Adds a request rule; returns its id. */
  add(rule: RequestFaultInput): string {
    const parsed = requestFaultSchema.parse(rule);
    const id = `fault-${++this.counter}`;
    this.rules.push({ ...parsed, id, seen: 0, hits: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  /** The machine stays `starting` whenever it is started; `next-created` marks the app's next new machine. */
  neverStarts(app: string, machine: string | 'next-created'): void {
    this.targets.neverStarts(app, machine);
  }

  /** Someone else holds an unexpired lease on the machine. */
  holdLease(
    app: string,
    machine: string,
    owner = 'someone-else@example.com',
    ttlSeconds = 3600,
  ): { nonce: string } {
    return this.targets.holdLease(app, machine, owner, ttlSeconds);
  }

  /** Removes every request rule and machine fault (held leases and stuck machines are released). */
  clear(): void {
    this.rules = [];
    this.targets.clearMachineFaults();
  }

  list(): RequestFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule that hits this request, counted against its `after` and `times`. */
  match(subject: RequestSubject): RequestFault | undefined {
    for (const rule of this.rules) {
      if (rule.scope !== subject.scope) continue;
      if (rule.method && rule.method.toUpperCase() !== subject.method.toUpperCase()) continue;
      if (rule.path && !new RegExp(rule.path).test(subject.path)) continue;
      if (rule.app && rule.app !== subject.app) continue;
      if (rule.machine && rule.machine !== subject.machine) continue;
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

// What the mirror wrote, per target: keyed digests (never values, never plain hashes of them) and what the
// target said after the write, so the next run can tell "unchanged" from "changed outside the mirror".
import { createHmac } from 'node:crypto';
import { z } from 'zod';

/** A GitHub Actions variable holds at most 48 KB. */
export const maxStateBytes = 48 * 1024;

export interface SecretStateEntry {
  /** HMAC-SHA256(digestKey, name + "\0" + value), base64url; absent when the run had no digest key. */
  digest?: string;
  writtenAt: string;
  /** GitHub's updated_at (or Fly's) right after the write. */
  remoteUpdatedAt?: string;
  /** Fly's own digest of the value right after the write. */
  remoteDigest?: string;
}

export interface TargetState {
  version: 1;
  /** Identifies the digest key (an HMAC of a constant), so a new key reads as "every digest changed". */
  keyId?: string;
  secrets: Record<string, SecretStateEntry>;
}

const stateSchema = z.object({
  version: z.literal(1),
  keyId: z.string().optional(),
  secrets: z.record(
    z.string(),
    z.object({
      digest: z.string().optional(),
      writtenAt: z.string(),
      remoteUpdatedAt: z.string().optional(),
      remoteDigest: z.string().optional(),
    }),
  ),
});

export function emptyState(): TargetState {
  return { version: 1, secrets: {} };
}

/** The keyed digest of one secret: node's HMAC, the name bound in so equal values under two names differ. */
export function secretDigest(digestKey: string, name: string, value: string): string {
  return createHmac('sha256', digestKey).update(`${name}\0${value}`).digest('base64url');
}

/** The digest the state keeps: names compare without case at GitHub, so the upper-case name is bound in. */
export function stateDigest(digestKey: string, name: string, value: string): string {
  return secretDigest(digestKey, name.toUpperCase(), value);
}

export function digestKeyId(digestKey: string): string {
  return createHmac('sha256', digestKey)
    .update('shipgate secret-mirror key id')
    .digest('base64url')
    .slice(0, 12);
}

/** Reads a stored state; anything unreadable counts as no state (every secret is then written again). */
export function parseState(text: string | undefined): { state: TargetState; problem?: string } {
  if (text === undefined || text.trim() === '') return { state: emptyState() };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { state: emptyState(), problem: 'is not JSON' };
  }
  const result = stateSchema.safeParse(data);
  if (!result.success) return { state: emptyState(), problem: 'is not a secret-mirror state (version 1)' };
  return { state: result.data };
}

export class StateTooLargeError extends Error {
  constructor(
    readonly variable: string,
    readonly bytes: number,
  ) {
    super(
      `the state of ${variable} would take ${bytes} bytes, more than the ${maxStateBytes} a GitHub variable holds; split the mirror's targets or secrets`,
    );
    this.name = 'StateTooLargeError';
  }
}

/** Compact JSON with names sorted; throws StateTooLargeError over 48 KB. */
export function serializeState(state: TargetState, variable: string): string {
  const secrets = Object.fromEntries(
    Object.keys(state.secrets)
      .sort()
      .map((name) => [name, state.secrets[name]!]),
  );
  const text = JSON.stringify({ ...state, secrets });
  const bytes = Buffer.byteLength(text);
  if (bytes > maxStateBytes) throw new StateTooLargeError(variable, bytes);
  return text;
}

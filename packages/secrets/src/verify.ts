// Verification: list the target again and check each expected name is there, and that what this run wrote
// shows as written (GitHub: updated_at not older than the write; Fly: digest or updated_at moved).
import type { RemoteSecret } from './plan';

export type VerificationStatus = 'ok' | 'missing' | 'not-updated' | 'still-present';

export interface VerificationItem {
  mirror: string;
  target: string;
  name: string;
  status: VerificationStatus;
  /** Whether this run wrote it (a written name must also look written). */
  written: boolean;
}

/** Clocks of the runner and of GitHub/Fly differ a little; updated_at has whole seconds. */
const clockSkewMs = 5000;

export interface VerifyRequest {
  mirror: string;
  target: string;
  /** Names that must exist (the mirror's names at this target, as the target spells them). */
  expected: readonly string[];
  /** Names written by this run, with when the write started. */
  written: ReadonlyMap<string, Date>;
  deleted: ReadonlySet<string>;
  /** Listed before the writes, to tell a moved digest or updated_at. */
  before: readonly RemoteSecret[];
  /** Listed now. */
  after: readonly RemoteSecret[];
}

/** One item per expected or deleted name. */
export function verifyTarget(request: VerifyRequest): VerificationItem[] {
  const key = (name: string) => name.toUpperCase();
  const after = new Map(request.after.map((secret) => [key(secret.name), secret]));
  const before = new Map(request.before.map((secret) => [key(secret.name), secret]));
  const item = (name: string, status: VerificationStatus): VerificationItem => ({
    mirror: request.mirror,
    target: request.target,
    name,
    status,
    written: request.written.has(name),
  });
  const items = request.expected.map((name) => {
    const now = after.get(key(name));
    if (!now) return item(name, 'missing');
    const at = request.written.get(name);
    if (at && !looksWritten(now, before.get(key(name)), at)) return item(name, 'not-updated');
    return item(name, 'ok');
  });
  for (const name of request.deleted) items.push(item(name, after.has(key(name)) ? 'still-present' : 'ok'));
  return items;
}

function looksWritten(now: RemoteSecret, previous: RemoteSecret | undefined, at: Date): boolean {
  if (!previous) return true;
  if (now.digest && previous.digest && now.digest !== previous.digest) return true;
  if (!now.updatedAt) return false;
  const updated = Date.parse(now.updatedAt);
  return updated >= at.getTime() - clockSkewMs || now.updatedAt !== previous.updatedAt;
}

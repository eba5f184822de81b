// Age of each mirrored secret, by the target's own updated_at: the rotation schedule's evidence.
import type { RemoteSecret } from './plan';

export interface AgeItem {
  mirror: string;
  target: string;
  name: string;
  updatedAt?: string;
  /** Whole days since updatedAt; undefined when the target gave no time. */
  ageDays?: number;
  overdue: boolean;
}

const dayMs = 24 * 60 * 60 * 1000;

export interface AgeRequest {
  mirror: string;
  target: string;
  /** The mirror's names at this target. */
  names: readonly string[];
  remote: readonly RemoteSecret[];
  maxAgeDays?: number;
  now: Date;
  /** How the target compares names (GitHub: without case). */
  key?: (name: string) => string;
}

/** Per name at the target: its age, and `overdue` past max-age-days. Names the target lacks are left out. */
export function ageReport(request: AgeRequest): AgeItem[] {
  const key = request.key ?? ((name: string) => name);
  const remote = new Map(request.remote.map((secret) => [key(secret.name), secret]));
  const items: AgeItem[] = [];
  for (const name of request.names) {
    const secret = remote.get(key(name));
    if (!secret) continue;
    const updated = secret.updatedAt ? Date.parse(secret.updatedAt) : Number.NaN;
    const ageDays = Number.isNaN(updated)
      ? undefined
      : Math.max(0, Math.floor((request.now.getTime() - updated) / dayMs));
    items.push({
      mirror: request.mirror,
      target: request.target,
      name: key(name),
      ...(secret.updatedAt ? { updatedAt: secret.updatedAt } : {}),
      ...(ageDays !== undefined ? { ageDays } : {}),
      overdue: request.maxAgeDays !== undefined && ageDays !== undefined && ageDays > request.maxAgeDays,
    });
  }
  return items;
}

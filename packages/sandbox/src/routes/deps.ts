import type { Platform } from '../platform';

/** What the API routes need from the sandbox around them. */
export interface ApiDeps {
  platform: Platform;
  leaseMismatchStatus: 409 | 412;
  /** Recorded as the owner of leases taken through the API. */
  leaseOwner: string;
  appCreated(name: string): Promise<void>;
  appDeleted(name: string): Promise<void>;
}

export function queryFlag(query: URLSearchParams, name: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(query.get(name) ?? '');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

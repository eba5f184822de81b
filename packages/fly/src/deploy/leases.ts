import type { Logger } from '@shipgate/kit';
import type { FlyApi } from '../api';
import { errorMessage, isLeaseConflictError, isNotFoundError } from './errors';

/** Fly's own words when the error carries them (FlyApiError.reason), without the request line. */
function reasonOf(error: unknown): string {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && reason ? reason : errorMessage(error);
}

/** Another holder's lease stopped the deploy before anything changed. */
export class LeaseConflictError extends Error {
  constructor(
    readonly machineId: string,
    message: string,
  ) {
    super(message);
    this.name = 'LeaseConflictError';
  }
}

/**
 * The leases one deploy holds: acquired on every machine up front, refreshed in the background every
 * (ttl − 1)/3 s so they survive long health waits, released at the end whatever happened.
 */
export class LeaseSet {
  private readonly nonces = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly api: FlyApi,
    private readonly app: string,
    private readonly ttlSeconds: number,
    private readonly log: Logger,
  ) {}

  nonce(machineId: string): string | undefined {
    return this.nonces.get(machineId);
  }

  /** Takes over the lease a machine was created with (`lease_ttl`). */
  adopt(machineId: string, nonce: string | undefined): void {
    if (nonce) this.nonces.set(machineId, nonce);
  }

  /** Stops caring about a machine's lease, e.g. once it is destroyed. */
  forget(machineId: string): void {
    this.nonces.delete(machineId);
  }

  /**
   * Leases every machine, in parallel. If any is held by someone else, releases what it got and throws a
   * LeaseConflictError naming the machine and, when Fly says so, the holder and expiry.
   */
  async acquireAll(machineIds: readonly string[], description: string): Promise<void> {
    const results = await Promise.allSettled(
      machineIds.map(async (id) => {
        const lease = await this.api.acquireLease(this.app, id, { ttlSeconds: this.ttlSeconds, description });
        this.nonces.set(id, lease.nonce);
      }),
    );
    const failures = results
      .map((result, index) => ({ result, id: machineIds[index]! }))
      .filter(
        (entry): entry is { result: PromiseRejectedResult; id: string } => entry.result.status === 'rejected',
      );
    if (failures.length === 0) return;
    await this.releaseAll();
    const conflict = failures.find((failure) => isLeaseConflictError(failure.result.reason)) ?? failures[0]!;
    const reason = reasonOf(conflict.result.reason);
    const others = failures.length > 1 ? ` (and ${failures.length - 1} more)` : '';
    const message = isLeaseConflictError(conflict.result.reason)
      ? `another deploy holds machine ${conflict.id}${others}: ${reason}`
      : `could not lease machine ${conflict.id}${others}: ${reason}`;
    throw new LeaseConflictError(conflict.id, message);
  }

  startRefreshing(): void {
    if (this.timer) return;
    const everyMs = Math.max(250, ((this.ttlSeconds - 1) * 1000) / 3);
    this.timer = setInterval(() => {
      this.refreshing ??= this.refreshAll().finally(() => {
        this.refreshing = undefined;
      });
    }, everyMs);
    this.timer.unref();
  }

  private async refreshAll(): Promise<void> {
    await Promise.all(
      [...this.nonces].map(async ([id, nonce]) => {
        try {
          await this.api.refreshLease(this.app, id, { ttlSeconds: this.ttlSeconds, nonce });
        } catch (error) {
          if (isNotFoundError(error)) this.nonces.delete(id);
          else this.log.debug(`lease refresh on ${id} failed: ${errorMessage(error)}`);
        }
      }),
    );
  }

  /** Stops refreshing and releases every lease; never throws (a lease left behind expires on its own). */
  async releaseAll(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // A refresh still in flight would land after the release and lease the machine again (Fly refreshes a
    // lapsed lease for its nonce): it goes first.
    await this.refreshing;
    const held = [...this.nonces];
    this.nonces.clear();
    await Promise.all(
      held.map(async ([id, nonce]) => {
        try {
          await this.api.releaseLease(this.app, id, nonce);
        } catch (error) {
          if (!isNotFoundError(error)) {
            this.log.warning(`could not release the lease on machine ${id}: ${errorMessage(error)}`);
          }
        }
      }),
    );
  }
}

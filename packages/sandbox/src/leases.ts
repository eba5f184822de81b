// Machine leases (reference §2 "Leases"): one unexpired lease per machine, identified by its nonce.
import { ApiError } from './errors';
import { leaseNonce } from './ids';
import type { Lease, SimMachine } from './model';

export function activeLease(machine: SimMachine, now = Date.now()): Lease | undefined {
  return machine.lease && machine.lease.expiresAt > now ? machine.lease : undefined;
}

export function leaseEnvelope(lease: Lease) {
  return {
    status: 'success',
    data: {
      nonce: lease.nonce,
      expires_at: Math.floor(lease.expiresAt / 1000),
      owner: lease.owner,
      description: lease.description,
      version: lease.version,
    },
    message: '',
    code: '',
  };
}

/**
 * Acquire, or refresh when `nonce` names the machine's lease. A refresh keeps the nonce, even when the
 * lease ran out meanwhile (nobody else took it).
 */
export function acquireLease(
  machine: SimMachine,
  request: { ttlSeconds: number; owner: string; description: string; nonce?: string },
): Lease {
  const now = Date.now();
  const held = activeLease(machine, now);
  const refreshing = request.nonce !== undefined && machine.lease?.nonce === request.nonce;
  if (held && !refreshing) {
    throw new ApiError(
      409,
      `lease currently held by ${held.owner}, expires at ${new Date(held.expiresAt).toISOString()}`,
      'conflict',
    );
  }
  const lease: Lease = {
    nonce: refreshing && machine.lease ? machine.lease.nonce : leaseNonce(),
    owner: refreshing && machine.lease ? machine.lease.owner : request.owner,
    description: request.description || (refreshing && machine.lease ? machine.lease.description : ''),
    expiresAt: now + request.ttlSeconds * 1000,
    version: machine.version,
  };
  machine.lease = lease;
  return lease;
}

/** Refuses a mutation of a leased machine that does not carry the lease's nonce. */
export function requireNonce(
  machine: SimMachine,
  nonce: string | undefined,
  mismatchStatus: 409 | 412,
): void {
  const held = activeLease(machine);
  if (!held || held.nonce === nonce) return;
  const problem = nonce ? 'a different lease nonce was given' : 'no fly-machine-lease-nonce header was given';
  throw new ApiError(
    mismatchStatus,
    `machine ${machine.id} is leased by ${held.owner} and ${problem}`,
    'failed_precondition',
  );
}

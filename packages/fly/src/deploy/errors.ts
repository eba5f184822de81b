import { errorMessage } from '@shipgate/kit';

/** The HTTP status of a FlyApiError (or anything shaped like one), else undefined. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

export function isLeaseConflictError(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 412;
}

export function isNotFoundError(error: unknown): boolean {
  return statusOf(error) === 404 || /machine not found/i.test(errorMessage(error));
}

/** A 4xx other than 408/429 means the call was refused, so it changed nothing. */
export function wasRefused(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export { errorMessage };

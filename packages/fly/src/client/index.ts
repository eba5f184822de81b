export { authorizationHeader } from '../token';
export { type FlyCall, FlyClient, type FlyClientOptions } from './client';
export {
  FlyApiError,
  type FlyApiErrorFacts,
  isFlyApiError,
  isLeaseConflict,
  isNotFound,
  type NetworkFailure,
} from './errors';
export { type CallSafety, defaultRetryOptions, type RetryOptions } from './retry';

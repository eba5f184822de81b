export type { RecordedRequest, SpecViolation } from './api-server';
export { type CredentialEcho, type CredentialForms, echoCredential } from './credential-echo';
export { parseGoDuration } from './durations';
export { Faults, type MachineFaultTargets, type RequestFault, type RequestFaultInput } from './faults';
export * from './github/index';
export { parseImageRef } from './machine-json';
export type { MachineConfig } from './model';
export type { MachineRateLimitOptions } from './rate-limits';
export {
  type CreateAppOptions,
  defaultMachineConfig,
  type FlySandbox,
  type FlySandboxOptions,
  type MachineSnapshot,
  startFlySandbox,
} from './sandbox';

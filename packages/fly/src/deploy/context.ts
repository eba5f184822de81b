import type { Logger } from '@shipgate/kit';
import type { FlyApi } from '../api';
import type { Machine, MachineConfig } from '../machine-types';
import type { LeaseSet } from './leases';
import type { Recorder } from './recorder';

/** One existing machine and the config it should end up with. */
export interface MachinePlan {
  machine: Machine;
  group: string;
  /** The full config to send, release metadata included. */
  target: MachineConfig;
  /** Already on the target and healthy: left alone. */
  unchanged: boolean;
}

export interface RolloutSettings {
  maxUnavailable: number;
  waitTimeoutMs: number;
  healthPollMs: number;
  leaseTtlSeconds: number;
  bluegreenDrainMs: number;
  primaryRegion?: string;
}

/** What every step of a rollout shares: the API, the leases, the record, and whether to stop. */
export interface RolloutContext {
  api: FlyApi;
  app: string;
  log: Logger;
  leases: LeaseSet;
  recorder: Recorder;
  settings: RolloutSettings;
  signal?: AbortSignal;
  now: () => number;
  /** The first failure; once set, no new machine is touched. */
  failure?: string;
  /** Things that went wrong after the point of no return, for the record. */
  warnings: string[];
}

export function keepGoing(context: RolloutContext): boolean {
  if (context.signal?.aborted && !context.failure) context.failure = 'the deploy was canceled';
  return context.failure === undefined;
}

export function noteFailure(context: RolloutContext, message: string): void {
  context.failure ??= message;
}

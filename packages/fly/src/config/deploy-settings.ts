import type { GuestConfig } from '../machine-types';
import { guestFromCompute } from './guest';
import type { AppConfig } from './schema';
import { splitCommand } from './units';

export type DeployStrategy = 'immediate' | 'rolling' | 'bluegreen' | 'canary';

/** `[deploy]` with flyctl's defaults filled in; these steer the deploy engine, not the machines. */
export interface DeploySettings {
  strategy: DeployStrategy;
  /** Below 1: a fraction of a group's started machines (rounded up); 1 or more: a number of machines. */
  maxUnavailable: number;
  /** Per machine, for reaching `started` and for passing its checks. */
  waitTimeoutMs: number;
  /** `release_command`, split like a shell would; absent when there is none. */
  releaseCommand?: string[];
  releaseCommandTimeoutMs: number;
  /** From `release_command_vm`; absent when fly.toml does not say. */
  releaseCommandGuest?: GuestConfig;
}

export const defaultDeploySettings = {
  strategy: 'rolling',
  maxUnavailable: 0.33,
  waitTimeoutMs: 5 * 60_000,
  releaseCommandTimeoutMs: 5 * 60_000,
} as const satisfies Omit<DeploySettings, 'releaseCommand' | 'releaseCommandGuest'>;

export function deploySettings(app: AppConfig): DeploySettings {
  const deploy = app.deploy ?? {};
  const settings: DeploySettings = {
    strategy: deploy.strategy ?? defaultDeploySettings.strategy,
    maxUnavailable: deploy.max_unavailable ?? defaultDeploySettings.maxUnavailable,
    waitTimeoutMs: deploy.wait_timeout ?? defaultDeploySettings.waitTimeoutMs,
    releaseCommandTimeoutMs: deploy.release_command_timeout ?? defaultDeploySettings.releaseCommandTimeoutMs,
  };
  const releaseCommand = deploy.release_command?.trim() ? splitCommand(deploy.release_command) : undefined;
  if (releaseCommand && releaseCommand.length > 0) settings.releaseCommand = releaseCommand;
  if (deploy.release_command_vm) settings.releaseCommandGuest = guestFromCompute(deploy.release_command_vm);
  return settings;
}

export {
  type DeploySettings,
  type DeployStrategy,
  defaultDeploySettings,
  deploySettings,
} from './deploy-settings';
export { defaultVmSize, guestForSize } from './guest';
export { type LoadedFlyToml, loadFlyToml } from './load';
export {
  defaultProcessGroup,
  type MachineConfigOptions,
  type MachineFile,
  type MachineStatic,
  machineConfigs,
  mergeMachineConfig,
  mountChange,
  processGroups,
  releaseCommandConfig,
  releaseCommandProcessGroup,
} from './machine-config';
export type { AppConfig } from './schema';
export { formatDuration, isDuration, parseDuration, parseMemory, splitCommand } from './units';

export { type CanaryStep, canaryStepPlan, canarySteps } from './canary-steps';
export {
  type DeployOptions,
  type DeployRequest,
  deploy,
  deployDefaults,
  type RolloutRequest,
} from './deploy';
export { LeaseConflictError } from './leases';
export {
  configsMatch,
  deployableMachines,
  groupOf,
  imageHistory,
  isConverged,
  maxUnavailableCount,
  newReleaseId,
  shouldSkipLaunch,
} from './plan';
export {
  type MachineAction,
  type MachineFinal,
  type MachineRecord,
  mostCommonImage,
  type Outcome,
  parseReleaseRecord,
  type ReleaseRecord,
  readReleaseRecord,
  releaseRecordSchema,
  releaseRecordText,
  type Strategy,
  strategies,
  type TimelineEntry,
  type TimelinePhase,
  writeReleaseRecord,
} from './record';
export type { ReleaseCommandRequest } from './release-command';
export { configForImage, type RollbackRequest, rollback } from './rollback';
export { planScale, type ScalePlan, type ScaleRequest } from './scale';
export type { GuestOverride } from './target';

export {
  cancellation,
  compactRecord,
  createClient,
  defaultRecordPath,
  type FlyToml,
  finalImage,
  maskBareToken,
  type Rollout,
  type RolloutGiven,
  readFlyToml,
  releaseOutputKinds,
  releaseOutputs,
  resolveRollout,
  unknownProcessGroup,
} from './action-support';
export type { FlyApi, WithNonce } from './api';
export * from './client/index';
export * from './config/index';
export * from './deploy/index';
export type * from './machine-types';
export { renderReleaseDetails, renderReleaseSummary, shortImage, timelineChart } from './report/summary';

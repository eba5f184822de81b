export {
  cancellation,
  compactRecord,
  createClient,
  finalImage,
  readFlyToml,
  recordPath,
  releaseOutputs,
  resolveToken,
  rolloutInputs,
} from './action-support';
export type { FlyApi, WithNonce } from './api';
export * from './client/index';
export * from './config/index';
export * from './deploy/index';
export { parseEnvLines, parseMaxUnavailable, parseMemoryInput, parseTimeout } from './input-values';
export type * from './machine-types';
export { renderReleaseDetails, renderReleaseSummary, shortImage, timelineChart } from './report/summary';

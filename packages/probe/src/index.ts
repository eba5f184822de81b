export { type Attempt, type AttemptOptions, runAttempt, stopsRepeats } from './attempt';
export {
  assertUniqueNames,
  type Check,
  type CheckDefaults,
  CheckError,
  type CheckExpectations,
  checksForPaths,
  type HeaderExpectation,
  healthDefaults,
  isHealthPath,
  isSensitiveHeader,
  pageDefaults,
  parseHeaderLines,
  resolveChecks,
} from './checks';
export { type CheckConfig, checksFileSchema, type Method, methods } from './config-schema';
export { type EvaluateOptions, evaluate, type Observed } from './expectations';
export {
  headerEnvironment,
  isRunnerVariable,
  parseHeaderOrigins,
  sharedHeaderOrigins,
} from './header-scope';
export { type Certificate, Fault, type FaultKind, formatBytes } from './http';
export { jsonEquals, lookupJsonPath, type PathStep, parseJsonPath } from './json-path';
export { type JUnitOptions, toJUnit } from './junit';
export { type CheckSources, loadChecks } from './load';
export { isInvalidName, lookup } from './lookup';
export {
  attemptReason,
  type CheckReport,
  formatMs,
  type ProbeOptions,
  type ProbeReport,
  runProbe,
} from './probe';
export { type ReadyOptions, type ReadyResult, waitForReady } from './ready';
export { type LatencyStats, latencyStats, percentile } from './stats';
export {
  expectsServerError,
  formatStatusRanges,
  parseStatusRange,
  type StatusRange,
  statusMatches,
} from './status';

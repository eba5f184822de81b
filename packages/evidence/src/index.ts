export {
  type CollectedEvidence,
  collectEvidence,
  type EvidenceFile,
  kindOfFormat,
  readEvidenceFile,
} from './collect';
export { formatDuration, parseDuration } from './durations';
export type { GateCheck } from './evaluate/check';
export { type CoverageResult, coverageMetrics, evaluateCoverage } from './evaluate/coverage';
export {
  evaluateLighthouse,
  formatMs,
  type LighthouseEvaluation,
  type LighthousePage,
  median,
  medianRun,
} from './evaluate/lighthouse';
export {
  evaluateTests,
  type NotableTest,
  type TestEvaluation,
  type TestSuiteResult,
  type TestTotals,
} from './evaluate/tests';
export {
  describeFailedCheck,
  type GateOptions,
  type GateProblem,
  type GateResult,
  judge,
  runGate,
  sameCommit,
  type Verdict,
} from './gate';
export { type LoadThresholdsOptions, loadThresholds } from './load-thresholds';
export {
  buildManifest,
  type EvidenceManifest,
  type ManifestFile,
  manifestText,
  readManifest,
  type VerifyResult,
  verifyManifest,
} from './manifest';
export * from './parsers/index';
export {
  evidenceKinds,
  lighthouseMetrics,
  resolveThresholds,
  type Thresholds,
  thresholdsJsonSchema,
  thresholdsSchema,
} from './thresholds';
export * from './types';

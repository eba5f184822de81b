export {
  type BakeRequest,
  bakeStep,
  type Decision,
  type MetricsSource,
  type ProbeSettings,
  type StepAnalysis,
  type StepTarget,
} from './bake';
export { canaryOrder, type PlanEntry, type PlannedStep, parsePlanEntries, planSteps } from './plan';
export {
  type CanaryOptions,
  type CanaryRequest,
  CanaryRequestError,
  type CanaryResult,
  promoteCanary,
} from './promote';
export { type CanaryDecision, type CanarySection, combineRecords, type StepReport } from './record';
export { renderCanarySummary } from './summary';

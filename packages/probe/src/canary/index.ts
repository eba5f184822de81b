export {
  analyseCanary,
  type CanaryPolicy,
  type CanaryPolicyInput,
  type CanaryVerdict,
  canaryPolicySchema,
  defaultCanaryPolicy,
  findBurst,
  type SampleSummary,
  type Samples,
} from './analyse';
export {
  type Alternative,
  MANN_WHITNEY_MIN_SIDE,
  type MannWhitneyResult,
  mannWhitneyU,
} from './mann-whitney';
export { standardNormalCdf, standardNormalUpperTail } from './normal';
export {
  evaluatePrometheusChecks,
  type PrometheusCheck,
  type PrometheusCheckResult,
  type PrometheusEvaluateOptions,
  type PrometheusTemplateName,
  type PrometheusTemplateVars,
  type PrometheusVerdict,
  parsePrometheusChecks,
  prometheusCheckSchema,
  prometheusTemplateNames,
  prometheusVerdict,
  promqlDuration,
  renderPrometheusQuery,
} from './prometheus';
export {
  PrometheusError,
  type PrometheusQueryOptions,
  type PrometheusQueryResult,
  type PrometheusSeries,
  prometheusAuthorization,
  queryPrometheus,
} from './prometheus-api';
export {
  fisherExact,
  logFactorial,
  MIN_EXPECTED_CELL,
  type ProportionTestResult,
  twoProportionTest,
} from './proportions';
export {
  appendSamples,
  copySamples,
  type SampleOptions,
  type SampleResult,
  sampleCanary,
  sampleCanaryFor,
  type TimedSampleOptions,
} from './sample';

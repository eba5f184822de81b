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
  fisherExact,
  logFactorial,
  MIN_EXPECTED_CELL,
  type ProportionTestResult,
  twoProportionTest,
} from './proportions';
export { type SampleOptions, type SampleResult, sampleCanary } from './sample';

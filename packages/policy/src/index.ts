export { type BaselineEntry, baselineText, readBaseline, writeBaseline } from './baseline';
export {
  type AssertionConfig,
  type PolicyConfig,
  policyJsonSchema,
  policySchema,
  type RuleConfig,
  ruleSchema,
} from './config-schema';
export { fingerprintOf } from './fingerprint';
export { compileGlobs, type PathMatcher } from './globs';
export { type GuardOptions, type GuardResult, type GuardScope, guard } from './guard';
export { type JsonFinding, type JsonReport, type JsonReportPolicy, toJsonReport } from './json-report';
export { isExampleFile, isLoopbackHost, isPlaceholder } from './placeholders';
export {
  defaultPolicyPath,
  type LoadPolicyOptions,
  loadPolicy,
  parsePolicy,
  policyFromPresets,
} from './policy';
export { PolicyError, type PolicyLocation } from './policy-error';
export { getPreset, type Preset, presetNames } from './presets/index';
export { compileRule } from './rules/compile';
export { type ConnectionUrl, parseConnectionUrl } from './rules/connection-url';
export { parseSize } from './rules/sizes';
export { type SarifTool, toSarif } from './sarif';
export {
  defaultHistoryKinds,
  defaultMaxFileBytes,
  type ScanOptions,
  type ScanReport,
  type ScanScope,
  scan,
} from './scan';
export {
  type CompiledRule,
  type Finding,
  type ResolvedPolicy,
  type RuleFinding,
  type RuleKind,
  ruleKinds,
  type Severity,
  type SourceFile,
  severities,
} from './types';
export { redactUrlUserinfo } from './url-userinfo';

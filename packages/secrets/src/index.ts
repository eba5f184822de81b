export { type AgeItem, type AgeRequest, ageReport } from './age';
export {
  type ApplyOutcome,
  type ApplyRequest,
  applyPlan,
  type WriteOperation,
  type WriteResult,
} from './apply';
export { capacityProblem, githubSecretLimits } from './capacity';
export {
  type Alphabet,
  alphabets,
  defaultDigestVariable,
  type GeneratedSpec,
  type GitHubTargetSpec,
  loadMirrorConfig,
  type Mirror,
  type MirrorConfig,
  mirrorConfigJsonSchema,
  mirrorConfigSchema,
  type SingleMirror,
  SingleMirrorError,
  type SourceSpec,
  selectMirrors,
  singleMirror,
  type TargetSpec,
  type ValueRule,
} from './config';
export {
  type FlyMachineNote,
  type FlyRestartNote,
  flyMachinesAfterWrite,
  type RestartOptions,
} from './fly-machines';
export { alphabetCharacters, generateValue } from './generate';
export { type TargetKind, validateName } from './names';
export { type ParityItem, parityReport } from './parity';
export {
  countActions,
  type DesiredSecret,
  type PlanAction,
  type PlanItem,
  type PlanRequest,
  planActions,
  planMirror,
  type RemoteSecret,
  type TargetSnapshot,
} from './plan';
export { listRemote, type RemoteClients, readTarget, type TargetRead } from './remote';
export type { Failure, MirrorReport, MirrorTargetInfo } from './report';
export {
  type CheckRulesOptions,
  checkRules,
  maxGitHubSecretBytes,
  type RuleName,
  type Violation,
} from './rules';
export { type MirrorDeps, type MirrorOptions, runMirror } from './run';
export { loadSources, type SecretEntry, type SourceContext, SourceError } from './sources';
export {
  digestKeyId,
  emptyState,
  maxStateBytes,
  parseState,
  type SecretStateEntry,
  StateTooLargeError,
  secretDigest,
  serializeState,
  type TargetState,
} from './state';
export {
  type FlyTarget,
  type GitHubTarget,
  parseRepository,
  type Repository,
  type ResolvedTarget,
  remoteName,
  resolveTargets,
} from './targets';
export {
  type VerificationItem,
  type VerificationStatus,
  type VerifyRequest,
  verifyTarget,
} from './verify';

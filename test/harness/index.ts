export {
  checkoutStandIn,
  downloadArtifactStandIn,
  type GitHubActionStandInsOptions,
  githubActionStandIns,
  type SarifUpload,
  setupNodeStandIn,
  uploadArtifactStandIn,
  uploadSarifStandIn,
} from './action-stand-ins';
export { type FixtureRepo, type FixtureRepoOptions, fixtureRepo, type RepoFiles } from './fixture-repo';
export { expectNoToken, flyTomlText, flyTomlWorkspace, machineImages, versionsServed } from './fly-sandbox';
export { actionsDir, defaultNode, type RunStepOptions, runStep } from './run-step';
export { sarifSchemaFile, sarifValidator } from './sarif';
export { type ScratchActionOptions, scratchAction } from './scratch-action';
export {
  describeHits,
  embeddedBase64,
  findSecrets,
  type SecretForm,
  type SecretHit,
  secretForms,
  shortestForm,
} from './secret-forms';
export { tempDir } from './temp-dirs';
export {
  type ActionStandIn,
  type ActionStandInContext,
  type ActionStandInResult,
  type ApprovalRequest,
  type EnvironmentOptions,
  type GitHubContextOptions,
  type JobResult,
  type JobRun,
  runWorkflow,
  type StepRun,
  type StepStatus,
  type WorkflowRun,
  type WorkflowRunOptions,
} from './workflow-runner';

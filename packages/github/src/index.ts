export type {
  DeploymentInput,
  DeploymentState,
  DeploymentStatusInput,
  GitHubApi,
  SecretInfo,
  SecretScope,
  Variable,
} from './api';
export {
  createGitHubClient,
  GitHubClient,
  type GitHubClientOptions,
  type GitHubRequestRecord,
  type GitHubThrottleOptions,
} from './client';
export {
  type DeploymentRecord,
  type DeploymentRecordInput,
  deploymentTarget,
  type RunDeploymentRequest,
  type RunFacts,
  startDeploymentRecord,
  startRunDeployment,
} from './deployment-record';
export {
  describeAcceptedPermissions,
  formatGitHubErrorMessage,
  GitHubApiError,
  type GitHubApiErrorFacts,
  isGitHubApiError,
  isGitHubNotFound,
} from './errors';
export { assertValidName, assertValueSize, maxValueBytes, nameProblem } from './names';
export { scopeBasePath } from './scopes';
export { sealSecretValue } from './sealed-box';

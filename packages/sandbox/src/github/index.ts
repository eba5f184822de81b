export { type GitHubFault, type GitHubFaultInput, GitHubFaults } from './faults';
export type { SecretScope } from './model';
export {
  type AddRepositoryOptions,
  type GitHubDeploymentSnapshot,
  type GitHubEnvironmentSnapshot,
  type GitHubRecordedRequest,
  type GitHubSandbox,
  type GitHubSandboxOptions,
  type GitHubSecretSnapshot,
  type GitHubSpecViolation,
  type GitHubVariableSnapshot,
  startGitHubSandbox,
} from './sandbox';

export { type FixtureRepo, type FixtureRepoOptions, fixtureRepo, type RepoFiles } from './fixture-repo';
export { actionsDir, defaultNode, type RunStepOptions, runStep } from './run-step';
export { sarifSchemaFile, sarifValidator } from './sarif';
export { type ScratchActionOptions, scratchAction } from './scratch-action';
export { tempDir } from './temp-dirs';

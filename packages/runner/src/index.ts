export {
  type Annotation,
  type AnnotationLevel,
  annotationLocation,
  maxAnnotationMessage,
} from './annotations';
export { inputVariableName, runnerEnvironment } from './environment';
export { escapeData, escapeProperty, unescapeData, unescapeProperty } from './escaping';
export {
  eventFromPayload,
  type PullRequestEventOptions,
  type PushEventOptions,
  pullRequestEvent,
  pushEvent,
  type RunnerEvent,
  type ScheduleEventOptions,
  scheduleEvent,
  type WorkflowDispatchEventOptions,
  workflowDispatchEvent,
} from './events';
export { type ExpressionContext, evaluateExpressions } from './expressions';
export { type KeyValueFile, parseKeyValueFile, parsePathFile } from './file-commands';
export { type ActionManifest, type ManifestInput, parseActionManifest, readActionManifest } from './manifest';
export { Masker } from './masker';
export { cancelSequence, type RunActionOptions, runAction, type Stage, type StepResult } from './run-action';
export { renderLog, type StepLogEntry } from './step-log';
export { parseWorkflowCommand, type WorkflowCommand } from './workflow-commands';

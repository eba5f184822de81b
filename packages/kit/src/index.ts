export {
  type ActionContext,
  type ActionDefinition,
  type ActionHost,
  type ActionResult,
  Cancellation,
  defineAction,
  executeAction,
  type OutputKind,
  type OutputShape,
  type Outputs,
  type OutputValue,
  type RedactingHost,
  type RefuseInputs,
  redactingHost,
} from './action';
export { errorMessage, InputError } from './errors';
export {
  describeInputs,
  formatDuration,
  type Grammar,
  grammar,
  type InputField,
  type InputInfo,
  type InputKind,
  type InputOptions,
  type InputPlaces,
  type InputShape,
  type Inputs,
  input,
  isImageReference,
  type ParseOptions,
  parseDurationText,
  parseInputs,
  shortestToken,
  shownText,
  type TextOptions,
} from './inputs';
export {
  type AnnotationProperties,
  createRecordingLogger,
  type LogEntry,
  type Logger,
  type LogLevel,
  type RecordingLogger,
  silentLogger,
} from './logger';
export { hasUrlCredentials, Redactor, redactUrlCredentials, secretForms, secretParts } from './redact';
export { type RunEnvironment, readRunEnvironment } from './run-environment';
export { type Cell, escapeHtml, escapeMarkdown, Summary } from './summary';
export { makeFoldersFor } from './write-places';

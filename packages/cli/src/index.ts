export { type ActionEntry, actionsRoot, listActions } from './actions';
export { type Invocation, parseArgs, reservedOptions, UsageError } from './args';
export { type CliIo, runCli } from './cli';
export { actionHelp, generalHelp } from './help';
export { eventNames, localEvent } from './local-event';
export { type RenderOptions, renderMarkdown } from './render-markdown';
export { formatAnnotation, formatOutputValue, renderResult } from './render-result';
export { colorWanted, createStyle, type Style, visibleWidth } from './style';

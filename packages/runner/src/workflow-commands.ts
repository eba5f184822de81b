import { unescapeData, unescapeProperty } from './escaping';

/** One `::command key=value,…::message` line, unescaped. Names and keys are lower-cased. */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** The commands the runner knows; any other `::name::` line is plain log text. */
export const knownCommands = new Set([
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'add-mask',
  'echo',
  'stop-commands',
  'add-matcher',
  'remove-matcher',
  'set-output',
  'save-state',
  'set-env',
  'add-path',
]);

/**
 * Parses a stdout line as the runner's ActionCommand.TryParseV2 does: leading whitespace trimmed, the
 * command ends at the next `::`, properties split on `,` then once on `=`, pairs without a value dropped.
 */
export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const text = line.trimStart();
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const command = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!knownCommands.has(command)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const entry of info
      .slice(space + 1)
      .trim()
      .split(',')) {
      if (entry === '') continue;
      const equals = entry.indexOf('=');
      if (equals <= 0 || equals === entry.length - 1) continue;
      properties[entry.slice(0, equals).toLowerCase()] = unescapeProperty(entry.slice(equals + 1));
    }
  }
  return { command, properties, data: unescapeData(text.slice(end + 2)) };
}

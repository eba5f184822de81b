/** What the command line asked for, before it is checked against the action's inputs. */
export interface Invocation {
  action?: string;
  help: boolean;
  json: boolean;
  debug: boolean;
  outputFile?: string;
  summaryFile?: string;
  workspace?: string;
  event?: string;
  eventPath?: string;
  /** `--<input> value` pairs, by the name as typed. */
  inputs: Record<string, string>;
  /** Inputs given as a bare `--<input>` (no value): `true` for a boolean input, else a usage error. */
  bare: string[];
}

/** A command line that cannot be run; the CLI prints it as one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const valueOptions = new Set(['output-file', 'summary-file', 'workspace', 'event', 'event-path']);
const flagOptions = new Set(['help', 'json', 'debug']);
/** The CLI's own options; an action input with one of these names can only be given through its default. */
export const reservedOptions = [...valueOptions, ...flagOptions];

/**
 * Parses `[<action>] [--name value | --name=value | --flag]...`. A `--name` followed by another option or by
 * nothing means `true`, which the CLI accepts only for a boolean input.
 */
export function parseArgs(argv: readonly string[]): Invocation {
  const invocation: Invocation = { help: false, json: false, debug: false, inputs: {}, bare: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') {
      invocation.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      if (invocation.action !== undefined) {
        throw new UsageError(`unexpected argument '${arg}': inputs are given as --<input> value`);
      }
      invocation.action = arg;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    if (name === '') throw new UsageError(`'${arg}' is not an option`);
    let value: string | undefined = equals < 0 ? undefined : arg.slice(equals + 1);
    if (flagOptions.has(name)) {
      if (value !== undefined && value !== 'true' && value !== 'false') {
        throw new UsageError(`--${name} takes no value`);
      }
      const on = value !== 'false';
      if (name === 'help') invocation.help = on;
      else if (name === 'json') invocation.json = on;
      else invocation.debug = on;
      continue;
    }
    if (value === undefined) {
      const next = argv[i + 1];
      if (next !== undefined && !(next.startsWith('--') && next.length > 2)) {
        value = next;
        i++;
      }
    }
    if (valueOptions.has(name)) {
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (name === 'output-file') invocation.outputFile = value;
      else if (name === 'summary-file') invocation.summaryFile = value;
      else if (name === 'workspace') invocation.workspace = value;
      else if (name === 'event') invocation.event = value;
      else invocation.eventPath = value;
      continue;
    }
    if (value === undefined) invocation.bare.push(name);
    invocation.inputs[name] = value ?? 'true';
  }
  return invocation;
}

import { type Annotation, type AnnotationLevel, toAnnotation } from './annotations';
import type { Masker } from './masker';
import { parseWorkflowCommand, type WorkflowCommand } from './workflow-commands';

/** One entry of a step's log, after the runner has consumed the workflow commands. */
export type StepLogEntry =
  | { type: 'line'; text: string }
  | { type: 'debug'; text: string }
  | { type: 'group'; title: string }
  | { type: 'endgroup' }
  | { type: 'annotation'; annotation: Annotation }
  | { type: 'command'; text: string };

/** What the deprecated stdout commands asked for; they still work on the runner, with a warning. */
export interface LegacyCommands {
  outputs: [string, string][];
  state: [string, string][];
  env: [string, string][];
  path: string[];
}

const deprecatedLink =
  'https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/';
const unsecureLink =
  'https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/';

/**
 * The runner's view of a step's stdout and stderr: each line is either a workflow command, consumed and
 * acted on, or text, masked before it is shown. Masks apply from the moment they are registered.
 */
export class StepLog {
  readonly entries: StepLogEntry[] = [];
  readonly annotations: Annotation[] = [];
  readonly errors: string[] = [];
  readonly legacy: LegacyCommands = { outputs: [], state: [], env: [], path: [] };
  /** Set when a command failed the step (a disabled command, for one). */
  failed = false;
  private echo = false;
  private stopToken: string | undefined;

  constructor(
    private readonly masker: Masker,
    private readonly options: {
      workspace: string;
      debug: boolean;
      allowUnsecureCommands: boolean;
      /** Told of each entry as it is logged, for a live view (the CLI streams the log this way). */
      onEntry?: (entry: StepLogEntry) => void;
    },
  ) {}

  private add(entry: StepLogEntry): void {
    this.entries.push(entry);
    this.options.onEntry?.(entry);
  }

  /** Handles one line the action printed, without its line ending. */
  write(line: string): void {
    if (this.stopToken !== undefined) {
      if (line.trim() === `::${this.stopToken}::`) this.stopToken = undefined;
      else this.add({ type: 'line', text: this.masker.mask(line) });
      return;
    }
    const command = parseWorkflowCommand(line);
    if (!command) {
      this.add({ type: 'line', text: this.masker.mask(line) });
      return;
    }
    this.run(command, line);
  }

  /** Records an annotation the runner itself raises (unexpected inputs, file-command errors). */
  annotate(level: AnnotationLevel, message: string): void {
    const annotation = toAnnotation(level, this.masker.mask(message), {}, this.options.workspace);
    this.annotations.push(annotation);
    this.add({ type: 'annotation', annotation });
  }

  /** Records an error that fails the step, as an error annotation too. */
  fail(message: string): void {
    this.errors.push(message);
    this.annotate('error', message);
    this.failed = true;
  }

  private run(command: WorkflowCommand, line: string): void {
    const { data, properties } = command;
    switch (command.command) {
      case 'add-mask':
        if (data.trim() === '')
          this.annotate('warning', "Can't add secret mask for empty string in ##[add-mask] command.");
        else this.masker.add(data);
        break;
      case 'debug':
        if (this.options.debug) this.add({ type: 'debug', text: this.masker.mask(data) });
        break;
      case 'notice':
      case 'warning':
      case 'error': {
        const masked = Object.fromEntries(
          Object.entries(properties).map(([key, value]) => [key, this.masker.mask(value)]),
        );
        const annotation = toAnnotation(
          command.command,
          this.masker.mask(data),
          masked,
          this.options.workspace,
        );
        this.annotations.push(annotation);
        this.add({ type: 'annotation', annotation });
        break;
      }
      case 'group':
        this.add({ type: 'group', title: this.masker.mask(data) });
        break;
      case 'endgroup':
        this.add({ type: 'endgroup' });
        break;
      case 'echo':
        if (data.trim().toLowerCase() === 'on') this.echo = true;
        else if (data.trim().toLowerCase() === 'off') this.echo = false;
        else
          this.fail(
            `Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: '${data}'.`,
          );
        break;
      case 'stop-commands':
        if (data === '') this.fail('Invalid stop-commands token: it must not be empty.');
        else this.stopToken = data;
        break;
      case 'set-output':
      case 'save-state':
        this.annotate(
          'warning',
          `The \`${command.command}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: ${deprecatedLink}`,
        );
        (command.command === 'set-output' ? this.legacy.outputs : this.legacy.state).push([
          properties.name ?? '',
          data,
        ]);
        break;
      case 'set-env':
      case 'add-path':
        if (!this.options.allowUnsecureCommands) {
          this.fail(
            `The \`${command.command}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: ${unsecureLink}`,
          );
        } else if (command.command === 'set-env') this.legacy.env.push([properties.name ?? '', data]);
        else this.legacy.path.push(data);
        break;
      default:
        // add-matcher / remove-matcher: problem matchers are not emulated; the line is consumed.
        break;
    }
    if (this.echo && command.command !== 'echo') {
      this.add({
        type: 'command',
        text: command.command === 'add-mask' ? '::add-mask::***' : this.masker.mask(line),
      });
    }
  }
}

const levelLabel = { error: 'Error', warning: 'Warning', notice: 'Notice' } as const;

/** The log as the runner's log view shows it: groups as `▸ Title`, annotations as `Error: message`. */
export function renderLog(entries: readonly StepLogEntry[]): string {
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.type === 'line' || entry.type === 'command') lines.push(entry.text);
    else if (entry.type === 'debug') lines.push(`Debug: ${entry.text}`);
    else if (entry.type === 'group') lines.push(`▸ ${entry.title}`);
    else if (entry.type === 'annotation') {
      lines.push(`${levelLabel[entry.annotation.level]}: ${entry.annotation.message}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

import type { ActionEntry } from './actions';
import type { Style } from './style';

const eventNames = 'pull_request, workflow_dispatch, schedule or push';

function wrap(text: string, width: number, indent: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/(?<!\be\.g|\bi\.e)[.;](?:\s|$)/);
  return end === -1 ? flat : flat.slice(0, end);
}

function inputLines(entry: ActionEntry, style: Style, width: number): string[] {
  const lines: string[] = [];
  for (const [name, input] of Object.entries(entry.manifest.inputs)) {
    // A deprecated alias still works but is not offered: its deprecation message names the input to use.
    if (input.deprecationMessage !== undefined) continue;
    const flag = input.required
      ? style.bold('required')
      : input.default !== undefined
        ? `default: ${input.default}`
        : 'optional';
    lines.push(`    ${style.cyan(`--${name}`)}  ${style.dim(`(${flag})`)}`);
    if (input.description) lines.push(wrap(input.description, width, '        '));
  }
  return lines;
}

/** `shipgate --help`: what it is, how to call it, and the actions, one line each (inputs: `<action> --help`). */
export function generalHelp(actions: ActionEntry[], root: string, style: Style, width = 100): string {
  const lines = [
    `${style.bold('shipgate')} — run shipgate's GitHub actions on this machine, exactly as the GitHub runner runs them`,
    '(INPUT_ variables, action.yml defaults, file commands, annotations, masking, step summary).',
    '',
    style.bold('Usage'),
    '  shipgate <action> [--<input> value | --<input>=value ...] [options]',
    '  shipgate <action> --help',
    '',
    style.bold('Options'),
    '  --workspace DIR      the checkout the action sees (GITHUB_WORKSPACE); default: the current directory',
    `  --event NAME         the triggering event: ${eventNames}; default: none (GITHUB_EVENT_NAME empty)`,
    "  --event-path FILE    the event's webhook payload (JSON); default: built from the workspace's git",
    '  --json               print only the outputs, as one JSON object, on stdout; the rest goes to stderr',
    '  --output-file FILE   also write the outputs as JSON to FILE',
    '  --summary-file FILE  also write the step summary (the Markdown GITHUB_STEP_SUMMARY gets) to FILE',
    '  --debug              step debug logging (RUNNER_DEBUG=1, ::debug:: lines shown)',
    "  -h, --help           this help, or an action's inputs and outputs after its name",
    '',
    style.bold('Environment'),
    `  SHIPGATE_ACTIONS_DIR  where the actions are (now: ${root})`,
    `  GITHUB_TOKEN          the value of \${{ github.token }} for inputs that default to it`,
    '  NO_COLOR              no colour (colour is used only on a terminal)',
    '',
    "The exit code is the action's: 0 passed, 1 failed; 2 is a command line the CLI could not run.",
    '',
    style.bold('Actions'),
  ];
  if (actions.length === 0) lines.push(`  none found in ${root}`);
  const column = Math.max(0, ...actions.map((entry) => entry.name.length)) + 2;
  for (const entry of actions) {
    const room = width - 2 - column;
    const summary = firstSentence(entry.manifest.description ?? '');
    const shown = summary.length > room ? `${summary.slice(0, room - 1)}…` : summary;
    lines.push(`  ${style.bold(entry.name)}${' '.repeat(column - entry.name.length)}${shown}`);
  }
  lines.push('', "Each action's inputs and outputs: shipgate <action> --help");
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `shipgate <action> --help`: the action's description, inputs and outputs. */
export function actionHelp(entry: ActionEntry, style: Style, width = 100): string {
  const title = entry.manifest.name === `shipgate ${entry.name}` ? '' : ` — ${entry.manifest.name}`;
  const lines = [`${style.bold(`shipgate ${entry.name}`)}${title}`];
  if (entry.manifest.description) lines.push(wrap(entry.manifest.description, width, '  '));
  lines.push(
    '',
    style.bold('Usage'),
    `  shipgate ${entry.name} [--<input> value ...] [--workspace DIR] [--event NAME] [--json]`,
  );
  lines.push('', style.bold('Inputs'));
  const inputs = inputLines(entry, style, width);
  lines.push(...(inputs.length > 0 ? inputs : ['    none']));
  lines.push('', style.bold('Outputs'));
  const outputs = Object.entries(entry.manifest.outputs);
  if (outputs.length === 0) lines.push('    none');
  for (const [name, output] of outputs) {
    lines.push(`    ${style.cyan(name)}`);
    if (output.description) lines.push(wrap(output.description, width, '        '));
  }
  return `${lines.join('\n')}\n`;
}

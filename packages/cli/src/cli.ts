import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { errorMessage, makeFoldersFor } from '@shipgate/kit';
import { type RunnerEvent, runAction } from '@shipgate/runner';
import { actionsRoot, listActions } from './actions';
import { parseArgs, reservedOptions, UsageError } from './args';
import { actionHelp, generalHelp } from './help';
import { localEvent } from './local-event';
import { formatEntry, renderResult } from './render-result';
import { colorWanted, createStyle } from './style';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

// The runner owns these; the user's own values would otherwise masquerade as the runner's.
const runnerOwned = /^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_)/;
const userEndpoints = ['GITHUB_API_URL', 'GITHUB_SERVER_URL', 'GITHUB_GRAPHQL_URL', 'GITHUB_REPOSITORY'];

/**
 * Makes the folders missing above one of the CLI's files before the action runs (a run's records usually go in
 * a folder of their own): why it cannot, or undefined.
 */
async function prepareFile(path: string): Promise<string | undefined> {
  if (existsSync(path) && statSync(path).isDirectory()) return 'it is a folder';
  try {
    await makeFoldersFor(path);
    return undefined;
  } catch (thrown) {
    return errorMessage(thrown);
  }
}

/** Runs the shipgate command line and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const usage = (message: string) => {
    io.stderr.write(`shipgate: ${message}\n`);
    return 2;
  };
  let invocation: ReturnType<typeof parseArgs>;
  try {
    invocation = parseArgs(argv);
  } catch (thrown) {
    if (thrown instanceof UsageError) return usage(thrown.message);
    throw thrown;
  }
  const root = actionsRoot(io.env);
  const actions = listActions(root);
  // With --json the human text moves to stderr, so stdout stays one JSON document.
  const human = invocation.json ? io.stderr : io.stdout;
  const style = createStyle(colorWanted(human, io.env));

  if (invocation.action === undefined) {
    io.stdout.write(generalHelp(actions, root, createStyle(colorWanted(io.stdout, io.env))));
    return invocation.help || argv.length === 0 ? 0 : usage('no action given; see shipgate --help');
  }
  const entry = actions.find((candidate) => candidate.name === invocation.action);
  if (!entry) {
    return usage(
      `unknown action '${invocation.action}'; available: ${actions.map((a) => a.name).join(', ') || 'none'}`,
    );
  }
  if (invocation.help) {
    io.stdout.write(actionHelp(entry, createStyle(colorWanted(io.stdout, io.env))));
    return 0;
  }
  const declared = Object.keys(entry.manifest.inputs);
  const unknown = Object.keys(invocation.inputs).filter((name) => !declared.includes(name));
  if (unknown.length > 0) {
    const offered = declared.filter((name) => entry.manifest.inputs[name]?.deprecationMessage === undefined);
    const allowed = [...offered.map((name) => `--${name}`), ...reservedOptions.map((name) => `--${name}`)];
    return usage(`unknown input --${unknown[0]} for ${entry.name}; allowed: ${allowed.join(', ')}`);
  }
  // A boolean input (default true or false in action.yml) may be given bare; any other input needs its value.
  const valueless = invocation.bare.find((name) => {
    const fallback = entry.manifest.inputs[name]?.default;
    return fallback !== 'true' && fallback !== 'false';
  });
  if (valueless)
    return usage(`--${valueless} needs a value (--${valueless} <value> or --${valueless}=<value>)`);
  for (const [option, file] of [
    ['output-file', invocation.outputFile],
    ['summary-file', invocation.summaryFile],
  ] as const) {
    const problem = file === undefined ? undefined : await prepareFile(resolve(io.cwd, file));
    if (problem) return usage(`--${option} ${file}: ${problem}`);
  }
  const main = join(entry.dir, entry.manifest.runs.main);
  if (!existsSync(main)) {
    io.stderr.write(`shipgate: ${main} is missing; build the actions first (npm run build)\n`);
    return 1;
  }

  const workspace = resolve(io.cwd, invocation.workspace ?? '.');
  if (!existsSync(workspace)) return usage(`--workspace ${workspace} does not exist`);
  let event: RunnerEvent | undefined;
  try {
    if (invocation.event) {
      event = await localEvent(
        invocation.event,
        workspace,
        invocation.eventPath && resolve(io.cwd, invocation.eventPath),
      );
    } else if (invocation.eventPath) return usage('--event-path needs --event NAME');
  } catch (thrown) {
    if (thrown instanceof UsageError) return usage(thrown.message);
    throw thrown;
  }

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(io.env)) {
    if (value !== undefined && (!runnerOwned.test(name) || userEndpoints.includes(name))) env[name] = value;
  }
  // The log is shown as the action writes it: a five-minute bake is not five silent minutes.
  let streamed = 0;
  const result = await runAction({
    onEntry: (logged) => {
      const line = formatEntry(logged, style);
      if (line === undefined) return;
      human.write(`${streamed === 0 ? line.replace(/^\n/, '') : line}\n`);
      streamed += 1;
    },
    actionDir: entry.dir,
    workspace,
    inputs: invocation.inputs,
    ...(event ? { event } : {}),
    env,
    debug: invocation.debug,
    token: io.env.GITHUB_TOKEN ?? '',
    // Kept after the run: outputs such as sarif-file point into it.
    runnerTemp: mkdtempSync(join(tmpdir(), `shipgate-${entry.name}-`)),
  });

  if (streamed > 0) human.write('\n');
  human.write(renderResult(entry.name, result, style, { logStreamed: true }));
  const json = `${JSON.stringify(result.outputs, null, 2)}\n`;
  if (invocation.json) io.stdout.write(json);
  if (invocation.outputFile) writeFileSync(resolve(io.cwd, invocation.outputFile), json);
  // The Markdown as the run's page shows it (what GITHUB_STEP_SUMMARY got), not the terminal rendering.
  if (invocation.summaryFile) writeFileSync(resolve(io.cwd, invocation.summaryFile), result.summary);
  if (result.exitCode !== 0) return result.exitCode;
  return result.outcome === 'failure' ? 1 : 0;
}

import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import { type ActionDefinition, type ActionHost, Cancellation, executeAction, redactingHost } from './action';
import { errorMessage } from './errors';
import type { InputShape } from './inputs';
import type { AnnotationProperties, Logger } from './logger';
import { readRunEnvironment } from './run-environment';
import {
  annotationProperties,
  appendToFileCommand,
  commandLine,
  fileCommandEntry,
  type Output,
} from './runner-protocol';

/** The runner's view of an input: INPUT_ + the name with spaces as underscores, upper-cased. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** A Logger that speaks the runner's workflow commands on `out`. */
export function runnerLogger(out: Output): Logger {
  const annotate = (level: string) => (message: string, properties?: AnnotationProperties) => {
    out.write(commandLine(level, annotationProperties(properties), message));
  };
  return {
    debug: (message) => out.write(commandLine('debug', {}, message)),
    info: (message) => out.write(`${message}${EOL}`),
    notice: annotate('notice'),
    warning: annotate('warning'),
    error: annotate('error'),
    async group(name, fn) {
      out.write(commandLine('group', {}, name));
      try {
        return await fn();
      } finally {
        out.write(commandLine('endgroup', {}, ''));
      }
    },
  };
}

/** The host an action gets on the GitHub runner (or on anything that speaks its protocol). */
export function runnerHost(env: NodeJS.ProcessEnv, out: Output): ActionHost {
  const log = runnerLogger(out);
  return {
    readInput: (name) => env[inputVariable(name)],
    mask: (value) => {
      if (value.trim()) out.write(commandLine('add-mask', {}, value));
    },
    log,
    run: readRunEnvironment(env),
    setOutput: (name, value) => {
      // Runners without GITHUB_OUTPUT still read the deprecated command.
      if (!appendToFileCommand('GITHUB_OUTPUT', fileCommandEntry(name, value), env)) {
        out.write(`${EOL}${commandLine('set-output', { name }, value)}`);
      }
    },
    writeSummary: async (markdown) => {
      const path = env.GITHUB_STEP_SUMMARY;
      if (!path) {
        log.debug('no GITHUB_STEP_SUMMARY: the summary is not written');
        return;
      }
      await appendFile(path, markdown, 'utf8');
    },
    fail: (message) => {
      process.exitCode = 1;
      log.error(message);
    },
  };
}

/** The entry point of every action: `run(definition)` in its main.ts, nothing else. */
export async function run<S extends InputShape>(definition: ActionDefinition<S>): Promise<void> {
  const out: Output = process.stdout;
  let host: ActionHost;
  try {
    host = redactingHost({ ...runnerHost(process.env, out), ...processCancellation() });
  } catch (thrown) {
    process.exitCode = 1;
    out.write(commandLine('error', {}, `${definition.name}: ${errorMessage(thrown)}`));
    return;
  }
  process.on('unhandledRejection', (reason) => host.fail(`${definition.name}: ${errorMessage(reason)}`));
  // Node exits, with code 0, when nothing is left to wait on, even while the action's promise is pending (it
  // awaited something that can never settle): that must not pass as success.
  let finished = false;
  process.once('beforeExit', () => {
    if (!finished)
      host.fail(`${definition.name}: the action stopped before its end, with nothing left to wait on`);
  });
  await executeAction(definition, host);
  finished = true;
}

/**
 * The runner cancels a step with SIGINT, SIGTERM 7.5 s later and SIGKILL 2.5 s after that. The first of the
 * two aborts the run's signal; the process stays up to report, and exits if the action overruns its grace.
 */
function processCancellation(): Pick<ActionHost, 'signal' | 'abandon'> {
  const controller = new AbortController();
  const cancel = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    process.stdout.write(commandLine('warning', {}, `${signal}: the run is being cancelled; stopping`));
    controller.abort(new Cancellation(signal));
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  return { signal: controller.signal, abandon: () => process.exit() };
}

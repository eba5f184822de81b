// The boundary with the GitHub runner: @actions/core writes what the runner reads (workflow commands on
// stdout, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), @actions/github reads the run's context. The kit's
// typed layer (inputs, defineAction, the redactor, cancellation) sits on top; packages/runner reads it back.
import * as core from '@actions/core';
import { type ActionDefinition, type ActionHost, Cancellation, executeAction, redactingHost } from './action';
import { errorMessage } from './errors';
import type { InputShape } from './inputs';
import type { Logger } from './logger';
import { type RunEnvironment, readRunEnvironment } from './run-environment';

/** A Logger that writes the runner's workflow commands through @actions/core. */
export const runnerLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  notice: (message, properties) => core.notice(message, properties),
  warning: (message, properties) => core.warning(message, properties),
  error: (message, properties) => core.error(message, properties),
  group: (name, fn) => core.group(name, fn),
  // The kit's Progress around this logger writes the progress lines.
  waitingFor: (_what, fn) => fn(),
};

/**
 * The host an action gets on the GitHub runner (or on anything that speaks its protocol): @actions/core over
 * this process's environment and stdout.
 */
export function runnerHost(run: RunEnvironment): ActionHost {
  return {
    // Untrimmed, and undefined when not given, as the kit's parser expects; it trims and applies defaults.
    readInput: (name) => core.getInput(name, { trimWhitespace: false }) || undefined,
    mask: (value) => core.setSecret(value),
    log: runnerLogger,
    run,
    setOutput: (name, value) => core.setOutput(name, value),
    writeSummary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) {
        core.debug('no GITHUB_STEP_SUMMARY: the summary is not written');
        return;
      }
      await core.summary.addRaw(markdown).write();
    },
    fail: (message) => core.setFailed(message),
  };
}

/** The entry point of every action: `run(definition)` in its main.ts, nothing else. */
export async function run<S extends InputShape>(definition: ActionDefinition<S>): Promise<void> {
  // Filled from @actions/github's context once the inputs have parsed: a bad input fails before it is loaded.
  const environment = {} as RunEnvironment;
  let host: ActionHost;
  try {
    host = redactingHost({ ...runnerHost(environment), ...processCancellation() });
  } catch (thrown) {
    core.setFailed(`${definition.name}: ${errorMessage(thrown)}`);
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
  await executeAction(
    {
      ...definition,
      async run(inputs, context) {
        const { context: github } = await import('./github-context');
        Object.assign(environment, readRunEnvironment(github));
        return definition.run(inputs, context);
      },
    },
    host,
  );
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
    core.warning(`${signal}: the run is being cancelled; stopping`);
    controller.abort(new Cancellation(signal));
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  return { signal: controller.signal, abandon: () => process.exit() };
}

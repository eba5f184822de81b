import * as core from '@actions/core';
import { type ActionDefinition, type ActionHost, executeAction } from './action';
import { errorMessage } from './errors';
import type { InputShape } from './inputs';
import type { Logger } from './logger';
import { readRunEnvironment } from './run-environment';

/** The runner's view of an input: INPUT_ + the name with spaces as underscores, upper-cased. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

const coreLogger: Logger = {
  debug: core.debug,
  info: core.info,
  notice: (message, properties) => core.notice(message, properties),
  warning: (message, properties) => core.warning(message, properties),
  error: (message, properties) => core.error(message, properties),
  group: (name, fn) => core.group(name, fn),
};

/** The entry point of every action: `run(definition)` in its main.ts, nothing else. */
export async function run<S extends InputShape>(definition: ActionDefinition<S>): Promise<void> {
  const fail = (message: string) => core.setFailed(message);
  process.on('unhandledRejection', (reason) => fail(`${definition.name}: ${errorMessage(reason)}`));
  let host: ActionHost;
  try {
    host = {
      readInput: (name) => process.env[inputVariable(name)],
      mask: (value) => core.setSecret(value),
      log: coreLogger,
      run: readRunEnvironment(process.env),
      setOutput: (name, value) => core.setOutput(name, value),
      writeSummary: async (markdown) => {
        await core.summary.addRaw(markdown).write();
      },
      fail,
    };
  } catch (thrown) {
    fail(`${definition.name}: ${errorMessage(thrown)}`);
    return;
  }
  await executeAction(definition, host);
}

import { errorMessage } from './errors';
import { type InputShape, type Inputs, parseInputs } from './inputs';
import type { Logger } from './logger';
import type { RunEnvironment } from './run-environment';
import { Summary } from './summary';

export interface ActionContext {
  log: Logger;
  summary: Summary;
  run: RunEnvironment;
  /** Registers a value the run produced (a fetched token, a generated secret) as secret. */
  mask(value: string): void;
}

export type OutputValue = string | number | boolean | object | undefined;

export interface ActionResult {
  /** Written before any failure is reported, so a failed step still leaves its record. */
  outputs: Record<string, OutputValue>;
  /** Set when the action ran to the end but its verdict is a failure. */
  failure?: string;
}

export interface ActionDefinition<S extends InputShape = InputShape> {
  /** The action's directory name under actions/, used as the prefix of its failure line. */
  name: string;
  inputs: S;
  run(inputs: Inputs<S>, context: ActionContext): Promise<ActionResult>;
}

export function defineAction<S extends InputShape>(definition: ActionDefinition<S>): ActionDefinition<S> {
  return definition;
}

/** Everything a place that runs an action (the runner, a test) has to provide. */
export interface ActionHost {
  readInput(name: string): string | undefined;
  mask(value: string): void;
  log: Logger;
  run: RunEnvironment;
  setOutput(name: string, value: string): void;
  writeSummary(markdown: string): Promise<void>;
  fail(message: string): void;
}

/** Runs an action against a host: inputs, the action, outputs, the summary, then the verdict. */
export async function executeAction<S extends InputShape>(
  definition: ActionDefinition<S>,
  host: ActionHost,
): Promise<void> {
  const summary = new Summary();
  try {
    const inputs = parseInputs(definition.inputs, (name) => host.readInput(name), host.mask);
    const result = await definition.run(inputs, { log: host.log, summary, run: host.run, mask: host.mask });
    for (const [name, value] of Object.entries(result.outputs)) {
      if (value === undefined) continue;
      host.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    await writeSummary(host, summary);
    if (result.failure) host.fail(`${definition.name}: ${result.failure}`);
  } catch (thrown) {
    if (thrown instanceof Error && thrown.stack) host.log.debug(thrown.stack);
    await writeSummary(host, summary);
    host.fail(`${definition.name}: ${errorMessage(thrown)}`);
  }
}

async function writeSummary(host: ActionHost, summary: Summary): Promise<void> {
  if (summary.isEmpty) return;
  try {
    await host.writeSummary(summary.toString());
  } catch (thrown) {
    // The runner does not fail a step for a lost summary either.
    host.log.warning(`could not write the step summary: ${errorMessage(thrown)}`);
  }
}

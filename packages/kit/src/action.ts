import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorMessage } from './errors';
import { type InputShape, type Inputs, parseInputs } from './inputs';
import type { AnnotationProperties, Logger } from './logger';
import { Redactor } from './redact';
import type { RunEnvironment } from './run-environment';
import { Summary } from './summary';

export interface ActionContext {
  log: Logger;
  summary: Summary;
  run: RunEnvironment;
  /** Registers a value the run produced (a fetched token, a generated secret) as secret. */
  mask(value: string): void;
  /** The text with every secret the run knows (in every encoding) and every URL's userinfo removed. */
  redact(text: string): string;
  /** Writes a file the action leaves behind (a record, a report), redacted, creating its folder. */
  writeFile(path: string, text: string): Promise<void>;
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
  given: ActionHost,
): Promise<void> {
  const host = redactingHost(given);
  const summary = new Summary();
  try {
    const inputs = parseInputs(definition.inputs, (name) => host.readInput(name), host.mask);
    const context: ActionContext = {
      log: host.log,
      summary,
      run: host.run,
      mask: host.mask,
      redact: host.redact,
      async writeFile(path, text) {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, host.redact(text));
      },
    };
    const result = await definition.run(inputs, context);
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

/** A host whose every emitted text passes through the run's redactor. */
export interface RedactingHost extends ActionHost {
  redact(text: string): string;
}

const redacting = new WeakSet<ActionHost>();

/**
 * Wraps a host so that nothing leaves it unredacted: log lines, annotations (and their titles), outputs, the
 * summary and the failure line. `mask` teaches the redactor a secret and hands every form of it to the host,
 * so the runner hides them too, in lines the action does not write itself.
 */
export function redactingHost(host: ActionHost): RedactingHost {
  if (redacting.has(host)) return host as RedactingHost;
  const redactor = new Redactor();
  const redact = (text: string) => redactor.redact(text);
  const annotate =
    (write: (message: string, properties?: AnnotationProperties) => void) =>
    (message: string, properties?: AnnotationProperties) =>
      write(
        redact(message),
        properties?.title ? { ...properties, title: redact(properties.title) } : properties,
      );
  const log: Logger = {
    debug: (message) => host.log.debug(redact(message)),
    info: (message) => host.log.info(redact(message)),
    notice: annotate((message, properties) => host.log.notice(message, properties)),
    warning: annotate((message, properties) => host.log.warning(message, properties)),
    error: annotate((message, properties) => host.log.error(message, properties)),
    group: (name, fn) => host.log.group(redact(name), fn),
  };
  const wrapped: RedactingHost = {
    readInput: (name) => host.readInput(name),
    mask(value) {
      if (!value.trim()) return;
      const forms = redactor.add(value);
      if (!forms.includes(value)) host.mask(value);
      for (const form of forms) host.mask(form);
    },
    log,
    run: host.run,
    setOutput: (name, value) => host.setOutput(name, redact(value)),
    writeSummary: (markdown) => host.writeSummary(redact(markdown)),
    fail: (message) => host.fail(redact(message)),
    redact,
  };
  redacting.add(wrapped);
  return wrapped;
}

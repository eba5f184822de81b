import { resolve } from 'node:path';
import { errorMessage, InputError } from './errors';
import { type InputShape, type Inputs, parseInputs } from './inputs';
import type { AnnotationProperties, Logger } from './logger';
import { Progress, progressIntervalFromEnv } from './progress';
import { Redactor } from './redact';
import type { RunEnvironment } from './run-environment';
import { Summary } from './summary';
import { writeInside, writePlacesOf } from './write-places';

export interface ActionContext {
  /**
   * The run's log. Its `group` is `phase`; its `waitingFor` names a wait for the progress lines. While a phase
   * or a wait runs, a line is written at least every 30 s (`still waiting for …`, `still running: …`).
   */
  log: Logger;
  /**
   * Runs one phase of the action as one group of the log (`Deploying 3 machines`), ended before anything it
   * throws is reported. Phases do not nest: one started inside another is a line of the open group.
   */
  phase<T>(name: string, fn: () => Promise<T>): Promise<T>;
  summary: Summary;
  run: RunEnvironment;
  /** Registers a value the run produced (a fetched token, a generated secret) as secret. */
  mask(value: string): void;
  /** The text with every secret the run knows (in every encoding) and every URL's userinfo removed. */
  redact(text: string): string;
  /**
   * Writes a file the action leaves behind (a record, a report), redacted, creating its folder; relative to the
   * workspace. Only inside the workspace or RUNNER_TEMP (after symbolic links): anywhere else is an error.
   */
  writeFile(path: string, text: string): Promise<void>;
  /**
   * Aborted when the run is cancelled (the runner's SIGINT, then SIGTERM). Every wait, request and child
   * process takes it; an action that sees it stops changing anything, releases what it holds and returns
   * (or throws) saying what it left. Its reason is a `Cancellation`.
   */
  signal: AbortSignal;
}

/** Why a run's signal was aborted: the process signal the runner sent. */
export class Cancellation extends Error {
  constructor(readonly processSignal: string) {
    super(`cancelled (${processSignal})`);
    this.name = 'Cancellation';
  }
}

export type OutputValue = string | number | boolean | object | undefined;

/** What an output holds: text, a number, true or false, or JSON (an object or array, written as JSON). */
export type OutputKind = 'text' | 'number' | 'boolean' | 'json';
export type OutputShape = Record<string, OutputKind>;

interface OutputValueOf {
  text: string;
  number: number;
  boolean: boolean;
  json: object;
}

/** The outputs an action writes, each of its declared kind; one left undefined is not written. */
export type Outputs<O extends OutputShape> = { [K in keyof O]?: OutputValueOf[O[K]] | undefined };

export interface ActionResult<O extends OutputShape = OutputShape> {
  /** Written before any failure is reported, so a failed step still leaves its record. */
  outputs: Outputs<O>;
  /** Set when the action ran to the end but its verdict is a failure. */
  failure?: string;
}

/** Refuses a combination of inputs: one line naming them, e.g. `Input 'a' and input 'b' exclude each other`. */
export type RefuseInputs<S> = (
  names: readonly [keyof S & string, ...(keyof S & string)[]],
  sentence: string,
) => never;

export interface ActionDefinition<S extends InputShape = InputShape, O extends OutputShape = OutputShape> {
  /** The action's directory name under actions/, used as the prefix of its failure line. */
  name: string;
  inputs: S;
  /**
   * Every output action.yml declares, with its kind; `run` may then write only these (TypeScript checks it). Every
   * action of the repository declares them (the manifest test checks it); a test's throwaway action may not.
   */
  outputs?: O;
  /** Rules across inputs, checked once every input is read and before `run`. */
  check?(inputs: Inputs<S>, refuse: RefuseInputs<S>): void;
  run(inputs: Inputs<S>, context: ActionContext): Promise<ActionResult<O>>;
}

export function defineAction<S extends InputShape, const O extends OutputShape = OutputShape>(
  definition: ActionDefinition<S, O>,
): ActionDefinition<S, O> {
  return definition;
}

/** The one line of a refused combination: `Input 'a' and input 'b' <sentence>`. */
function refuseInputs(names: readonly string[], sentence: string): never {
  const quoted = names.map((name, index) => `${index === 0 ? 'Input' : 'input'} '${name}'`);
  const listed =
    quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
  throw new InputError(names[0] ?? 'inputs', `${listed} ${sentence}`);
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
  /** Aborted with a `Cancellation` when the run is cancelled; a host that cannot be cancelled gives none. */
  signal?: AbortSignal;
  /**
   * Called when a cancelled action has not stopped within `cancelGraceMs`: the runner host exits the process,
   * since the runner's SIGTERM and SIGKILL follow. The kit has written the summary and the failure by then.
   */
  abandon?(): void;
  /** How long a cancelled action may take to stop before the kit gives up on it (default 4,500 ms). */
  cancelGraceMs?: number;
  /**
   * How long a phase or a wait may go without a line before the kit writes one; default
   * `SHIPGATE_PROGRESS_INTERVAL` (a duration, for tests), else 30 s.
   */
  progressIntervalMs?: number;
}

/** Under the runner's 7.5 s between SIGINT and SIGTERM, with room for writing the summary and exiting. */
const defaultCancelGraceMs = 4_500;

/** Runs an action against a host: inputs, the action, outputs, the summary, then the verdict. */
export async function executeAction<S extends InputShape, O extends OutputShape>(
  definition: ActionDefinition<S, O>,
  given: ActionHost,
): Promise<void> {
  const host = redactingHost(given);
  const summary = new Summary();
  const signal = host.signal ?? new AbortController().signal;
  // Set once the step's verdict is written; whatever the action reports after that is dropped.
  const step = { reported: false };
  const fail = (message: string) => {
    step.reported = true;
    host.fail(`${definition.name}: ${message}`);
  };
  const cancelled = () => (signal.aborted ? cancellationText(signal) : undefined);
  const progress = new Progress(host.log, {
    intervalMs: host.progressIntervalMs ?? progressIntervalFromEnv(),
    signal,
  });

  const work = (async () => {
    try {
      // The runner host fills `run` only once the inputs parsed (its context loads Octokit): until then the
      // workspace and temp folder are where readRunEnvironment will find them.
      const places = writePlacesOf(host.run);
      const inputs = parseInputs(definition.inputs, (name) => host.readInput(name), {
        mask: host.mask,
        warn: (message) => host.log.warning(message),
        places,
      });
      definition.check?.(inputs, refuseInputs);
      const context: ActionContext = {
        log: progress.log,
        phase: (name, fn) => progress.phase(name, fn),
        summary,
        run: host.run,
        mask: host.mask,
        redact: host.redact,
        writeFile: (path, text) => writeInside(resolve(places.workspace, path), host.redact(text), places),
        signal,
      };
      const result = await definition.run(inputs, context);
      if (step.reported) return;
      await progress.close();
      for (const [name, value] of Object.entries(result.outputs as Record<string, OutputValue>)) {
        if (value === undefined) continue;
        host.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      await writeSummary(host, summary);
      const stopped = cancelled();
      if (stopped) fail(`${stopped}: ${result.failure ?? 'it stopped before the end'}`);
      else if (result.failure) fail(result.failure);
      step.reported = true;
    } catch (thrown) {
      if (step.reported) return;
      await progress.close();
      if (thrown instanceof Error && thrown.stack) host.log.debug(thrown.stack);
      await writeSummary(host, summary);
      const stopped = cancelled();
      const message = errorMessage(thrown);
      fail(stopped && !message.startsWith(stopped) ? `${stopped}: ${message}` : message);
    }
  })();
  const done = new AbortController();
  try {
    await Promise.race([
      work,
      stoppedWaiting(host, signal, done.signal, async () => {
        if (step.reported) return false;
        await progress.close();
        await writeSummary(host, summary);
        const graceS = (host.cancelGraceMs ?? defaultCancelGraceMs) / 1000;
        fail(
          `${cancellationText(signal)}: still running ${graceS} s later; stopped without waiting for it (what it had under way may be half-done: a re-run converges)`,
        );
        return true;
      }),
    ]);
  } finally {
    done.abort();
    await progress.close();
  }
}

/**
 * Resolves when a cancelled action is still running after the host's grace period and `giveUp` wrote the
 * verdict (then the host may abandon it); never otherwise. `done` clears the timer.
 */
function stoppedWaiting(
  host: ActionHost,
  signal: AbortSignal,
  done: AbortSignal,
  giveUp: () => Promise<boolean>,
): Promise<void> {
  return new Promise((resolve) => {
    const onCancel = () => {
      const timer = setTimeout(async () => {
        if (!(await giveUp())) return;
        resolve();
        host.abandon?.();
      }, host.cancelGraceMs ?? defaultCancelGraceMs);
      done.addEventListener('abort', () => clearTimeout(timer), { once: true });
    };
    if (signal.aborted) onCancel();
    else signal.addEventListener('abort', onCancel, { once: true });
  });
}

function cancellationText(signal: AbortSignal): string {
  return signal.reason instanceof Cancellation ? signal.reason.message : 'cancelled';
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
    waitingFor: (what, fn) => host.log.waitingFor(what, fn),
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
    ...(host.signal ? { signal: host.signal } : {}),
    ...(host.abandon ? { abandon: () => host.abandon?.() } : {}),
    ...(host.cancelGraceMs !== undefined ? { cancelGraceMs: host.cancelGraceMs } : {}),
    ...(host.progressIntervalMs !== undefined ? { progressIntervalMs: host.progressIntervalMs } : {}),
  };
  redacting.add(wrapped);
  return wrapped;
}

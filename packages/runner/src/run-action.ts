import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Annotation } from './annotations';
import { type FileCommandPaths, inputVariableName, runnerEnvironment } from './environment';
import type { RunnerEvent } from './events';
import { evaluateExpressions } from './expressions';
import { parseKeyValueFile, parsePathFile } from './file-commands';
import { readActionManifest } from './manifest';
import { Masker } from './masker';
import { renderLog, StepLog, type StepLogEntry } from './step-log';

export type Stage = 'pre' | 'main' | 'post';

export interface RunActionOptions {
  /** The directory holding action.yml. */
  actionDir: string;
  /** The step's `with:`; inputs not given get action.yml's default or stay unset. */
  inputs?: Record<string, string>;
  event?: RunnerEvent;
  workspace: string;
  /** Extra variables (e.g. GITHUB_API_URL pointing at the sandbox); they override the runner's defaults. */
  env?: Record<string, string>;
  /** The node binary; default the current one. */
  node?: string;
  /** Kill the step after this long; default 10 minutes. */
  timeoutMs?: number;
  stage?: Stage;
  /** The action instance's saved state, exposed as STATE_<name> (name case kept). */
  state?: Record<string, string>;
  /** Step debug logging: RUNNER_DEBUG=1 and `::debug::` lines shown. */
  debug?: boolean;
  /** `github.token`, masked like the runner masks it; default empty. */
  token?: string;
  /** Values the runner already knows as secret (`secrets.*` passed in `with:`), masked from the start. */
  secrets?: string[];
  /** The job's RUNNER_TEMP, shared by the steps of a job; default a fresh directory that is left in place. */
  runnerTemp?: string;
  /**
   * Cancels the step as the runner cancels a job, once a line of its output passes this test: SIGINT to the
   * step's process, SIGTERM 7.5 s later if it still runs, SIGKILL 2.5 s after that.
   */
  cancelWhen?: (line: string) => boolean;
  /** Told of each log entry as the action writes it (masked, commands read), for a live view. */
  onEntry?: (entry: StepLogEntry) => void;
}

/** The runner's cancellation: what it sends a step's process, and how long after the one before. */
export const cancelSequence: ReadonlyArray<{ signal: NodeJS.Signals; afterMs: number }> = [
  { signal: 'SIGINT', afterMs: 0 },
  { signal: 'SIGTERM', afterMs: 7_500 },
  { signal: 'SIGKILL', afterMs: 2_500 },
];

export interface StepResult {
  exitCode: number;
  /** Failure by exit code, a timeout, a malformed file command or a disabled command. */
  outcome: 'success' | 'failure';
  timedOut: boolean;
  outputs: Record<string, string>;
  /** GITHUB_ENV pairs, for later steps. */
  env: Record<string, string>;
  /** GITHUB_STATE pairs, for the post stage (pass them as `state`). */
  state: Record<string, string>;
  /** GITHUB_PATH entries, for later steps. */
  path: string[];
  /** The step summary, masked; empty when none was written or it was too large. */
  summary: string;
  annotations: Annotation[];
  /** How many secret values were registered; the values themselves are never returned. */
  masks: number;
  /** The log as the runner shows it: commands consumed, secrets as `***`, groups as `▸ Title`. */
  log: string;
  entries: StepLogEntry[];
  /** Raw process output, before masking and command processing (for debugging a test, not for asserting). */
  stdout: string;
  stderr: string;
  durationMs: number;
  /** The signals the step's process was sent when it was cancelled (`cancelWhen`), in order. */
  signalsSent: NodeJS.Signals[];
  /** File-command parse errors, an oversized summary, disabled commands. */
  errors: string[];
  runnerTemp: string;
}

const summaryLimit = 1024 * 1024;
const summaryTooLarge = (bytes: number) =>
  `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${summaryLimit / 1024}k, got ${Math.floor(bytes / 1024)}k. For more information see: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary`;

/** Runs one stage of a JavaScript action as the GitHub runner does and returns what the runner would record. */
export async function runAction(options: RunActionOptions): Promise<StepResult> {
  const started = performance.now();
  const actionDir = resolve(options.actionDir);
  const workspace = resolve(options.workspace);
  const manifest = readActionManifest(actionDir);
  const stage = options.stage ?? 'main';
  const script = manifest.runs[stage];
  if (!script) throw new Error(`${manifest.name} has no runs.${stage} script`);

  const runnerTemp = options.runnerTemp ?? mkdtempSync(join(tmpdir(), 'shipgate-runner-'));
  const files = createFileCommands(runnerTemp);
  let eventPath: string | undefined;
  if (options.event) {
    mkdirSync(join(runnerTemp, '_github_workflow'), { recursive: true });
    eventPath = join(runnerTemp, '_github_workflow', 'event.json');
    writeFileSync(eventPath, `${JSON.stringify(options.event.payload, null, 2)}\n`);
  }
  const debug = options.debug ?? false;
  const stepEnv = {
    ...runnerEnvironment({ actionDir, workspace, runnerTemp, files, event: options.event, eventPath, debug }),
    ...(options.env ?? {}),
  };

  const masker = new Masker();
  if (options.token) masker.add(options.token);
  for (const secret of options.secrets ?? []) masker.add(secret);
  const log = new StepLog(masker, {
    workspace,
    debug,
    allowUnsecureCommands: stepEnv.ACTIONS_ALLOW_UNSECURE_COMMANDS === 'true',
    ...(options.onEntry ? { onEntry: options.onEntry } : {}),
  });

  const inputEnv = resolveInputs(manifest.inputs, options.inputs ?? {}, log, {
    'github.token': options.token ?? '',
    'github.workspace': workspace,
    'runner.temp': runnerTemp,
    'github.sha': stepEnv.GITHUB_SHA ?? '',
    'github.repository': stepEnv.GITHUB_REPOSITORY ?? '',
    'github.server_url': stepEnv.GITHUB_SERVER_URL ?? '',
    'github.api_url': stepEnv.GITHUB_API_URL ?? '',
    'github.event_name': stepEnv.GITHUB_EVENT_NAME ?? '',
    'github.ref': stepEnv.GITHUB_REF ?? '',
  });
  const stateEnv = Object.fromEntries(
    Object.entries(options.state ?? {}).map(([name, value]) => [`STATE_${name}`, value]),
  );

  // A clean environment: only PATH and HOME come from the host, so the host's own GITHUB_* / INPUT_*
  // (when the tests themselves run in GitHub Actions) cannot leak into the step.
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME']) if (process.env[name] !== undefined) env[name] = process.env[name];
  Object.assign(env, stepEnv, inputEnv, stateEnv);

  const child = await spawnStep(
    options.node ?? process.execPath,
    join(actionDir, script),
    workspace,
    env,
    log,
    options.timeoutMs ?? 600_000,
    options.cancelWhen,
  );

  const result = collectFileCommands(files, log, masker);
  const outputs = { ...Object.fromEntries(log.legacy.outputs), ...result.outputs };
  // The runner keeps a step's outputs intact for later steps of the same job, but refuses to pass a
  // value holding a secret out of the job ("Skip output '…' since it may contain secret"). A StepResult
  // leaves the runner, so it gets the stricter treatment: secrets in outputs are replaced by ***.
  for (const [name, value] of Object.entries(outputs)) outputs[name] = masker.mask(value);

  const failed = child.exitCode !== 0 || child.timedOut || log.failed;
  return {
    exitCode: child.exitCode,
    outcome: failed ? 'failure' : 'success',
    timedOut: child.timedOut,
    outputs,
    env: { ...Object.fromEntries(log.legacy.env), ...result.env },
    state: { ...Object.fromEntries(log.legacy.state), ...result.state },
    path: [...result.path, ...log.legacy.path],
    summary: result.summary,
    annotations: log.annotations,
    masks: masker.size,
    log: renderLog(log.entries),
    entries: log.entries,
    stdout: child.stdout,
    stderr: child.stderr,
    durationMs: Math.round(performance.now() - started),
    signalsSent: child.signalsSent,
    errors: log.errors,
    runnerTemp,
  };
}

function createFileCommands(runnerTemp: string): FileCommandPaths {
  const dir = join(runnerTemp, '_runner_file_commands');
  mkdirSync(dir, { recursive: true });
  const file = (prefix: string) => {
    const path = join(dir, `${prefix}_${randomUUID()}`);
    writeFileSync(path, '');
    return path;
  };
  return {
    GITHUB_PATH: file('add_path'),
    GITHUB_ENV: file('set_env'),
    GITHUB_OUTPUT: file('set_output'),
    GITHUB_STATE: file('save_state'),
    GITHUB_STEP_SUMMARY: file('step_summary'),
  };
}

function resolveInputs(
  declared: Record<string, { default?: string | undefined }>,
  given: Record<string, string>,
  log: StepLog,
  context: Parameters<typeof evaluateExpressions>[1],
): Record<string, string> {
  const env: Record<string, string> = {};
  const declaredNames = Object.keys(declared);
  const lower = new Set(declaredNames.map((name) => name.toLowerCase()));
  const givenLower = new Set(Object.keys(given).map((name) => name.toLowerCase()));
  const unexpected = Object.keys(given).filter((name) => !lower.has(name.toLowerCase()));
  if (unexpected.length > 0) {
    log.annotate(
      'warning',
      `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${declaredNames.join("', '")}']`,
    );
  }
  for (const [name, value] of Object.entries(given)) env[inputVariableName(name)] = value;
  for (const [name, input] of Object.entries(declared)) {
    if (givenLower.has(name.toLowerCase()) || input.default === undefined) continue;
    try {
      env[inputVariableName(name)] = evaluateExpressions(input.default, context);
    } catch (thrown) {
      throw new Error(`input '${name}': ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    }
  }
  return env;
}

interface ChildResult {
  exitCode: number;
  timedOut: boolean;
  signalsSent: NodeJS.Signals[];
  stdout: string;
  stderr: string;
}

function spawnStep(
  node: string,
  script: string,
  cwd: string,
  env: Record<string, string>,
  log: StepLog,
  timeoutMs: number,
  cancelWhen?: (line: string) => boolean,
): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const signalsSent: NodeJS.Signals[] = [];
    const cancelTimers: NodeJS.Timeout[] = [];
    let exited = false;
    const cancel = () => {
      let at = 0;
      for (const { signal, afterMs } of cancelSequence) {
        at += afterMs;
        const send = () => {
          if (exited) return;
          signalsSent.push(signal);
          child.kill(signal);
        };
        if (at === 0) send();
        else cancelTimers.push(setTimeout(send, at));
      }
    };
    const raw = { stdout: '', stderr: '' };
    const pending = { stdout: '', stderr: '' };
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    // The runner reads both streams line by line and treats them alike: commands work on stderr too.
    const take = (stream: 'stdout' | 'stderr', text: string, end: boolean) => {
      raw[stream] += text;
      const lines = (pending[stream] + text).split('\n');
      pending[stream] = end ? '' : (lines.pop() ?? '');
      if (end && lines.at(-1) === '') lines.pop();
      for (const line of lines) {
        const text = line.endsWith('\r') ? line.slice(0, -1) : line;
        log.write(text);
        if (cancelWhen && signalsSent.length === 0 && cancelTimers.length === 0 && cancelWhen(text)) cancel();
      }
    };
    child.stdout.on('data', (chunk: Buffer) => take('stdout', decoders.stdout.write(chunk), false));
    child.stderr.on('data', (chunk: Buffer) => take('stderr', decoders.stderr.write(chunk), false));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${node}: ${error.message}`));
    });
    child.on('exit', () => {
      exited = true;
      for (const cancelTimer of cancelTimers) clearTimeout(cancelTimer);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      take('stdout', decoders.stdout.end(), true);
      take('stderr', decoders.stderr.end(), true);
      if (timedOut) log.fail(`The action has timed out after ${timeoutMs} ms.`);
      else if (signal) log.fail(`The action was killed by ${signal}.`);
      resolvePromise({ exitCode: code ?? 1, timedOut, signalsSent, stdout: raw.stdout, stderr: raw.stderr });
    });
  });
}

interface CollectedFileCommands {
  outputs: Record<string, string>;
  env: Record<string, string>;
  state: Record<string, string>;
  path: string[];
  summary: string;
}

/** Processes the step's files in the runner's order: add_path, set_env, set_output, save_state, step_summary. */
function collectFileCommands(files: FileCommandPaths, log: StepLog, masker: Masker): CollectedFileCommands {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const pairs = (path: string, context: string) => {
    const parsed = parseKeyValueFile(read(path));
    if (parsed.error) {
      log.fail(`Unable to process file command '${context}' successfully.`);
      log.fail(parsed.error);
    }
    return parsed.pairs;
  };
  const env: Record<string, string> = {};
  for (const [name, value] of pairs(files.GITHUB_ENV, 'env')) {
    if (name.toUpperCase() === 'NODE_OPTIONS') {
      log.annotate('error', "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.");
      continue;
    }
    env[name] = value;
  }
  const path = parsePathFile(read(files.GITHUB_PATH));
  const outputs = Object.fromEntries(pairs(files.GITHUB_OUTPUT, 'output'));
  const state = Object.fromEntries(pairs(files.GITHUB_STATE, 'state'));

  let summary = '';
  const bytes = statSync(files.GITHUB_STEP_SUMMARY, { throwIfNoEntry: false })?.size ?? 0;
  if (bytes > summaryLimit) {
    // Reported as an error, but the runner does not fail the step for a lost summary.
    log.errors.push(summaryTooLarge(bytes));
    log.annotate('error', summaryTooLarge(bytes));
  } else if (bytes > 0) {
    summary = read(files.GITHUB_STEP_SUMMARY)
      .split('\n')
      .map((line) => masker.mask(line))
      .join('\n');
  }
  return { outputs, env, state, path, summary };
}

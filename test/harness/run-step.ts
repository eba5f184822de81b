import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
// Relative until the lead links @shipgate/runner into node_modules; then import it by name.
import { type RunnerEvent, runAction, type Stage, type StepResult } from '@shipgate/runner';
import { inject } from 'vitest';
import { tempDir } from './temp-dirs';

/** The repository's actions/ directory. */
export const actionsDir = resolve(import.meta.dirname, '..', '..', 'actions');

export interface RunStepOptions {
  inputs?: Record<string, string>;
  event?: RunnerEvent;
  /** The checkout the action runs in; default a fresh empty temp dir. */
  workspace?: string;
  env?: Record<string, string>;
  /** The node binary; default the Node 24 the integration setup installed, else the current node. */
  node?: string;
  debug?: boolean;
  token?: string;
  secrets?: string[];
  stage?: Stage;
  state?: Record<string, string>;
  /** Share RUNNER_TEMP between the steps of one simulated job (main, then post). */
  runnerTemp?: string;
  timeoutMs?: number;
  /** Cancel the step with the runner's signal sequence once a line of its output passes this test. */
  cancelWhen?: (line: string) => boolean;
}

/** Node 24 when the integration setup provided it (runs.using: node24), else the node running the tests. */
export function defaultNode(): string {
  try {
    const node24 = inject('node24');
    if (node24 && existsSync(node24)) return node24;
  } catch {
    // Not under the integration config: nothing was provided.
  }
  return process.execPath;
}

/**
 * Runs the bundled `actions/<name>/dist/index.js` as the GitHub runner would, in temp dirs removed after
 * the test. The result's `runnerTemp` holds files the action wrote there (SARIF, reports) until then.
 */
export async function runStep(actionName: string, options: RunStepOptions = {}): Promise<StepResult> {
  const actionDir = join(actionsDir, actionName);
  if (!existsSync(join(actionDir, 'action.yml')))
    throw new Error(`no action named '${actionName}' in ${actionsDir}`);
  if (!existsSync(join(actionDir, 'dist', 'index.js'))) {
    throw new Error(`actions/${actionName}/dist/index.js is missing: run npm run build first`);
  }
  return runAction({
    actionDir,
    workspace: options.workspace ?? tempDir('workspace'),
    runnerTemp: options.runnerTemp ?? tempDir('runner-temp'),
    node: options.node ?? defaultNode(),
    ...pick(options, [
      'inputs',
      'event',
      'env',
      'debug',
      'token',
      'secrets',
      'stage',
      'state',
      'timeoutMs',
      'cancelWhen',
    ]),
  });
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

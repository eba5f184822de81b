import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** The facts about the run an action may need, read once from the runner's environment. */
export interface RunEnvironment {
  workspace: string;
  temp: string;
  eventName: string;
  /** The webhook payload; `{}` when there is no event file (a local run). */
  event: Record<string, unknown>;
  sha: string;
  ref: string;
  repository: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runAttempt: string;
  actor: string;
  debug: boolean;
}

export function readRunEnvironment(env: NodeJS.ProcessEnv = process.env): RunEnvironment {
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    temp: env.RUNNER_TEMP || tmpdir(),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event: readEvent(env.GITHUB_EVENT_PATH),
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    repository: env.GITHUB_REPOSITORY ?? '',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    debug: env.RUNNER_DEBUG === '1',
  };
}

function readEvent(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch (thrown) {
    throw new Error(`cannot read the event payload at ${path}`, { cause: thrown });
  }
}

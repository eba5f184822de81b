import { tmpdir } from 'node:os';
import type { context as githubContext } from '@actions/github';

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
  /** From GITHUB_SERVER_URL and GITHUB_API_URL, so GitHub Enterprise Server needs no setting. */
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runAttempt: string;
  actor: string;
  debug: boolean;
}

/** The run as @actions/github's context describes it, with what the context leaves out from the runner's env. */
export function readRunEnvironment(
  context: typeof githubContext,
  env: NodeJS.ProcessEnv = process.env,
): RunEnvironment {
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    temp: env.RUNNER_TEMP || tmpdir(),
    eventName: context.eventName ?? '',
    event: context.payload as Record<string, unknown>,
    sha: context.sha ?? '',
    ref: context.ref ?? '',
    repository: repositoryOf(context),
    serverUrl: context.serverUrl || 'https://github.com',
    apiUrl: context.apiUrl || 'https://api.github.com',
    runId: numberText(context.runId),
    runAttempt: numberText(context.runAttempt),
    actor: context.actor ?? '',
    debug: env.RUNNER_DEBUG === '1',
  };
}

/** `owner/name`, from GITHUB_REPOSITORY or else the payload; '' when neither has it (a local run). */
function repositoryOf(context: typeof githubContext): string {
  try {
    const { owner, repo } = context.repo;
    return `${owner}/${repo}`;
  } catch {
    return '';
  }
}

/** The context parses run numbers; an absent one is NaN there and '' here. */
function numberText(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

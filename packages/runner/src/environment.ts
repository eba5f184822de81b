import { basename } from 'node:path';
import type { RunnerEvent } from './events';

/** Paths of one step's file commands, each a fresh empty file under RUNNER_TEMP/_runner_file_commands. */
export interface FileCommandPaths {
  GITHUB_PATH: string;
  GITHUB_ENV: string;
  GITHUB_OUTPUT: string;
  GITHUB_STATE: string;
  GITHUB_STEP_SUMMARY: string;
}

export interface EnvironmentOptions {
  actionDir: string;
  workspace: string;
  runnerTemp: string;
  files: FileCommandPaths;
  event?: RunnerEvent;
  eventPath?: string;
  debug: boolean;
}

const runnerOs: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };
const runnerArch: Record<string, string> = { x64: 'X64', arm64: 'ARM64', arm: 'ARM', ia32: 'X86' };

/**
 * The default variables the runner gives a JavaScript action (§1.4), for a local job: identity of the
 * run, the event's refs, endpoints, RUNNER_* and the file-command paths. Callers may override any of them.
 */
export function runnerEnvironment(options: EnvironmentOptions): Record<string, string> {
  const { event } = options;
  // A local run belongs to no repository unless the event (or the caller's env) names one.
  const repository = event?.env.GITHUB_REPOSITORY ?? '';
  const ref = event?.env.GITHUB_REF ?? '';
  const env: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: event?.name ?? '',
    GITHUB_SHA: '',
    GITHUB_REF: '',
    GITHUB_REF_NAME: '',
    GITHUB_REF_TYPE: '',
    GITHUB_HEAD_REF: '',
    GITHUB_BASE_REF: '',
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_RUN_ID: '1000000001',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_WORKFLOW: 'shipgate',
    GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/shipgate.yml@${ref}`,
    GITHUB_JOB: 'local',
    GITHUB_ACTION: `__shipgate_${basename(options.actionDir)}`,
    GITHUB_ACTION_PATH: options.actionDir,
    // A local `uses: ./path` action has no repository or ref of its own.
    GITHUB_ACTION_REPOSITORY: '',
    GITHUB_ACTION_REF: '',
    GITHUB_ACTOR: 'octocat',
    GITHUB_ACTOR_ID: '583231',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    RUNNER_OS: runnerOs[process.platform] ?? process.platform,
    RUNNER_ARCH: runnerArch[process.arch] ?? process.arch.toUpperCase(),
    RUNNER_NAME: 'shipgate-local',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: options.runnerTemp,
    RUNNER_TOOL_CACHE: `${options.runnerTemp}/_tool`,
    ...(event?.env ?? {}),
    ...options.files,
  };
  if (options.eventPath) env.GITHUB_EVENT_PATH = options.eventPath;
  if (options.debug) env.RUNNER_DEBUG = '1';
  return env;
}

/** The environment variable the runner sets for an input: spaces become `_`, everything else is kept. */
export function inputVariableName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * A triggering event as the runner presents it: the webhook payload written to GITHUB_EVENT_PATH and the
 * GITHUB_* variables the event implies (§3 of the reference: for pull_request GITHUB_SHA is the test merge
 * commit, not the head).
 */
export interface RunnerEvent {
  name: string;
  payload: Record<string, unknown>;
  /** GITHUB_SHA, GITHUB_REF, GITHUB_REF_NAME, GITHUB_REF_TYPE, GITHUB_HEAD_REF, GITHUB_BASE_REF, GITHUB_REPOSITORY… */
  env: Record<string, string>;
}

const defaultRepository = 'shipgate/sample-app';

interface RepositoryOptions {
  /** `owner/name`; default shipgate/sample-app. */
  repository?: string;
  defaultBranch?: string;
}

function repositoryPayload(fullName: string, defaultBranch = 'main', fork = false): Record<string, unknown> {
  const [owner = 'shipgate', name = 'repo'] = fullName.split('/');
  return {
    id: stableId(fullName),
    node_id: `R_${Buffer.from(fullName).toString('base64url')}`,
    name,
    full_name: fullName,
    private: false,
    owner: { login: owner, id: stableId(owner), type: 'Organization' },
    html_url: `https://github.com/${fullName}`,
    url: `https://api.github.com/repos/${fullName}`,
    fork,
    default_branch: defaultBranch,
    visibility: 'public',
  };
}

const sender = { login: 'octocat', id: 583231, type: 'User' };

// A deterministic id, so payloads (and what tests snapshot from them) do not change between runs.
function stableId(text: string): number {
  let hash = 7;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 2_000_000_011;
  return hash;
}

function repositoryEnv(fullName: string): Record<string, string> {
  return {
    GITHUB_REPOSITORY: fullName,
    GITHUB_REPOSITORY_OWNER: fullName.split('/')[0] ?? '',
    GITHUB_REPOSITORY_ID: String(stableId(fullName)),
  };
}

function fullRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
}

function refEnv(ref: string): Record<string, string> {
  const full = fullRef(ref);
  const tag = full.startsWith('refs/tags/');
  const name = full.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\//, '');
  return { GITHUB_REF: full, GITHUB_REF_NAME: name, GITHUB_REF_TYPE: tag ? 'tag' : 'branch' };
}

export interface PullRequestEventOptions extends RepositoryOptions {
  number: number;
  base: { ref: string; sha: string };
  /** `repository` is the head repository's `owner/name` for a pull request from a fork. */
  head: { ref: string; sha: string; repository?: string };
  /** The test merge commit: GITHUB_SHA of the run. */
  mergeSha: string;
  action?: 'opened' | 'synchronize' | 'reopened';
  /** The previous head for `synchronize`; defaults to the base sha. */
  before?: string;
  title?: string;
}

/** A `pull_request` event (default action `synchronize`), as a run on the PR's merge ref sees it. */
export function pullRequestEvent(options: PullRequestEventOptions): RunnerEvent {
  const repository = options.repository ?? defaultRepository;
  const baseRepo = repositoryPayload(repository, options.defaultBranch);
  const headName = options.head.repository ?? repository;
  const fork = headName !== repository;
  const headRepo = repositoryPayload(headName, options.defaultBranch, fork);
  const action = options.action ?? 'synchronize';
  const owner = (name: string) => name.split('/')[0] ?? '';
  const pullRequest = {
    url: `https://api.github.com/repos/${repository}/pulls/${options.number}`,
    id: stableId(`${repository}#${options.number}`),
    html_url: `https://github.com/${repository}/pull/${options.number}`,
    diff_url: `https://github.com/${repository}/pull/${options.number}.diff`,
    number: options.number,
    state: 'open',
    locked: false,
    title: options.title ?? `Pull request ${options.number}`,
    body: null,
    user: sender,
    labels: [],
    draft: false,
    merged: false,
    mergeable: true,
    merge_commit_sha: options.mergeSha,
    head: {
      label: `${owner(headName)}:${options.head.ref}`,
      ref: options.head.ref,
      sha: options.head.sha,
      user: { login: owner(headName), type: 'Organization' },
      repo: headRepo,
    },
    base: {
      label: `${owner(repository)}:${options.base.ref}`,
      ref: options.base.ref,
      sha: options.base.sha,
      user: { login: owner(repository), type: 'Organization' },
      repo: baseRepo,
    },
  };
  const payload: Record<string, unknown> = { action, number: options.number, pull_request: pullRequest };
  if (action === 'synchronize') {
    payload.before = options.before ?? options.base.sha;
    payload.after = options.head.sha;
  }
  payload.repository = baseRepo;
  payload.sender = sender;
  return {
    name: 'pull_request',
    payload,
    env: {
      GITHUB_SHA: options.mergeSha,
      ...refEnv(`refs/pull/${options.number}/merge`),
      GITHUB_HEAD_REF: options.head.ref,
      GITHUB_BASE_REF: options.base.ref,
      ...repositoryEnv(repository),
    },
  };
}

export interface WorkflowDispatchEventOptions extends RepositoryOptions {
  /** Branch or tag dispatched on: `main`, `refs/heads/main` or `refs/tags/v1`. */
  ref: string;
  sha: string;
  /** Dispatch inputs; the payload carries them as strings, or null when there are none. */
  inputs?: Record<string, string | boolean | number>;
  workflow?: string;
}

/** A `workflow_dispatch` event on a branch or tag. */
export function workflowDispatchEvent(options: WorkflowDispatchEventOptions): RunnerEvent {
  const repository = options.repository ?? defaultRepository;
  const inputs = options.inputs
    ? Object.fromEntries(Object.entries(options.inputs).map(([key, value]) => [key, String(value)]))
    : null;
  return {
    name: 'workflow_dispatch',
    payload: {
      inputs,
      ref: fullRef(options.ref),
      workflow: options.workflow ?? '.github/workflows/promote.yml',
      repository: repositoryPayload(repository, options.defaultBranch),
      sender,
    },
    env: {
      GITHUB_SHA: options.sha,
      ...refEnv(options.ref),
      ...noPullRequestRefs,
      ...repositoryEnv(repository),
    },
  };
}

export interface ScheduleEventOptions extends RepositoryOptions {
  cron: string;
  sha: string;
  /** The default branch the schedule runs on; default `main`. */
  ref?: string;
  workflow?: string;
}

/** A `schedule` event: the cron that fired, on the default branch. */
export function scheduleEvent(options: ScheduleEventOptions): RunnerEvent {
  const repository = options.repository ?? defaultRepository;
  const ref = options.ref ?? options.defaultBranch ?? 'main';
  return {
    name: 'schedule',
    // GitHub documents no payload for schedule beyond the cron string; only `schedule` is reliable.
    payload: {
      schedule: options.cron,
      workflow: options.workflow ?? '.github/workflows/secret-rotation.yml',
      repository: repositoryPayload(repository, options.defaultBranch),
    },
    env: { GITHUB_SHA: options.sha, ...refEnv(ref), ...noPullRequestRefs, ...repositoryEnv(repository) },
  };
}

export interface PushEventOptions extends RepositoryOptions {
  ref: string;
  /** The commit pushed (GITHUB_SHA). */
  sha: string;
  before?: string;
  commits?: { id: string; message: string }[];
}

/** A `push` event to a branch or tag. */
export function pushEvent(options: PushEventOptions): RunnerEvent {
  const repository = options.repository ?? defaultRepository;
  const commits = (options.commits ?? [{ id: options.sha, message: 'local commit' }]).map((commit) => ({
    id: commit.id,
    tree_id: commit.id,
    distinct: true,
    message: commit.message,
    timestamp: new Date(0).toISOString(),
    author: { name: sender.login, email: `${sender.login}@users.noreply.github.com` },
  }));
  return {
    name: 'push',
    payload: {
      ref: fullRef(options.ref),
      before: options.before ?? '0000000000000000000000000000000000000000',
      after: options.sha,
      created: options.before === undefined,
      deleted: false,
      forced: false,
      commits,
      head_commit: commits.at(-1) ?? null,
      repository: repositoryPayload(repository, options.defaultBranch),
      sender,
    },
    env: {
      GITHUB_SHA: options.sha,
      ...refEnv(options.ref),
      ...noPullRequestRefs,
      ...repositoryEnv(repository),
    },
  };
}

// The runner sets GITHUB_HEAD_REF / GITHUB_BASE_REF only for pull request events; elsewhere they are empty.
const noPullRequestRefs = { GITHUB_HEAD_REF: '', GITHUB_BASE_REF: '' };

/**
 * An event read from a payload file (the CLI's `--event-path`): the GITHUB_* variables are derived from the
 * payload as the runner would set them; `sha` fills GITHUB_SHA where the payload does not carry it.
 */
export function eventFromPayload(name: string, payload: Record<string, unknown>, sha = ''): RunnerEvent {
  const record = (value: unknown) =>
    value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const repository = text(record(payload.repository).full_name) || defaultRepository;
  if (name === 'pull_request' || name === 'pull_request_target') {
    const pr = record(payload.pull_request);
    const number = Number(pr.number ?? payload.number);
    const head = record(pr.head);
    const base = record(pr.base);
    const target = name === 'pull_request_target';
    return {
      name,
      payload,
      env: {
        GITHUB_SHA: target ? text(base.sha) : text(pr.merge_commit_sha) || text(head.sha) || sha,
        ...refEnv(target ? text(base.ref) : `refs/pull/${number}/merge`),
        GITHUB_HEAD_REF: text(head.ref),
        GITHUB_BASE_REF: text(base.ref),
        ...repositoryEnv(repository),
      },
    };
  }
  const defaultBranch = text(record(payload.repository).default_branch) || 'main';
  const ref = text(payload.ref) || defaultBranch;
  return {
    name,
    payload,
    env: {
      GITHUB_SHA: text(payload.after) || sha,
      ...refEnv(ref),
      ...noPullRequestRefs,
      ...repositoryEnv(repository),
    },
  };
}

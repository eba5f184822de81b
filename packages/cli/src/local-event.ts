import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  eventFromPayload,
  pullRequestEvent,
  pushEvent,
  type RunnerEvent,
  scheduleEvent,
  workflowDispatchEvent,
} from '@shipgate/runner';
import { UsageError } from './args';

export const eventNames = ['pull_request', 'workflow_dispatch', 'schedule', 'push'] as const;

function git(workspace: string, ...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd: workspace,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** `owner/name` from the origin remote when it is a GitHub URL, else `local/<directory name>`. */
function repositoryName(workspace: string): string {
  const url = git(workspace, 'remote', 'get-url', 'origin') ?? '';
  const match = /github\.com[:/]([^/]+)\/([^/]+?)(\.git)?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : `local/${basename(workspace)}`;
}

/**
 * The event for `--event NAME`: read from `--event-path` when given, else built from the workspace's git
 * (HEAD and the current branch; for pull_request, the base is main or master and the merge is HEAD).
 */
export function localEvent(name: string, workspace: string, eventPath?: string): RunnerEvent {
  if (!(eventNames as readonly string[]).includes(name)) {
    throw new UsageError(`unknown event '${name}'; allowed: ${eventNames.join(', ')}`);
  }
  const head = git(workspace, 'rev-parse', 'HEAD') ?? '';
  if (eventPath) {
    let payload: unknown;
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8'));
    } catch (thrown) {
      throw new UsageError(
        `--event-path ${eventPath}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
      );
    }
    if (!payload || typeof payload !== 'object')
      throw new UsageError(`--event-path ${eventPath}: not a JSON object`);
    return eventFromPayload(name, payload as Record<string, unknown>, head);
  }
  const repository = repositoryName(workspace);
  const branch = git(workspace, 'symbolic-ref', '--short', 'HEAD') ?? 'main';
  if (name === 'pull_request') {
    const baseRef = ['main', 'master'].find((ref) =>
      git(workspace, 'rev-parse', '--verify', '--quiet', `refs/heads/${ref}`),
    );
    if (!head || !baseRef) {
      throw new UsageError(
        'a local pull_request event needs a git workspace with a main or master branch; or give --event-path',
      );
    }
    const baseSha = git(workspace, 'merge-base', baseRef, 'HEAD') ?? head;
    return pullRequestEvent({
      number: 1,
      repository,
      base: { ref: baseRef, sha: baseSha },
      head: { ref: branch, sha: head },
      // No merge commit exists locally; the checked-out HEAD stands in for it.
      mergeSha: head,
    });
  }
  if (name === 'workflow_dispatch') return workflowDispatchEvent({ ref: branch, sha: head, repository });
  if (name === 'schedule') return scheduleEvent({ cron: '0 4 * * *', ref: branch, sha: head, repository });
  return pushEvent({ ref: branch, sha: head, repository });
}

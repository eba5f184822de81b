import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { getExecOutput } from '@actions/exec';
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

/** git's trimmed output, or undefined when it fails (not a checkout, no such ref, no git). */
async function git(workspace: string, ...args: string[]): Promise<string | undefined> {
  const result = await getExecOutput('git', args, {
    cwd: workspace,
    silent: true,
    ignoreReturnCode: true,
  }).catch(() => undefined);
  return result?.exitCode === 0 ? result.stdout.trim() : undefined;
}

/** `owner/name` from the origin remote when it is a GitHub URL, else `local/<directory name>`. */
async function repositoryName(workspace: string): Promise<string> {
  const url = (await git(workspace, 'remote', 'get-url', 'origin')) ?? '';
  const match = /github\.com[:/]([^/]+)\/([^/]+?)(\.git)?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : `local/${basename(workspace)}`;
}

/**
 * The event for `--event NAME`: read from `--event-path` when given, else built from the workspace's git
 * (HEAD and the current branch; for pull_request, the base is main or master and the merge is HEAD).
 */
export async function localEvent(name: string, workspace: string, eventPath?: string): Promise<RunnerEvent> {
  if (!(eventNames as readonly string[]).includes(name)) {
    throw new UsageError(`unknown event '${name}'; allowed: ${eventNames.join(', ')}`);
  }
  const head = (await git(workspace, 'rev-parse', 'HEAD')) ?? '';
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
  const repository = await repositoryName(workspace);
  const branch = (await git(workspace, 'symbolic-ref', '--short', 'HEAD')) ?? 'main';
  if (name === 'pull_request') {
    let baseRef: string | undefined;
    for (const ref of ['main', 'master']) {
      if (await git(workspace, 'rev-parse', '--verify', '--quiet', `refs/heads/${ref}`)) {
        baseRef = ref;
        break;
      }
    }
    if (!head || !baseRef) {
      throw new UsageError(
        'a local pull_request event needs a git workspace with a main or master branch; or give --event-path',
      );
    }
    const baseSha = (await git(workspace, 'merge-base', baseRef, 'HEAD')) ?? head;
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

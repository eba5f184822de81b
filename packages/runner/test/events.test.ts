import { describe, expect, it } from 'vitest';
import { eventFromPayload, pullRequestEvent, scheduleEvent, workflowDispatchEvent } from '../src/events';

const sha = (c: string) => c.repeat(40);

describe('events', () => {
  it('pull_request: GITHUB_SHA is the merge commit, refs point at the PR merge ref', () => {
    const event = pullRequestEvent({
      number: 42,
      base: { ref: 'main', sha: sha('b') },
      head: { ref: 'feature', sha: sha('h'), repository: 'fork/shop' },
      mergeSha: sha('m'),
      repository: 'acme/shop',
    });
    expect(event.env).toMatchObject({
      GITHUB_SHA: sha('m'),
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_REF_NAME: '42/merge',
      GITHUB_HEAD_REF: 'feature',
      GITHUB_BASE_REF: 'main',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_REPOSITORY_OWNER: 'acme',
    });
    expect(event.payload).toMatchObject({
      action: 'synchronize',
      number: 42,
      after: sha('h'),
      pull_request: {
        number: 42,
        merge_commit_sha: sha('m'),
        head: { ref: 'feature', sha: sha('h'), repo: { full_name: 'fork/shop', fork: true } },
        base: { ref: 'main', sha: sha('b'), repo: { full_name: 'acme/shop' } },
      },
      repository: { full_name: 'acme/shop' },
    });
    // Reading it back from the payload gives the same variables.
    expect(eventFromPayload('pull_request', event.payload).env).toEqual(event.env);
  });

  it('workflow_dispatch: inputs as strings, tags as tag refs', () => {
    const event = workflowDispatchEvent({
      ref: 'refs/tags/v1.2.0',
      sha: sha('a'),
      inputs: { dry_run: false, n: 3 },
    });
    expect(event.payload.inputs).toEqual({ dry_run: 'false', n: '3' });
    expect(event.env).toMatchObject({
      GITHUB_REF: 'refs/tags/v1.2.0',
      GITHUB_REF_NAME: 'v1.2.0',
      GITHUB_REF_TYPE: 'tag',
    });
    expect(workflowDispatchEvent({ ref: 'main', sha: sha('a') }).payload.inputs).toBeNull();
  });

  it('schedule: the cron string, on the default branch', () => {
    const event = scheduleEvent({ cron: '15 4 * * *', sha: sha('c') });
    expect(event.payload.schedule).toBe('15 4 * * *');
    expect(event.env).toMatchObject({
      GITHUB_SHA: sha('c'),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_HEAD_REF: '',
    });
  });
});

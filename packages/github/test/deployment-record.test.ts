import { createRecordingLogger } from '@shipgate/kit';
import { type GitHubSandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../src/client';
import { deploymentTarget, startDeploymentRecord } from '../src/deployment-record';

let github: GitHubSandbox;

beforeAll(async () => {
  github = await startGitHubSandbox();
  github.addRepository('shop-co', 'shop-app', { environments: ['production'] });
});

afterAll(async () => {
  await github?.close();
});

describe('deployment records', () => {
  it("take the repository, the commit (the one given, else the run's) and the run's page from the run", () => {
    const run = { repository: 'shop-co/shop-app', sha: 'abc', serverUrl: 'https://github.com', runId: '7' };
    expect(deploymentTarget(run)).toEqual({
      owner: 'shop-co',
      repo: 'shop-app',
      ref: 'abc',
      logUrl: 'https://github.com/shop-co/shop-app/actions/runs/7',
    });
    expect(deploymentTarget(run, 'def')).toMatchObject({ ref: 'def' });
    expect(deploymentTarget({ ...run, repository: '' })).toEqual({ missing: 'GITHUB_REPOSITORY' });
    expect(deploymentTarget({ ...run, sha: '' })).toEqual({ missing: 'GITHUB_SHA' });
  });

  it('warn instead of failing the release when the token may not create deployments', async () => {
    const api = createGitHubClient({
      token: github.token,
      baseUrl: github.apiUrl,
      retry: { retries: 0, baseDelayMs: 1 },
    });
    const log = createRecordingLogger();
    const fault = github.faults.add({ kind: 'permission', method: 'POST', path: '/deployments$' });
    const record = await startDeploymentRecord(
      api,
      { owner: 'shop-co', repo: 'shop-app', ref: 'main', environment: 'production', description: 'v2' },
      log,
    );
    github.faults.remove(fault);
    expect(record.id).toBeUndefined();
    await record.finish('success', {});
    expect(log.entries.filter((entry) => entry.level === 'warning').map((entry) => entry.message)).toEqual([
      expect.stringMatching(/^could not record a GitHub deployment to production: .*deployments: write/),
    ]);
    expect(github.deployments('shop-co', 'shop-app')).toEqual([]);
  });
});

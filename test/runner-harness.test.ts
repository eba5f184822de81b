import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRepo, runStep } from './harness';

describe('fixtureRepo', () => {
  it('makes a real repository with a base commit, a head branch and a test merge commit', () => {
    const repo = fixtureRepo(
      { 'package.json': '{"name":"app"}\n', 'old.txt': 'gone soon\n' },
      { head: { 'src/new.ts': 'export {};\n', 'old.txt': null } },
    );
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8' }).trim();
    expect(git('rev-parse', 'HEAD')).toBe(repo.mergeSha);
    expect(git('rev-parse', 'HEAD^1')).toBe(repo.baseSha);
    expect(git('rev-parse', 'HEAD^2')).toBe(repo.headSha);
    expect(git('diff', '--name-status', repo.baseSha, repo.headSha!).split('\n')).toEqual([
      'D\told.txt',
      'A\tsrc/new.ts',
    ]);
    expect(existsSync(join(repo.dir, 'src/new.ts'))).toBe(true);
    const event = repo.pullRequestEvent({ number: 5 });
    expect(event.env.GITHUB_SHA).toBe(repo.mergeSha);
    expect(event.payload).toMatchObject({
      pull_request: { base: { sha: repo.baseSha }, head: { sha: repo.headSha } },
    });
  });

  it('without a head, is one commit on main', () => {
    const repo = fixtureRepo({ 'a.txt': 'a\n' });
    expect(repo.git('log', '--format=%s')).toBe('base');
    expect(repo.git('branch', '--show-current')).toBe('main');
    expect(() => repo.pullRequestEvent()).toThrow(/needs a head/);
  });
});

describe('runStep', () => {
  it('names an action that does not exist', async () => {
    await expect(runStep('no-such-action')).rejects.toThrow(/no action named 'no-such-action'/);
  });
});

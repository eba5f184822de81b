import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../src/index';
import { commit, git, gitRepo, regexRule, tempDir, writeFiles } from './scan-helpers';

const rule = regexRule('no-fly-pg', /fly pg \w+/);
const where = (report: Awaited<ReturnType<typeof scan>>) =>
  report.findings.map((finding) => `${finding.path}:${finding.line}`);

/**
 * main: runbook.md with a match on line 2, old.sh (deleted on the branch).
 * feature (from main): runbook.md gets a new match on line 4 and an unrelated edit; new.sh is added with two
 * matches; old.sh is deleted. main then moves on with its own match, which the pull request must not report.
 */
function pullRequestRepo(): { root: string; base: string; head: string; mergeBase: string } {
  const root = gitRepo();
  const mergeBase = commit(root, 'base', {
    'runbook.md': '# Runbook\nfly pg connect\n\nsteps\n',
    'old.sh': 'fly pg detach\n',
  });
  git(root, 'checkout', '-q', '-b', 'feature');
  git(root, 'rm', '-q', 'old.sh');
  const head = commit(root, 'feature work', {
    'runbook.md': '# Runbook, edited\nfly pg connect\n\nfly pg attach\nsteps\n',
    'new.sh': 'fly pg create\necho\nfly pg list\n',
  });
  git(root, 'checkout', '-q', 'main');
  const base = commit(root, 'main moves on', { 'main-only.sh': 'fly pg destroy\n' });
  git(root, 'checkout', '-q', 'feature');
  return { root, base, head, mergeBase };
}

describe('pull-request scope', () => {
  let repo: ReturnType<typeof pullRequestRepo>;
  beforeAll(() => {
    repo = pullRequestRepo();
  });

  it('reports added lines of modified files and everything in new files, nothing else', async () => {
    const report = await scan({
      root: repo.root,
      rules: [rule],
      scope: 'pull-request',
      base: 'main',
      head: 'HEAD',
    });
    expect(where(report)).toEqual(['new.sh:1', 'new.sh:3', 'runbook.md:4']);
    expect(report.base).toBe(repo.mergeBase);
    expect(report.head).toBe(repo.head);
    expect(report.scopeNote).toBe(
      `pull request: 3 files changed between ${repo.mergeBase.slice(0, 7)} and ${repo.head.slice(0, 7)}; findings on changed lines and in new files only`,
    );
    expect(report.files.scanned).toBe(2);
  });

  it('reads head from git objects when head is not checked out, with the same result', async () => {
    const root = repo.root;
    git(root, 'checkout', '-q', 'main');
    try {
      writeFiles(root, { 'new.sh': 'untracked work tree file that must not be read\n' });
      const report = await scan({
        root,
        rules: [rule],
        scope: 'pull-request',
        base: repo.base,
        head: 'feature',
      });
      expect(where(report)).toEqual(['new.sh:1', 'new.sh:3', 'runbook.md:4']);
    } finally {
      git(root, 'clean', '-qfd');
      git(root, 'checkout', '-q', 'feature');
    }
  });

  it('gives a finding the same fingerprint as the full scope, so one baseline serves both', async () => {
    const pr = await scan({ root: repo.root, rules: [rule], scope: 'pull-request', base: 'main' });
    const full = await scan({ root: repo.root, rules: [rule], scope: 'full' });
    const fromFull = full.findings.find((finding) => finding.path === 'runbook.md' && finding.line === 4);
    const fromPr = pr.findings.find((finding) => finding.path === 'runbook.md');
    expect(fromPr?.fingerprint).toBe(fromFull?.fingerprint);
    const baseline = new Set([fromFull!.fingerprint]);
    const suppressed = await scan({
      root: repo.root,
      rules: [rule],
      scope: 'pull-request',
      base: 'main',
      baseline,
    });
    expect(where(suppressed)).toEqual(['new.sh:1', 'new.sh:3']);
    expect(suppressed.suppressed.baseline).toBe(1);
  });

  it('keeps findings that have no line (file-level) in modified files', async () => {
    const fileLevel = {
      ...regexRule('file-level', /x/),
      check: async () => [{ message: 'this file is not allowed' }],
    };
    const report = await scan({ root: repo.root, rules: [fileLevel], scope: 'pull-request', base: 'main' });
    expect(report.findings.map((finding) => finding.path)).toEqual(['new.sh', 'runbook.md']);
  });

  it('names the missing base and says the checkout needs fetch-depth: 0', async () => {
    const attempt = scan({
      root: repo.root,
      rules: [rule],
      scope: 'pull-request',
      base: 'origin/release',
      head: 'HEAD',
    });
    await expect(attempt).rejects.toThrow(/base commit 'origin\/release'.*fetch-depth: 0/);
    await expect(attempt).rejects.toThrow(/^[^\n]+$/);
  });

  it('names a missing head too', async () => {
    const missing = 'f'.repeat(40);
    await expect(
      scan({ root: repo.root, rules: [rule], scope: 'pull-request', base: 'main', head: missing }),
    ).rejects.toThrow(`head commit '${missing}'`);
  });

  it('skips a symlink added on head whatever it points at', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'secret.txt': 'fly pg connect\n' });
    const root = gitRepo();
    commit(root, 'base', { 'a.txt': 'a\n' });
    git(root, 'checkout', '-q', '-b', 'link');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
    commit(root, 'add link');
    const checkedOut = await scan({ root, rules: [rule], scope: 'pull-request', base: 'main' });
    git(root, 'checkout', '-q', 'main');
    const fromObjects = await scan({
      root,
      rules: [rule],
      scope: 'pull-request',
      base: 'main',
      head: 'link',
    });
    for (const report of [checkedOut, fromObjects]) {
      expect(report.findings).toEqual([]);
      expect(report.files.skipped.symlink).toBe(1);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/index';
import { readTextFile } from '../src/read-file';
import { commit, git, gitRepo, regexRule, tempDir, writeFiles } from './scan-helpers';

const secret = regexRule('no-fly-pg', /fly pg \w+/);
const where = (report: Awaited<ReturnType<typeof scan>>) =>
  report.findings.map((finding) => `${finding.path}:${finding.line}:${finding.column}`);

describe('full scope in a git work tree', () => {
  it('reads tracked and untracked files and leaves out what .gitignore ignores', async () => {
    const root = gitRepo();
    writeFiles(root, { '.gitignore': 'build/\n*.log\n' });
    commit(root, 'tracked', { 'scripts/db.sh': 'echo\nfly pg connect\n', 'gone.sh': 'fly pg attach\n' });
    rmSync(join(root, 'gone.sh')); // tracked, deleted from the work tree: not an error, not a finding
    writeFiles(root, {
      'new.sh': '  fly pg create\n', // untracked, not ignored
      'build/out.sh': 'fly pg detach\n',
      'debug.log': 'fly pg list\n',
    });

    const report = await scan({ root, rules: [secret], scope: 'full' });

    expect(where(report)).toEqual(['new.sh:1:3', 'scripts/db.sh:2:1']);
    expect(report.findings[0]).toMatchObject({ ruleId: 'no-fly-pg', kind: 'text', severity: 'error' });
    expect(report.files.scanned).toBe(3); // .gitignore, new.sh, scripts/db.sh
    expect(report.counts).toEqual({ error: 2, warning: 0, note: 0 });
    expect(report.scopeNote).toMatch(/^full: 3 files \(tracked and untracked files not ignored by git\)/);
  });

  it('scans only the subdirectory when root is inside a repository, with paths relative to root', async () => {
    const repo = gitRepo();
    commit(repo, 'two apps', { 'app/a.sh': 'fly pg connect\n', 'other/b.sh': 'fly pg connect\n' });
    const report = await scan({ root: join(repo, 'app'), rules: [secret], scope: 'full' });
    expect(where(report)).toEqual(['a.sh:1:1']);
  });

  it('walks a directory that the enclosing repository ignores, instead of finding nothing', async () => {
    const repo = gitRepo();
    writeFiles(repo, { '.gitignore': 'vendor/\n' });
    commit(repo, 'ignore vendor', {});
    writeFiles(repo, { 'vendor/tool/run.sh': 'fly pg connect\n' });
    const report = await scan({ root: join(repo, 'vendor'), rules: [secret], scope: 'full' });
    expect(where(report)).toEqual(['tool/run.sh:1:1']);
    expect(report.scopeNote).toMatch(/\.gitignore files respected/);
  });

  it('skips and counts binary and oversized files without reporting what is in them', async () => {
    const root = gitRepo();
    writeFiles(root, {
      'image.png': Buffer.concat([Buffer.from('\x89PNG\0\0'), Buffer.from('fly pg connect\n')]),
      'big.sql': `${'x'.repeat(2000)}\nfly pg connect\n`,
      'small.sql': 'fly pg connect\n',
    });
    const report = await scan({ root, rules: [secret], scope: 'full', maxFileBytes: 1000 });
    expect(where(report)).toEqual(['small.sql:1:1']);
    expect(report.files.skipped).toEqual({ binary: 1, tooLarge: 1, unreadable: 0, symlink: 0 });
    expect(report.files).toMatchObject({ scanned: 1, bytes: 15 });
  });

  it('never reads through a symlink that leads outside the root', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'secrets.txt': 'fly pg connect\n' });
    const root = gitRepo();
    commit(root, 'links', { 'readme.md': 'hello\n' });
    symlinkSync(join(outside, 'secrets.txt'), join(root, 'linked.txt'));
    symlinkSync(outside, join(root, 'linked-dir'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'symlinks');

    const report = await scan({ root, rules: [secret], scope: 'full' });

    expect(report.findings).toEqual([]);
    expect(report.files.skipped.symlink).toBe(2);
    expect(report.files.scanned).toBe(1);
  });

  it('never opens files that ignorePaths match or that no rule applies to, and counts the ignored ones', async () => {
    const root = gitRepo();
    writeFiles(root, {
      'vendor/lib.sh': 'fly pg connect\n',
      '.hidden/x.sh': 'fly pg connect\n',
      'docs/a.md': 'fly pg connect\n',
      'run.sh': 'fly pg connect\n',
    });
    const shellOnly = regexRule('shell', /fly pg \w+/, { applies: (path) => path.endsWith('.sh') });

    const report = await scan({
      root,
      rules: [shellOnly],
      scope: 'full',
      ignorePaths: ['vendor/**', '.hidden/**'],
    });

    expect(shellOnly.checked).toEqual(['run.sh']);
    expect(where(report)).toEqual(['run.sh:1:1']);
    expect(report.suppressed.ignored).toBe(2);
    expect(report.files.scanned).toBe(1);
  });

  it('keeps fingerprints when lines move and tells identical matches in one file apart', async () => {
    const root = gitRepo();
    writeFiles(root, { 'a.sh': 'fly pg connect\nfly pg connect\n' });
    const before = await scan({ root, rules: [secret], scope: 'full' });
    writeFiles(root, { 'a.sh': '# moved down\n\nfly pg connect\nfly pg connect\n' });
    const after = await scan({ root, rules: [secret], scope: 'full' });

    expect(after.findings.map((finding) => finding.line)).toEqual([3, 4]);
    expect(after.findings.map((finding) => finding.fingerprint)).toEqual(
      before.findings.map((finding) => finding.fingerprint),
    );
    expect(new Set(after.findings.map((finding) => finding.fingerprint)).size).toBe(2);
    expect(after.findings[0]!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sorts findings by path, line, column and rule, and counts each severity', async () => {
    const root = gitRepo();
    writeFiles(root, { 'b.txt': 'fly pg a fly pg b\n', 'a.txt': '\nfly pg c\n' });
    const warn = regexRule('a-warning', /fly pg \w+/, { severity: 'warning' });
    const report = await scan({ root, rules: [secret, warn], scope: 'full' });
    expect(
      report.findings.map((finding) => `${finding.path}:${finding.line}:${finding.column}:${finding.ruleId}`),
    ).toEqual([
      'a.txt:2:1:a-warning',
      'a.txt:2:1:no-fly-pg',
      'b.txt:1:1:a-warning',
      'b.txt:1:1:no-fly-pg',
      'b.txt:1:10:a-warning',
      'b.txt:1:10:no-fly-pg',
    ]);
    expect(report.counts).toEqual({ error: 3, warning: 3, note: 0 });
  });
});

describe('full scope outside git', () => {
  it('walks the directory, honours .gitignore files at every level and skips .git', async () => {
    const root = tempDir();
    writeFiles(root, {
      '.gitignore': 'dist/\n*.tmp\n',
      'a.sh': 'fly pg connect\n',
      'dist/out.sh': 'fly pg connect\n',
      'x.tmp': 'fly pg connect\n',
      'pkg/.gitignore': 'local.sh\n!keep.tmp\n',
      'pkg/local.sh': 'fly pg connect\n',
      'pkg/keep.tmp': 'fly pg connect\n',
      'pkg/deep/run.sh': 'fly pg connect\n',
      '.git/config.sh': 'fly pg connect\n', // not a repository git accepts, and never scanned
    });
    const report = await scan({ root, rules: [secret], scope: 'full' });
    expect(report.findings.map((finding) => finding.path)).toEqual([
      'a.sh',
      'pkg/deep/run.sh',
      'pkg/keep.tmp',
    ]);
    expect(report.scopeNote).toContain('.gitignore files respected');
  });

  it('does not follow file or directory symlinks out of the root', async () => {
    const outside = tempDir();
    writeFiles(outside, { 'secrets.txt': 'fly pg connect\n', 'nested/inner.txt': 'fly pg connect\n' });
    const root = tempDir();
    writeFiles(root, { 'ok.txt': 'nothing here\n' });
    symlinkSync(join(outside, 'secrets.txt'), join(root, 'linked.txt'));
    symlinkSync(join(outside, 'nested'), join(root, 'linked-dir'));
    const report = await scan({ root, rules: [secret], scope: 'full' });
    expect(report.findings).toEqual([]);
    expect(report.files.skipped.symlink).toBe(2); // both links counted; the directory link is never entered
    expect(report.files.scanned).toBe(1);
  });

  it('counts a file it cannot read and goes on', async () => {
    if (process.getuid?.() === 0) return; // root reads anything; the named-pipe test covers the count then
    const root = tempDir();
    writeFiles(root, { 'locked.sh': 'fly pg connect\n', 'open.sh': 'fly pg connect\n' });
    execFileSync('chmod', ['000', join(root, 'locked.sh')]);
    const report = await scan({ root, rules: [secret], scope: 'full' });
    expect(report.findings.map((finding) => finding.path)).toEqual(['open.sh']);
    expect(report.files.skipped.unreadable).toBe(1);
  });

  it('reports a named pipe as unreadable instead of blocking on it (the walk never lists one)', () => {
    const root = tempDir();
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(readTextFile(join(root, 'pipe'), 1000)).toMatchObject({ kind: 'skipped', reason: 'unreadable' });
  });

  it('skips a named pipe instead of hanging on it', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'sub'));
    execFileSync('mkfifo', [join(root, 'sub', 'pipe')]);
    writeFiles(root, { 'a.sh': 'fly pg connect\n' });
    const report = await scan({ root, rules: [secret], scope: 'full' });
    expect(report.findings.map((finding) => finding.path)).toEqual(['a.sh']);
  });
});

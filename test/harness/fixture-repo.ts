import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// Relative until the lead links @shipgate/runner into node_modules; then import it by name.
import { pullRequestEvent, type RunnerEvent } from '@shipgate/runner';
import { tempDir } from './temp-dirs';

/** Files by repository path; `null` deletes the file in a head commit. */
export type RepoFiles = Record<string, string | null>;

export interface FixtureRepoOptions {
  /** Changes committed on the head branch, on top of the base commit. */
  head?: RepoFiles;
  baseBranch?: string;
  headBranch?: string;
  /** Where to leave the work tree: `merge` (what actions/checkout checks out for a PR, the default when there is a head), `head` or `base`. */
  checkout?: 'merge' | 'head' | 'base';
  /** Use this directory instead of a fresh temp dir. */
  dir?: string;
}

export interface FixtureRepo {
  dir: string;
  baseRef: string;
  baseSha: string;
  headRef?: string;
  headSha?: string;
  /** The test merge commit of head into base, like GitHub's refs/pull/N/merge. */
  mergeSha?: string;
  /** Runs git in the repository and returns its trimmed stdout. */
  git(...args: string[]): string;
  /** The pull_request event for base ← head, with GITHUB_SHA = the merge commit. */
  pullRequestEvent(options?: { number?: number; repository?: string }): RunnerEvent;
}

const identity = {
  GIT_AUTHOR_NAME: 'shipgate test',
  GIT_AUTHOR_EMAIL: 'test@shipgate.invalid',
  GIT_COMMITTER_NAME: 'shipgate test',
  GIT_COMMITTER_EMAIL: 'test@shipgate.invalid',
  // Fixed dates make commit ids reproducible for the same content.
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

/** A real git repository: a base commit of `files` and, optionally, a head branch commit on top of it. */
export function fixtureRepo(files: RepoFiles, options: FixtureRepoOptions = {}): FixtureRepo {
  const dir = options.dir ?? tempDir('repo');
  const baseRef = options.baseBranch ?? 'main';
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...identity },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();

  git('init', '--quiet', '--initial-branch', baseRef);
  writeFiles(dir, files);
  git('add', '--all');
  git('commit', '--quiet', '--allow-empty', '-m', 'base');
  const baseSha = git('rev-parse', 'HEAD');

  const repo: FixtureRepo = {
    dir,
    baseRef,
    baseSha,
    git,
    pullRequestEvent() {
      throw new Error('fixtureRepo: a pull_request event needs a head (options.head)');
    },
  };
  if (!options.head) return repo;

  const headRef = options.headBranch ?? 'feature';
  git('checkout', '--quiet', '-b', headRef);
  writeFiles(dir, options.head);
  git('add', '--all');
  git('commit', '--quiet', '--allow-empty', '-m', 'head');
  const headSha = git('rev-parse', 'HEAD');
  // Base has not moved since head branched, so the merge's tree is head's tree, as GitHub would compute it.
  const mergeSha = git(
    'commit-tree',
    `${headSha}^{tree}`,
    '-p',
    baseSha,
    '-p',
    headSha,
    '-m',
    `Merge ${headSha} into ${baseSha}`,
  );
  git('update-ref', 'refs/pull/1/merge', mergeSha);
  const checkout = options.checkout ?? 'merge';
  git('checkout', '--quiet', checkout === 'merge' ? mergeSha : checkout === 'head' ? headRef : baseRef);

  return {
    ...repo,
    headRef,
    headSha,
    mergeSha,
    pullRequestEvent: ({ number = 1, repository } = {}) =>
      pullRequestEvent({
        number,
        base: { ref: baseRef, sha: baseSha },
        head: { ref: headRef, sha: headSha },
        mergeSha,
        ...(repository ? { repository } : {}),
      }),
  };
}

function writeFiles(root: string, files: RepoFiles): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    if (content === null) {
      rmSync(target, { force: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

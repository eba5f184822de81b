import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { CompiledRule, RuleFinding, RuleKind, Severity, SourceFile } from '../src/types';

/** A small regex rule, as the policy's text rules behave: one finding per match, 1-based line and column. */
export function regexRule(
  id: string,
  pattern: RegExp,
  options: { kind?: RuleKind; severity?: Severity; applies?: (path: string) => boolean } = {},
): CompiledRule & { checked: string[] } {
  const checked: string[] = [];
  return {
    id,
    kind: options.kind ?? 'text',
    severity: options.severity ?? 'error',
    description: `Keeps ${pattern.source} out of the code. Planted in tests.`,
    checked,
    appliesTo: options.applies ?? (() => true),
    async check(file: SourceFile): Promise<RuleFinding[]> {
      checked.push(file.path);
      const findings: RuleFinding[] = [];
      file.content.split('\n').forEach((text, index) => {
        for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) {
          findings.push({
            message: `found ${match[0]}`,
            line: index + 1,
            column: match.index + 1,
            endLine: index + 1,
            endColumn: match.index + 1 + match[0].length,
            match: match[0],
          });
        }
      });
      return findings;
    },
  };
}

const created: string[] = [];
// Registered while the importing test file is collected, so every file removes the directories it made.
afterAll(() => {
  for (const dir of created.splice(0)) {
    makeReadable(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function makeReadable(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) chmodSync(join(entry.parentPath, entry.name), 0o644);
  }
}

/** A fresh directory under the OS temp dir (real path, so symlink checks compare like with like), removed after the file's tests. */
export function tempDir(prefix = 'stack-guard-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

/** Writes files (creating directories) under root. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Runs git in cwd with a fixed identity and no user configuration; returns trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
}

/** A new repository on branch main in a temp dir. */
export function gitRepo(): string {
  const root = tempDir('stack-guard-git-');
  git(root, 'init', '-q', '-b', 'main');
  return root;
}

/** Writes files, stages everything and commits; returns the new commit's sha. */
export function commit(root: string, message: string, files: Record<string, string | Buffer> = {}): string {
  writeFiles(root, files);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

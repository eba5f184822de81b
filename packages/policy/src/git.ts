import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { exec } from '@actions/exec';

// Paths come back as UTF-8 rather than octal escapes; no pager, prompt or optional lock can stall or alter a run.
const baseArgs = ['-c', 'core.quotePath=false', '--no-pager'];
const gitEnv: Record<string, string> = {
  ...(process.env as Record<string, string>),
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
};

/** A git command that exited non-zero (or git that could not start), with its stderr's first line. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}`);
    this.name = 'GitError';
  }
}

/** Runs git in cwd and returns its whole stdout as bytes; rejects with GitError on a non-zero exit. */
export async function gitBytes(cwd: string, args: readonly string[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let code: number;
  try {
    code = await exec('git', [...baseArgs, ...args], {
      cwd,
      env: gitEnv,
      silent: true,
      ignoreReturnCode: true,
      listeners: { stdout: (chunk) => out.push(chunk), stderr: (chunk) => err.push(chunk) },
    });
  } catch (thrown) {
    throw new GitError(args, null, thrown instanceof Error ? thrown.message : String(thrown));
  }
  if (code !== 0) throw new GitError(args, code, Buffer.concat(err).toString('utf8').trim());
  return Buffer.concat(out);
}

/** Runs git and returns stdout as trimmed text. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  return (await gitBytes(cwd, args)).toString('utf8').trim();
}

/** Runs git and yields its stdout line by line as it arrives, so a long log is never held whole. */
export async function* gitLines(cwd: string, args: readonly string[]): AsyncGenerator<string> {
  // spawn, not @actions/exec: the lines are read while git runs, and git is stopped when the reader stops early.
  const child = spawn('git', [...baseArgs, ...args], { cwd, env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(new GitError(args, null, error.message)));
    child.on('close', resolve);
  });
  exit.catch(() => {}); // awaited below; this only keeps an early spawn error from being unhandled meanwhile.
  const lines = createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
  let finished = false;
  try {
    for await (const line of lines) yield line;
    finished = true;
  } finally {
    if (!finished) child.kill();
  }
  const code = await exit;
  if (code !== 0) throw new GitError(args, code, Buffer.concat(err).toString('utf8').trim());
}

/** Whether dir is inside a git work tree that git will work in (installed, not a dubious owner). */
export async function isGitWorkTree(dir: string): Promise<boolean> {
  try {
    return (await git(dir, ['rev-parse', '--is-inside-work-tree'])) === 'true';
  } catch {
    return false;
  }
}

/** Whether the repository around dir ignores dir itself (a build folder, a vendored tree). */
export async function isIgnoredByGit(dir: string): Promise<boolean> {
  try {
    await git(dir, ['check-ignore', '--quiet', '.']);
    return true;
  } catch {
    return false;
  }
}

/** Splits NUL-separated git output into its fields, dropping the empty tail. */
export function splitNul(bytes: Buffer): string[] {
  const fields = bytes.toString('utf8').split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}

/**
 * Reads blobs by object id through one `git cat-file --batch`, instead of one `git show` per file.
 * Returns each blob's bytes, or its size alone when it is over maxBytes (its content is dropped).
 */
export async function readBlobs(
  cwd: string,
  oids: readonly string[],
  maxBytes: number,
): Promise<Map<string, Buffer | number>> {
  const blobs = new Map<string, Buffer | number>();
  if (oids.length === 0) return blobs;
  const out = await gitFedBytes(cwd, ['cat-file', '--batch'], `${oids.join('\n')}\n`);
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) break;
    const [oid = '', type, size] = out.toString('utf8', at, end).split(' ');
    at = end + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    blobs.set(oid, length > maxBytes ? length : out.subarray(at, at + length));
    at += length + 1; // the content, then a newline
  }
  return blobs;
}

/**
 * gitBytes for a git that reads its stdin. spawn, not @actions/exec: exec writes the input with no error
 * handler on the pipe, so a git that exits before reading it all would end the process with EPIPE.
 */
function gitFedBytes(cwd: string, args: readonly string[], input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...baseArgs, ...args], { cwd, env: gitEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(args, null, error.message)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(args, code, Buffer.concat(err).toString('utf8').trim()));
    });
    child.stdin.on('error', () => {}); // git may exit before reading all input; close reports why.
    child.stdin.end(input);
  });
}

/** Undoes git's C-style quoting of a path ("a\\tb", octal bytes), used when a name has unusual characters. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const escapes: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
  const body = Buffer.from(text.slice(1, -1), 'utf8');
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (byte !== 0x5c) {
      bytes.push(byte);
      continue;
    }
    const next = String.fromCharCode(body[i + 1] ?? 0);
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.toString('latin1', i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? body[i + 1]!);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

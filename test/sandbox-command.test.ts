import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run sandbox` as a user runs it: it prints its URLs, serves, and stops its whole process tree (npm, the
// node process, the machines' processes) and frees its ports on SIGINT or SIGTERM sent to any one of them.

const repoRoot = join(import.meta.dirname, '..');

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Started {
  npm: ChildProcess;
  output: () => string;
  flyPort: number;
  gitHubPort: number;
  exited: Promise<number | null>;
}

/** Starts `npm run sandbox` on free ports and resolves once the seeded app is listed. */
async function startSandboxCommand(): Promise<Started> {
  const npm = spawn(
    'npm',
    ['run', 'sandbox', '--', '--port', '0', '--github-port', '0', '--time-scale', '0.1'],
    {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (/^app shop-app-staging /m.test(text)) resolve();
    };
    npm.stdout?.on('data', onData);
    npm.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`npm run sandbox exited ${code}:\n${text}`)));
  });
  const port = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
  return {
    npm,
    output: () => text,
    flyPort: port(/Fly sandbox API {2}http:\/\/127\.0\.0\.1:(\d+)/),
    gitHubPort: port(/GitHub sandbox {3}http:\/\/127\.0\.0\.1:(\d+)/),
    exited,
  };
}

describe('npm run sandbox', () => {
  it.each([
    ['SIGINT', 'the npm process'],
    ['SIGTERM', 'the npm process'],
    ['SIGINT', 'the node process'],
    ['SIGTERM', 'a machine process'],
  ] as const)('stops every process it started and frees its ports on %s to %s', async (signal, target) => {
    const started = await startSandboxCommand();
    const npmPid = started.npm.pid as number;
    const tree = descendants(npmPid);
    const node = tree.find((pid) =>
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('sandbox/src/main.ts'),
    );
    const machines = tree.filter((pid) =>
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('app/server.mjs'),
    );
    expect(node, started.output()).toBeDefined();
    expect(machines.length, started.output()).toBeGreaterThanOrEqual(2);
    expect(await listening(started.flyPort)).toBe(true);
    expect(await listening(started.gitHubPort)).toBe(true);

    const pid =
      target === 'the npm process'
        ? npmPid
        : target === 'the node process'
          ? (node as number)
          : (machines[0] as number);
    if (target === 'a machine process') {
      // A machine's process is the sandbox's own business: it ends like a crash, and the sandbox goes on.
      process.kill(pid, signal);
      expect(await listening(started.flyPort)).toBe(true);
      process.kill(npmPid, 'SIGINT');
    } else {
      process.kill(pid, signal);
    }
    expect(await started.exited).toBe(0);
    expect([npmPid, ...tree].filter(alive)).toEqual([]);
    expect(await listening(started.flyPort)).toBe(false);
    expect(await listening(started.gitHubPort)).toBe(false);
    expect(started.output()).toMatch(/SIG(INT|TERM): stopping machines and servers/);
  });
});

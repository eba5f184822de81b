// Machines as real local processes running app/server.mjs, the sample shop app's stand-in.
import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { MachineProcess } from './model';

export const appServerPath = fileURLToPath(new URL('../app/server.mjs', import.meta.url));

/** A port the OS says is free on loopback; the process binds it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface SpawnOptions {
  port: number;
  env: Record<string, string>;
  onReady: () => void;
  onOutput: (line: string) => void;
}

/**
 * Starts one machine process. It gets an IPC channel: the process says `ready` through it, is told to
 * `run` once the machine counts as started, and exits by itself when the channel closes (the sandbox died).
 */
export function spawnMachineProcess(options: SpawnOptions): MachineProcess {
  const child = fork(appServerPath, [], {
    execPath: process.execPath,
    execArgv: [],
    env: { ...options.env, PORT: String(options.port) },
    stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
  });
  const machineProcess: MachineProcess = {
    child,
    port: options.port,
    ready: false,
    requestedStop: false,
    exited: new Promise((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal }));
      child.on('error', () => resolve({ code: 1, signal: null }));
    }),
  };
  child.on('message', (message) => {
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready') {
      machineProcess.ready = true;
      options.onReady();
    }
  });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onOutput(line);
    });
  }
  return machineProcess;
}

/** Tells a started machine's process to begin its work (a release command runs only from then on). */
export function tellRun(machineProcess: MachineProcess): void {
  if (machineProcess.child.connected) machineProcess.child.send({ type: 'run' }, () => {});
}

/** Signals the process and kills it when it has not exited within `timeoutMs`. */
export async function stopMachineProcess(
  machineProcess: MachineProcess,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  machineProcess.requestedStop = true;
  if (machineProcess.child.exitCode === null && machineProcess.child.signalCode === null) {
    machineProcess.child.kill(signal);
    const timer = setTimeout(() => machineProcess.child.kill('SIGKILL'), timeoutMs);
    const result = await machineProcess.exited;
    clearTimeout(timer);
    return result;
  }
  return machineProcess.exited;
}

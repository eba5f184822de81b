// A plain-fetch client for the sandbox's API (the real client, @shipgate/fly, is built against it in
// parallel and is deliberately not used here), and condition waits with deadlines.
import { afterAll, onTestFinished } from 'vitest';
import { type FlySandbox, type FlySandboxOptions, type MachineConfig, startFlySandbox } from '../src/index';

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export type Json = Record<string, unknown> & { error?: string };

export interface Api {
  call<T = Json>(
    method: string,
    path: string,
    options?: { body?: unknown; nonce?: string; headers?: Record<string, string> },
  ): Promise<Answer<T>>;
}

/** A sandbox for one test file, closed after it; `timeScale` 0.02 unless told otherwise. */
export async function sandboxForFile(
  options: FlySandboxOptions = {},
): Promise<{ sandbox: FlySandbox; api: Api }> {
  const sandbox = await startFlySandbox({ timeScale: 0.02, ...options });
  afterAll(() => sandbox.close());
  return { sandbox, api: apiClient(sandbox.apiUrl, sandbox.token) };
}

/** The same, inside one test, closed when it finishes. */
export async function sandboxForTest(
  options: FlySandboxOptions = {},
): Promise<{ sandbox: FlySandbox; api: Api }> {
  const sandbox = await startFlySandbox({ timeScale: 0.02, ...options });
  onTestFinished(() => sandbox.close());
  return { sandbox, api: apiClient(sandbox.apiUrl, sandbox.token) };
}

export function apiClient(apiUrl: string, token: string): Api {
  return {
    async call<T>(
      method: string,
      path: string,
      options: { body?: unknown; nonce?: string; headers?: Record<string, string> } = {},
    ) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...options.headers };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (options.nonce) headers['fly-machine-lease-nonce'] = options.nonce;
      const response = await fetch(`${apiUrl}/v1${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: (text ? JSON.parse(text) : undefined) as T,
      };
    },
  };
}

/** Polls `probe` until it returns something other than undefined, failing after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface ProxyAnswer {
  status: number;
  text: string;
  headers: Headers;
}

export async function viaProxy(
  sandbox: FlySandbox,
  app: string,
  path = '/',
  headers: Record<string, string> = {},
): Promise<ProxyAnswer> {
  const response = await fetch(`${sandbox.appUrl(app)}${path}`, { headers });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The minimal config of a web machine, like a fly.toml with one http_service. */
export function webConfig(image: string, extra: Record<string, unknown> = {}): MachineConfig {
  return {
    image,
    metadata: { fly_platform_version: 'v2', fly_process_group: 'app' },
    services: [{ protocol: 'tcp', internal_port: 8080, ports: [{ port: 80, handlers: ['http'] }] }],
    ...extra,
  };
}

export function machineIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The forms the echo faults must quote a credential in, computed here rather than by the sandbox. */
export function echoedForms(value: string) {
  return {
    raw: value,
    base64: Buffer.from(value).toString('base64'),
    base64url: Buffer.from(value).toString('base64url'),
    urlEncoded: encodeURIComponent(value),
    jsonEscaped: JSON.stringify(value),
  };
}

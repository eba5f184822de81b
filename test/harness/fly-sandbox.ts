import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlySandbox } from '@shipgate/sandbox';
import { expect } from 'vitest';
import { tempDir } from './temp-dirs';

/**
 * A fresh workspace holding a fly.toml for `app` in iad, `extra` (other sections) first, and an HTTP service
 * whose checks are fast enough for the sandbox's tests.
 */
export function flyTomlWorkspace(app: string, extra = ''): string {
  const dir = tempDir('workspace');
  writeFileSync(join(dir, 'fly.toml'), flyTomlText(app, extra));
  return dir;
}

/** The fly.toml `flyTomlWorkspace` writes, for a workspace made another way (a fixture repository). */
export function flyTomlText(app: string, extra = ''): string {
  return `app = "${app}"
primary_region = "iad"
${extra}
[http_service]
  internal_port = 3000

  [[http_service.checks]]
    grace_period = "1s"
    interval = "2s"
    method = "GET"
    path = "/healthz"
    timeout = "2s"
`;
}

/** The images the app's live machines run, in the sandbox's order. */
export function machineImages(sandbox: FlySandbox, app: string): string[] {
  return sandbox
    .machines(app)
    .filter((machine) => machine.state !== 'destroyed')
    .map((machine) => machine.image);
}

/** What the app's proxy answers on /version, asked a few times so every machine is seen. */
export async function versionsServed(sandbox: FlySandbox, app: string, rounds = 12): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < rounds; i += 1) {
    const response = await fetch(`${sandbox.appUrl(app)}/version`);
    seen.add(((await response.json()) as { version: string }).version);
  }
  return seen;
}

/** The token only ever reaches the runner in the command that masks it. */
export function expectNoToken(
  step: { log: string; stdout: string; stderr: string; summary: string },
  token: string,
): void {
  const stdout = step.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  for (const text of [step.log, stdout, step.stderr, step.summary]) expect(text).not.toContain(token);
}

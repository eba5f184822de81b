// The runner runs these actions on Node 24 (`runs.using: node24`); this machine's Node is 20. Before the
// integration tests, install Node 24 from the npm registry into node_modules/.cache (not a dependency of the
// workspace: its `node` bin would shadow the machine's in every npm script) and hand its path to the tests.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export const node24Version = '24.21.0';
const prefix = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', `node-${node24Version}`);
const binary = join(prefix, 'node_modules', 'node', 'bin', 'node');

function version(): string | undefined {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export default function setup(project: TestProject): void {
  if (version() !== `v${node24Version}`) {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        `node@${node24Version}`,
      ],
      { stdio: 'inherit' },
    );
  }
  const installed = version();
  if (installed !== `v${node24Version}`) {
    throw new Error(`Node ${node24Version} did not install into ${prefix} (found ${installed ?? 'nothing'})`);
  }
  project.provide('node24', binary);
}

declare module 'vitest' {
  export interface ProvidedContext {
    node24: string;
  }
}

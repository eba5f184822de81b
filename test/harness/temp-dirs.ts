import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

const leftovers = new Set<string>();
process.on('exit', () => {
  for (const dir of leftovers) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh directory under the system temp dir, removed when the current test finishes (or, outside a
 * test, e.g. in beforeAll, when the test process exits).
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `shipgate-${prefix}-`));
  try {
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  } catch {
    leftovers.add(dir);
  }
  return dir;
}

import { readFile } from 'node:fs/promises';
import {
  assertUniqueNames,
  type Check,
  type CheckDefaults,
  CheckError,
  checksForPaths,
  resolveChecks,
} from './checks';
import { checksFileSchema } from './config-schema';

export interface CheckSources {
  /** Bare paths or URLs, each a GET with the defaults for its kind. */
  paths: readonly string[];
  /** Checks written inline (YAML). */
  inline?: string;
  /** A checks file: where to read it, and how to name it in messages. */
  file?: { path: string; label: string };
}

/**
 * Every check of a run, in order: file, inline, then paths. With none at all, `base-url` alone means one
 * check of its root page.
 */
export async function loadChecks(sources: CheckSources, defaults: CheckDefaults): Promise<Check[]> {
  const checks: Check[] = [];
  // The YAML reader loads only for checks written in YAML: a run of bare paths does not pay for it.
  const parseConfig = async () => (await import('@shipgate/kit/config')).parseConfig;
  if (sources.file) {
    let text: string;
    try {
      text = await readFile(sources.file.path, 'utf8');
    } catch (thrown) {
      const code = (thrown as NodeJS.ErrnoException).code;
      throw new CheckError(
        code === 'ENOENT'
          ? `no checks file at ${sources.file.label}`
          : `cannot read ${sources.file.label}: ${code ?? thrown}`,
      );
    }
    checks.push(
      ...resolveChecks(
        (await parseConfig())(text, sources.file.label, checksFileSchema),
        sources.file.label,
        defaults,
      ),
    );
  }
  if (sources.inline?.trim()) {
    const label = "Input 'checks'";
    checks.push(
      ...resolveChecks((await parseConfig())(sources.inline, label, checksFileSchema), label, defaults),
    );
  }
  checks.push(...checksForPaths(sources.paths, defaults));
  if (checks.length === 0) {
    if (!defaults.baseUrl) {
      throw new CheckError(
        "nothing to check: set input 'base-url' (and 'paths', 'checks' or 'checks-file'), or give checks with full URLs",
      );
    }
    checks.push(...checksForPaths(['/'], defaults));
  }
  assertUniqueNames(checks);
  return checks;
}

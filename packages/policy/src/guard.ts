import { access } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Logger } from '@shipgate/kit';
import { readBaseline } from './baseline';
import { loadPolicy, policyFromPresets } from './policy';
import { type ScanReport, scan } from './scan';
import type { ResolvedPolicy } from './types';

export type GuardScope = 'full' | 'pull-request' | 'history';

export interface GuardOptions {
  /** The directory to scan. */
  root: string;
  /** The policy file, absolute or relative to root. */
  policyFile: string;
  /** Where the caller got the policy file (`input 'policy'`), to name it in a parse error. */
  policyGivenAs?: string;
  /** Presets to apply when the policy file does not exist. */
  presets: string[];
  scope: GuardScope;
  base?: string;
  head?: string;
  logger: Logger;
}

export interface GuardResult {
  policy: ResolvedPolicy;
  report: ScanReport;
}

/** stack-guard's whole job: load the policy (or presets), read its baseline, scan the scope. */
export async function guard(options: GuardOptions): Promise<GuardResult> {
  const { root, logger } = options;
  const policyPath = isAbsolute(options.policyFile) ? options.policyFile : resolve(root, options.policyFile);
  const policy = await logger.group('Policy', async () => {
    const hasFile = await exists(policyPath);
    if (hasFile && options.presets.length > 0) {
      logger.warning(
        `input 'preset' (${options.presets.join(', ')}) is ignored: ${relative(root, policyPath) || policyPath} exists; list presets in its extends:`,
      );
    }
    const loaded = hasFile
      ? await loadPolicy({
          root,
          path: policyPath,
          logger,
          ...(options.policyGivenAs ? { givenAs: options.policyGivenAs } : {}),
        })
      : loadPresets(options.presets, relative(root, policyPath) || policyPath);
    logger.info(
      `${loaded.source}: ${loaded.rules.length} rules${loaded.presets.length ? ` (presets: ${loaded.presets.join(', ')})` : ''}`,
    );
    if (loaded.rulesOff.length > 0) logger.info(`rules turned off: ${loaded.rulesOff.join(', ')}`);
    return loaded;
  });
  const baseline = policy.baseline ? await readBaseline(resolve(root, policy.baseline)) : undefined;
  const report = await logger.group(`Scan (${options.scope})`, async () => {
    const scanned = await scan({
      root,
      rules: policy.rules,
      scope: options.scope,
      ignorePaths: policy.ignorePaths,
      logger,
      ...(options.base ? { base: options.base } : {}),
      ...(options.head ? { head: options.head } : {}),
      ...(baseline ? { baseline } : {}),
    });
    logger.info(scanned.scopeNote);
    return scanned;
  });
  return { policy, report };
}

function loadPresets(presets: string[], policyPath: string): ResolvedPolicy {
  if (presets.length === 0) {
    throw new Error(
      `no policy file at ${policyPath}: add one (for example "extends: [fly-supabase]") or set input 'preset'`,
    );
  }
  return policyFromPresets(presets);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

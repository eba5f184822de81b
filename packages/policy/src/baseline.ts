import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { compareFindings } from './findings';
import type { Finding } from './types';

/** One accepted finding; only the fingerprint matters, the rest tells a reviewer what was accepted. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
  line?: number;
}

const baselineFile = z.object({
  version: z.literal(1),
  findings: z.array(z.looseObject({ fingerprint: z.string().min(1) })),
});

/** Reads a baseline file's fingerprints; a missing or malformed file is an error naming it. */
export async function readBaseline(path: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        `baseline file ${path} does not exist: create it with input 'write-baseline', or remove 'baseline' from the policy`,
      );
    }
    throw new Error(`baseline file ${path} cannot be read (${code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`baseline file ${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = baselineFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the top level';
    throw new Error(
      `baseline file ${path} is not a stack-guard baseline (at ${where}: ${issue?.message ?? 'invalid'}); expected {"version": 1, "findings": [{"fingerprint": "..."}]}`,
    );
  }
  return new Set(parsed.data.findings.map((entry) => entry.fingerprint));
}

/** Writes today's findings as a baseline, sorted, so only new findings fail from now on. */
export async function writeBaseline(path: string, findings: readonly Finding[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, baselineText(findings));
}

/** Today's findings as a baseline file holds them: each fingerprint once, sorted. */
export function baselineText(findings: readonly Finding[]): string {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const finding of [...findings].sort(compareFindings)) {
    if (seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    const entry: BaselineEntry = {
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      path: finding.path,
    };
    if (finding.line !== undefined) entry.line = finding.line;
    entries.push(entry);
  }
  return `${JSON.stringify({ version: 1, findings: entries }, null, 2)}\n`;
}

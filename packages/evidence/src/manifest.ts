// evidence-manifest.json: what was gated, for which commit, with which limits, and the verdict — and its
// verification, which a later job runs to prove the files it holds are the ones that were gated.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { readEvidenceFile } from './collect';
import type { GateCheck } from './evaluate/check';
import { type GateResult, judge, sameCommit, type Verdict } from './gate';
import type { Thresholds } from './thresholds';

export const manifestVersion = 1;

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  format?: string;
  kind?: string;
  date?: string;
  datedBy?: 'report' | 'file';
  /** used, or why the gate refused it. */
  status: 'used' | 'refused';
  reason?: string;
}

export interface EvidenceManifest {
  version: typeof manifestVersion;
  tool: 'shipgate evidence-gate';
  commit: string;
  createdAt: string;
  verdict: Verdict;
  reasons: string[];
  run?: { repository?: string; runId?: string; runAttempt?: string; serverUrl?: string };
  files: ManifestFile[];
  skipped: string[];
  results: {
    tests?: Pick<NonNullable<GateResult['tests']>, 'totals' | 'projects' | 'suites'> & {
      failed: Array<{ name: string; file?: string; line?: number; project?: string; report: string }>;
      flaky: Array<{ name: string; file?: string; project?: string; report: string }>;
    };
    coverage?: GateResult['coverage'];
    lighthouse?: NonNullable<GateResult['lighthouse']>['pages'];
  };
  checks: GateCheck[];
  thresholds: Thresholds;
}

export function buildManifest(
  result: GateResult,
  thresholds: Thresholds,
  createdAt: Date,
  run?: EvidenceManifest['run'],
): EvidenceManifest {
  const refused = new Map(
    result.problems.filter((problem) => problem.path).map((problem) => [problem.path!, problem.reason]),
  );
  return {
    version: manifestVersion,
    tool: 'shipgate evidence-gate',
    commit: result.commit,
    createdAt: createdAt.toISOString(),
    verdict: result.verdict,
    reasons: result.reasons,
    ...(run ? { run } : {}),
    files: result.files.map((file) => ({
      path: file.path,
      sha256: file.sha256,
      bytes: file.bytes,
      ...(file.format ? { format: file.format } : {}),
      ...(file.kind ? { kind: file.kind } : {}),
      ...(file.date ? { date: file.date } : {}),
      ...(file.datedBy ? { datedBy: file.datedBy } : {}),
      status: refused.has(file.path) ? 'refused' : 'used',
      ...(refused.has(file.path) ? { reason: refused.get(file.path)! } : {}),
    })),
    skipped: result.skipped,
    results: {
      ...(result.tests
        ? {
            tests: {
              totals: result.tests.totals,
              projects: result.tests.projects,
              suites: result.tests.suites,
              failed: result.tests.failed.map((test) => ({
                name: test.name,
                report: test.report,
                ...(test.file ? { file: test.file } : {}),
                ...(test.line ? { line: test.failureLine ?? test.line } : {}),
                ...(test.project ? { project: test.project } : {}),
              })),
              flaky: result.tests.flaky.map((test) => ({
                name: test.name,
                report: test.report,
                ...(test.file ? { file: test.file } : {}),
                ...(test.project ? { project: test.project } : {}),
              })),
            },
          }
        : {}),
      ...(result.coverage ? { coverage: result.coverage } : {}),
      ...(result.lighthouse ? { lighthouse: result.lighthouse.pages } : {}),
    },
    checks: result.checks,
    thresholds,
  };
}

/** A manifest as its file holds it. */
export function manifestText(manifest: EvidenceManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const manifestSchema = z.looseObject({
  version: z.literal(manifestVersion),
  tool: z.literal('shipgate evidence-gate'),
  commit: z.string(),
  createdAt: z.iso.datetime(),
  verdict: z.enum(['pass', 'fail']),
  reasons: z.array(z.string()),
  files: z.array(
    z.looseObject({
      path: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number(),
      status: z.enum(['used', 'refused']),
    }),
  ),
  skipped: z.array(z.string()),
  checks: z.array(z.looseObject({})),
  thresholds: z.looseObject({ required: z.array(z.string()) }),
});

export async function readManifest(path: string): Promise<EvidenceManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (thrown) {
    throw new Error(`cannot read the manifest ${path}: ${(thrown as NodeJS.ErrnoException).code ?? thrown}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON, so not an evidence manifest`);
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `${path} is not an evidence manifest shipgate can read: ${issue.path.join('.') || 'document'}: ${issue.message}`,
    );
  }
  return parsed.data as unknown as EvidenceManifest;
}

export interface VerifyOptions {
  manifest: EvidenceManifest;
  root: string;
  /** The commit the verifying job is about to ship. */
  commit: string;
  /** A manifest whose verdict was fail proves only that the gate failed; by default that fails too. */
  allowFailedVerdict?: boolean;
}

export interface VerifyResult {
  verified: boolean;
  problems: string[];
  /** The verdict the manifest records, and the one the files give again under its thresholds. */
  recorded: Verdict;
  replayed?: Verdict;
  files: Array<{ path: string; status: 'same' | 'changed' | 'missing'; sha256?: string }>;
}

/**
 * Checks a manifest against the files and the commit: same commit, every file present with the same
 * SHA-256, and the same verdict when the gate is replayed over them at the moment the manifest was made
 * (so an edited verdict, limit or result does not verify either).
 */
export async function verifyManifest(options: VerifyOptions): Promise<VerifyResult> {
  const { manifest, root } = options;
  const problems: string[] = [];
  if (!sameCommit(manifest.commit, options.commit)) {
    problems.push(
      `the manifest is for commit ${manifest.commit.slice(0, 12)}, not ${options.commit.slice(0, 12)}`,
    );
  }
  const files: VerifyResult['files'] = [];
  const current = [];
  for (const entry of manifest.files) {
    const file = await readEvidenceFile(resolve(root, entry.path), root).catch(() => undefined);
    if (!file) {
      files.push({ path: entry.path, status: 'missing' });
      problems.push(`${entry.path}: missing`);
      continue;
    }
    current.push(file);
    if (file.sha256 !== entry.sha256 || file.bytes !== entry.bytes) {
      files.push({ path: entry.path, status: 'changed', sha256: file.sha256 });
      problems.push(
        `${entry.path}: changed since it was gated (SHA-256 ${file.sha256.slice(0, 12)}…, recorded ${entry.sha256.slice(0, 12)}…)`,
      );
      continue;
    }
    files.push({ path: entry.path, status: 'same', sha256: file.sha256 });
    // The file's own time was recorded; a copy made later (an artifact download) keeps the gated date.
    if (file.datedBy === 'file' && entry.date) file.date = entry.date;
  }
  let replayed: Verdict | undefined;
  if (files.every((file) => file.status === 'same')) {
    const again = judge({
      root,
      files: current,
      skipped: manifest.skipped,
      thresholds: manifest.thresholds,
      commit: manifest.commit,
      now: new Date(manifest.createdAt),
    });
    replayed = again.verdict;
    if (again.verdict !== manifest.verdict || again.reasons.length !== manifest.reasons.length) {
      problems.push(
        `the manifest records verdict ${manifest.verdict} (${manifest.reasons.length} reasons), but its files and thresholds give ${again.verdict} (${again.reasons.length} reasons): the manifest was edited`,
      );
    }
  }
  if (manifest.verdict !== 'pass' && !options.allowFailedVerdict) {
    problems.push(`the gate's verdict was fail: ${manifest.reasons[0] ?? 'no reason recorded'}`);
  }
  return {
    verified: problems.length === 0,
    problems,
    recorded: manifest.verdict,
    ...(replayed ? { replayed } : {}),
    files,
  };
}

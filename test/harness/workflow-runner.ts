import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { isActionStep, isJob, isRunStep } from '@actions/workflow-parser/model/type-guards';
import type { Job, Step } from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { isMapping, isSequence, isString } from '@actions/workflow-parser/templates/tokens/type-guards';
import { type Annotation, Masker, type RunnerEvent, runAction, type StepResult } from '@shipgate/runner';
import { actionsDir, defaultNode, runStep } from './run-step';
import { tempDir } from './temp-dirs';
import {
  type Contexts,
  correctBlockScalarExpressions,
  type EvaluationScope,
  evaluateCondition,
  evaluateString,
  evaluateStringMap,
  evaluateToken,
  type JsonValue,
  type StatusFunctions,
} from './workflow-expressions';
import { describeFinding, parseWorkflowText } from './workflow-lint';

// Runs a workflow file job by job, on this machine, the way GitHub would: the file is parsed and validated by
// GitHub's own parser, every expression is evaluated by GitHub's own expression engine, shipgate's actions run
// from their bundled dist through the runner harness, `run:` steps run in the shell GitHub would pick, and
// third-party actions run as small stand-ins the caller registers. Jobs run one at a time, in dependency order,
// each on a fresh workspace and RUNNER_TEMP as on separate machines.

export type JobResult = 'success' | 'failure' | 'skipped' | 'cancelled';
export type StepStatus = 'success' | 'failure' | 'skipped';

/** What a protected environment's reviewers see before a job may start. */
export interface ApprovalRequest {
  job: string;
  environment: string;
  /** The jobs this one needs, as `needs` holds them. */
  needs: Record<string, { result: JobResult; outputs: Record<string, string> }>;
}

export interface EnvironmentOptions {
  /**
   * The required reviewers' decision. Absent: the environment has no protection rule and the job starts, as on
   * GitHub for an environment without rules.
   */
  approve?: boolean | ((request: ApprovalRequest) => boolean | Promise<boolean>);
  /**
   * Environment secrets, the job's once it starts, over the workflow's of the same name. In a called workflow
   * they fill only names the caller handed over (see `WorkflowRunOptions.secrets`).
   */
  secrets?: Record<string, string>;
  /** Environment variables (the `vars` context), over the repository's. */
  vars?: Record<string, string>;
}

export interface ActionStandInContext {
  /** The whole reference, e.g. `actions/checkout@08c6903…`. */
  uses: string;
  ref: string;
  /** The step's `with:`, evaluated. A stand-in applies its own defaults. */
  inputs: Record<string, string>;
  /** The step's environment: workflow, job, GITHUB_ENV and step `env`. */
  env: Record<string, string>;
  workspace: string;
  runnerTemp: string;
  /** Shared by every job of the run: where upload-artifact stores and download-artifact reads. */
  artifactsDir: string;
  job: string;
  step: string;
  github: Contexts;
  /** A line for the step's log (secrets are masked). */
  log(line: string): void;
}

export interface ActionStandInResult {
  outputs?: Record<string, string>;
  /** Variables for later steps, as a step's GITHUB_ENV would set them. */
  env?: Record<string, string>;
}

/** A local stand-in for a third-party action; throwing fails the step with the error's message. */
export type ActionStandIn = (
  context: ActionStandInContext,
) => ActionStandInResult | undefined | Promise<ActionStandInResult | undefined>;

/** The `github` context of the run; what is left out gets a local default. */
export interface GitHubContextOptions {
  repository?: string;
  sha?: string;
  ref?: string;
  head_ref?: string;
  base_ref?: string;
  event_name?: string;
  /** The webhook payload (`github.event`, GITHUB_EVENT_PATH). */
  event?: Record<string, JsonValue>;
  actor?: string;
  run_id?: string;
  run_number?: string;
  run_attempt?: string;
  /** In a called workflow this is the caller's name, as on GitHub. */
  workflow?: string;
  workflow_ref?: string;
  /** `github.token` and `secrets.GITHUB_TOKEN`; masked. */
  token?: string;
  server_url?: string;
  api_url?: string;
  graphql_url?: string;
}

export interface WorkflowRunOptions {
  /** `with:` of the caller (or the dispatch inputs), typed as in YAML: booleans for boolean inputs. */
  inputs?: Record<string, string | number | boolean>;
  /**
   * Secrets the caller passes by name (`secrets: { NAME: … }`; a value may be empty, as a caller's own
   * `secrets.NAME` is where only an environment holds it). A workflow_call workflow sees only those it declares,
   * and a job of it that names an environment gets the environment's secret only for a name passed here: one the
   * caller did not hand over stays empty (actions/runner#1490, #4453).
   */
  secrets?: Record<string, string>;
  /**
   * `secrets: inherit` instead: the caller's repository and organisation secrets, each visible whether declared
   * or not, and every secret of a job's environment with them.
   */
  inheritSecrets?: Record<string, string>;
  vars?: Record<string, string>;
  github?: GitHubContextOptions;
  environments?: Record<string, EnvironmentOptions>;
  /** Stand-ins for third-party actions, by `owner/repo[/path]` without the ref (e.g. `actions/checkout`). */
  actions?: Record<string, ActionStandIn>;
  /** The node that runs action bundles; default the integration setup's Node 24. */
  node?: string;
  /** A step's limit when it sets no `timeout-minutes`; default 10 minutes. */
  stepTimeoutMs?: number;
}

export interface StepRun {
  id: string;
  name: string;
  uses?: string;
  outcome: StepStatus;
  /** The outcome after continue-on-error. */
  conclusion: StepStatus;
  outputs: Record<string, string>;
  log: string;
  summary: string;
  annotations: Annotation[];
}

export interface JobRun {
  id: string;
  name: string;
  result: JobResult;
  /** Set when the job named an environment and its `if` let it start. */
  environment?: { name: string; url?: string; approval: 'approved' | 'refused' | 'no protection rule' };
  outputs: Record<string, string>;
  steps: StepRun[];
  log: string;
  /** The evaluated `concurrency`, recorded only: nothing else runs at the same time here. */
  concurrency?: JsonValue;
  workspace?: string;
  runnerTemp?: string;
}

export interface WorkflowRun {
  conclusion: 'success' | 'failure';
  /** By job id, in the order the jobs ran or were skipped. */
  jobs: Record<string, JobRun>;
  /** `on.workflow_call.outputs`, evaluated after the last job. */
  outputs: Record<string, string>;
  /** The `inputs` context as the jobs saw it: declared defaults applied, typed. */
  inputs: Contexts;
  concurrency?: JsonValue;
  approvals: Array<{ job: string; environment: string; approved: boolean }>;
  artifactsDir: string;
  /** Every job's log, for assertion messages. */
  log: string;
}

interface InputDeclaration {
  type: string;
  required: boolean;
  default?: TemplateToken;
  options?: string[];
}

interface RunState {
  options: WorkflowRunOptions;
  github: Contexts;
  inputs: Contexts;
  secrets: Record<string, string>;
  /** Whether an environment's secrets reach a job whatever the caller handed over (not a called workflow, or inherit). */
  environmentSecretsUnfiltered: boolean;
  vars: Record<string, string>;
  workflowEnv: Record<string, string>;
  defaults: RunDefaults;
  jobs: Record<string, JobRun>;
  needsOf: Map<string, string[]>;
  artifactsDir: string;
  approvals: WorkflowRun['approvals'];
}

interface RunDefaults {
  shell?: string;
  workingDirectory?: string;
}

const shellStepDir = resolve(import.meta.dirname, 'shell-step');
const shipgateUses = /^shipgate\/shipgate\/actions\/([^/@]+)@(.+)$/;
const localShipgateUses = /^\.\/actions\/([^/@]+)\/?$/;
const thirdPartyUses = /^([^/@]+\/[^@]+)@(.+)$/;

/**
 * Runs a workflow file job by job on this machine and returns every job's result, outputs, steps and logs, and
 * the workflow's `on.workflow_call.outputs`. Rejects, before any job runs, when the file does not validate, an
 * input or secret does not match the declarations, or a step uses an action that has no stand-in.
 */
export async function runWorkflow(file: string, options: WorkflowRunOptions = {}): Promise<WorkflowRun> {
  const text = readFileSync(file, 'utf8');
  const parsed = await parseWorkflowText(file, text);
  if (parsed.findings.length > 0 || !parsed.template || !parsed.root) {
    throw new Error(`${file} does not validate:\n${parsed.findings.map(describeFinding).join('\n')}`);
  }
  const { template, root } = parsed;
  correctBlockScalarExpressions(root, text);
  const jobs = template.jobs.map((job) => {
    if (!isJob(job))
      throw new Error(`job '${job.id.value}' calls a reusable workflow, which the local runner does not`);
    if (job.strategy)
      throw new Error(`job '${job.id.value}': strategy/matrix is not supported by the local runner`);
    if (job.container || job.services) {
      throw new Error(`job '${job.id.value}': containers and services are not supported by the local runner`);
    }
    return job;
  });
  checkActions(jobs, options.actions ?? {});

  const workflowName = stringAt(root, 'name') ?? basename(file);
  const github = githubContext(options.github ?? {}, workflowName, file);
  const trigger = triggerDeclarations(root);
  const vars = { ...(options.vars ?? {}) };
  const inputs = resolveInputs(trigger.inputs, options.inputs ?? {}, { contexts: { github, vars } });
  if (options.secrets && options.inheritSecrets) {
    throw new Error('a caller passes secrets by name or with secrets: inherit, not both');
  }
  const secrets = options.inheritSecrets
    ? resolveSecrets(undefined, options.inheritSecrets, github)
    : resolveSecrets(trigger.secrets, options.secrets ?? {}, github);
  const workflowScope: EvaluationScope = { contexts: { github, inputs, vars, secrets, env: {} } };
  const run: RunState = {
    options,
    github,
    inputs,
    secrets,
    environmentSecretsUnfiltered: trigger.secrets === undefined || options.inheritSecrets !== undefined,
    vars,
    workflowEnv: evaluateStringMap(template.env, workflowScope),
    defaults: runDefaults(root),
    jobs: {},
    needsOf: new Map(jobs.map((job) => [job.id.value, (job.needs ?? []).map((need) => need.value)])),
    artifactsDir: tempDir('artifacts'),
    approvals: [],
  };

  for (const job of dependencyOrder(jobs)) {
    run.jobs[job.id.value] = await runJob(job, jobMapping(root, job.id.value), run);
  }

  const jobsContext: Contexts = Object.fromEntries(
    Object.values(run.jobs).map((job) => [job.id, { result: job.result, outputs: job.outputs }]),
  );
  const outputs: Record<string, string> = {};
  for (const [name, token] of trigger.outputs) {
    outputs[name] = evaluateString(token, { contexts: { github, inputs, vars, jobs: jobsContext } });
  }
  const failed = Object.values(run.jobs).some((job) => job.result === 'failure');
  return {
    conclusion: failed ? 'failure' : 'success',
    jobs: run.jobs,
    outputs,
    inputs,
    ...(template.concurrency ? { concurrency: evaluateToken(template.concurrency, workflowScope) } : {}),
    approvals: run.approvals,
    artifactsDir: run.artifactsDir,
    log: Object.values(run.jobs)
      .map((job) => `=== ${job.id}: ${job.result}\n${job.log}`)
      .join('\n'),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The workflow file

function find(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  return token && isMapping(token) ? token.find(key) : undefined;
}

function stringAt(token: TemplateToken | undefined, key: string): string | undefined {
  const value = find(token, key);
  return value && isString(value) ? value.value : undefined;
}

function jobMapping(root: MappingToken, jobId: string): MappingToken | undefined {
  const job = find(find(root, 'jobs'), jobId);
  return job && isMapping(job) ? job : undefined;
}

/** The raw mapping of each step, by position: the converted steps drop `with`, `shell`, `working-directory`. */
function stepMappings(jobToken: MappingToken | undefined): Array<MappingToken | undefined> {
  const steps = find(jobToken, 'steps');
  if (!steps || !isSequence(steps)) return [];
  return [...steps].map((step) => (isMapping(step) ? step : undefined));
}

function runDefaults(token: TemplateToken | undefined): RunDefaults {
  const run = find(find(token, 'defaults'), 'run');
  const shell = stringAt(run, 'shell');
  const workingDirectory = stringAt(run, 'working-directory');
  return { ...(shell ? { shell } : {}), ...(workingDirectory ? { workingDirectory } : {}) };
}

interface TriggerDeclarations {
  inputs: Map<string, InputDeclaration>;
  /** Undefined when the workflow is not a called one: every secret passed is then visible. */
  secrets?: Map<string, { required: boolean }>;
  outputs: Array<[string, TemplateToken]>;
}

/**
 * Inputs, secrets and outputs as `on.workflow_call` (or else `on.workflow_dispatch`) declares them, read from
 * the parsed document: the converted template drops number inputs and outputs.
 */
function triggerDeclarations(root: MappingToken): TriggerDeclarations {
  const on = find(root, 'on');
  const call = find(on, 'workflow_call');
  const isCalled = on !== undefined && isMapping(on) && on.find('workflow_call') !== undefined;
  const source = isCalled ? call : find(on, 'workflow_dispatch');
  const inputs = new Map<string, InputDeclaration>();
  const inputsToken = find(source, 'inputs');
  if (inputsToken && isMapping(inputsToken)) {
    for (const { key, value } of inputsToken) {
      const required = find(value, 'required');
      const options = find(value, 'options');
      const defaultToken = find(value, 'default');
      inputs.set(String(evaluateToken(key, { contexts: {} })), {
        type: stringAt(value, 'type') ?? 'string',
        required: required !== undefined && evaluateToken(required, { contexts: {} }) === true,
        ...(defaultToken ? { default: defaultToken } : {}),
        ...(options && isSequence(options)
          ? { options: [...options].map((o) => String(evaluateToken(o, { contexts: {} }))) }
          : {}),
      });
    }
  }
  const outputs: Array<[string, TemplateToken]> = [];
  const outputsToken = find(call, 'outputs');
  if (outputsToken && isMapping(outputsToken)) {
    for (const { key, value } of outputsToken) {
      const valueToken = find(value, 'value');
      if (valueToken) outputs.push([String(evaluateToken(key, { contexts: {} })), valueToken]);
    }
  }
  if (!isCalled) return { inputs, outputs };
  const secrets = new Map<string, { required: boolean }>();
  const secretsToken = find(call, 'secrets');
  if (secretsToken && isMapping(secretsToken)) {
    for (const { key, value } of secretsToken) {
      const required = find(value, 'required');
      secrets.set(String(evaluateToken(key, { contexts: {} })), {
        required: required !== undefined && evaluateToken(required, { contexts: {} }) === true,
      });
    }
  }
  return { inputs, secrets, outputs };
}

/** The `inputs` context: given values checked against their declared type, declared defaults, else the type's zero. */
function resolveInputs(
  declared: Map<string, InputDeclaration>,
  given: Record<string, string | number | boolean>,
  scope: EvaluationScope,
): Contexts {
  for (const name of Object.keys(given)) {
    if (!declared.has(name))
      throw new Error(`Invalid input, ${name} is not defined in the referenced workflow.`);
  }
  const inputs: Contexts = {};
  for (const [name, input] of declared) {
    const expected = input.type === 'boolean' ? 'boolean' : input.type === 'number' ? 'number' : 'string';
    let value: JsonValue;
    if (Object.hasOwn(given, name)) value = given[name] as string | number | boolean;
    else if (input.default)
      value = evaluateToken(input.default, { ...scope, contexts: { ...scope.contexts, inputs } });
    else if (input.required) throw new Error(`Input ${name} is required, but not provided while calling.`);
    else value = expected === 'boolean' ? false : expected === 'number' ? 0 : '';
    if (typeof value !== expected) {
      throw new Error(`input '${name}' is a ${input.type}: got ${JSON.stringify(value)} (${typeof value})`);
    }
    if (input.options && !input.options.includes(value as string)) {
      throw new Error(`input '${name}': '${value}' is not one of ${input.options.join(', ')}`);
    }
    inputs[name] = value;
  }
  return inputs;
}

function resolveSecrets(
  declared: Map<string, { required: boolean }> | undefined,
  given: Record<string, string>,
  github: Contexts,
): Record<string, string> {
  if (declared) {
    for (const name of Object.keys(given)) {
      if (!declared.has(name))
        throw new Error(`Invalid secret, ${name} is not defined in the referenced workflow.`);
    }
    for (const [name, secret] of declared) {
      if (secret.required && !given[name]) {
        throw new Error(`Secret ${name} is required, but not provided while calling.`);
      }
    }
  }
  return { ...given, GITHUB_TOKEN: String(github.token ?? '') };
}

/** Jobs in an order where each comes after every job it needs; file order otherwise. */
function dependencyOrder(jobs: Job[]): Job[] {
  const done = new Set<string>();
  const ordered: Job[] = [];
  while (ordered.length < jobs.length) {
    const next = jobs.find(
      (job) => !done.has(job.id.value) && (job.needs ?? []).every((need) => done.has(need.value)),
    );
    if (!next) throw new Error('the jobs’ needs form a cycle');
    done.add(next.id.value);
    ordered.push(next);
  }
  return ordered;
}

type ActionTarget =
  | { kind: 'shipgate'; name: string; repository?: string; ref?: string }
  | { kind: 'local'; path: string }
  | { kind: 'stand-in'; key: string; ref: string };

function actionTarget(uses: string): ActionTarget {
  const shipgate = shipgateUses.exec(uses);
  if (shipgate)
    return {
      kind: 'shipgate',
      name: shipgate[1] ?? '',
      repository: 'shipgate/shipgate',
      ref: shipgate[2] ?? '',
    };
  const localShipgate = localShipgateUses.exec(uses);
  if (localShipgate && existsSync(join(actionsDir, localShipgate[1] ?? '', 'action.yml'))) {
    return { kind: 'shipgate', name: localShipgate[1] ?? '' };
  }
  if (uses.startsWith('./')) return { kind: 'local', path: uses };
  const thirdParty = thirdPartyUses.exec(uses);
  if (thirdParty) return { kind: 'stand-in', key: thirdParty[1] ?? '', ref: thirdParty[2] ?? '' };
  throw new Error(`'${uses}' is not an action reference the local runner can run`);
}

/** Fails before anything runs when a step's action cannot run here, naming the step and the action. */
function checkActions(jobs: Job[], standIns: Record<string, ActionStandIn>): void {
  const problems: string[] = [];
  for (const job of jobs) {
    job.steps.forEach((step, index) => {
      if (!isActionStep(step)) return;
      const where = `job '${job.id.value}', step ${index + 1}`;
      const uses = step.uses.value;
      try {
        const target = actionTarget(uses);
        if (target.kind === 'stand-in' && !Object.hasOwn(standIns, target.key)) {
          problems.push(
            `${where}: no stand-in for the third-party action '${uses}': register options.actions['${target.key}']`,
          );
        }
        if (target.kind === 'shipgate' && !existsSync(join(actionsDir, target.name, 'dist', 'index.js'))) {
          problems.push(
            `${where}: '${uses}' has no actions/${target.name}/dist/index.js: run npm run build first`,
          );
        }
      } catch (thrown) {
        problems.push(`${where}: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      }
    });
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

// ---------------------------------------------------------------------------------------------------------
// Contexts

const defaultSha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4';

function githubContext(options: GitHubContextOptions, workflowName: string, file: string): Contexts {
  const repository = options.repository ?? 'shipgate/sample-app';
  const ref = options.ref ?? 'refs/heads/main';
  const actor = options.actor ?? 'octocat';
  return {
    repository,
    repository_owner: repository.split('/')[0] ?? '',
    sha: options.sha ?? defaultSha,
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, ''),
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    head_ref: options.head_ref ?? '',
    base_ref: options.base_ref ?? '',
    event_name: options.event_name ?? 'workflow_dispatch',
    event: options.event ?? {},
    actor,
    triggering_actor: actor,
    run_id: options.run_id ?? '1000000001',
    run_number: options.run_number ?? '1',
    run_attempt: options.run_attempt ?? '1',
    retention_days: '90',
    workflow: options.workflow ?? workflowName,
    workflow_ref: options.workflow_ref ?? `${repository}/.github/workflows/${basename(file)}@${ref}`,
    token: options.token ?? '',
    server_url: options.server_url ?? 'https://github.com',
    api_url: options.api_url ?? 'https://api.github.com',
    graphql_url: options.graphql_url ?? 'https://api.github.com/graphql',
  };
}

/** The GITHUB_* variables the runner derives from the github context for one step. */
function githubVariables(github: Contexts): Record<string, string> {
  const text = (key: string) => String(github[key] ?? '');
  return {
    GITHUB_REPOSITORY: text('repository'),
    GITHUB_REPOSITORY_OWNER: text('repository_owner'),
    GITHUB_SHA: text('sha'),
    GITHUB_REF: text('ref'),
    GITHUB_REF_NAME: text('ref_name'),
    GITHUB_REF_TYPE: text('ref_type'),
    GITHUB_HEAD_REF: text('head_ref'),
    GITHUB_BASE_REF: text('base_ref'),
    GITHUB_EVENT_NAME: text('event_name'),
    GITHUB_ACTOR: text('actor'),
    GITHUB_TRIGGERING_ACTOR: text('triggering_actor'),
    GITHUB_RUN_ID: text('run_id'),
    GITHUB_RUN_NUMBER: text('run_number'),
    GITHUB_RUN_ATTEMPT: text('run_attempt'),
    GITHUB_RETENTION_DAYS: text('retention_days'),
    GITHUB_WORKFLOW: text('workflow'),
    GITHUB_WORKFLOW_REF: text('workflow_ref'),
    GITHUB_JOB: text('job'),
    GITHUB_ACTION: text('action'),
    GITHUB_SERVER_URL: text('server_url'),
    GITHUB_API_URL: text('api_url'),
    GITHUB_GRAPHQL_URL: text('graphql_url'),
  };
}

function runnerContext(runnerTemp: string): Contexts {
  return {
    os: 'Linux',
    arch: process.arch === 'arm64' ? 'ARM64' : 'X64',
    name: 'shipgate-local',
    environment: 'github-hosted',
    temp: runnerTemp,
    tool_cache: join(runnerTemp, '_tool'),
    debug: '',
  };
}

/**
 * Every job upstream of this one, through needs of needs: GitHub's job-level status functions look at all of
 * them, so a job whose own needs succeeded is still skipped by its default success() when an ancestor failed or
 * was skipped (actions/runner#2205, measured in btclib-org/btclib#1470).
 */
function ancestors(jobId: string, needsOf: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  const visit = (id: string) => {
    for (const need of needsOf.get(id) ?? []) {
      if (!seen.has(need)) {
        seen.add(need);
        visit(need);
      }
    }
  };
  visit(jobId);
  return [...seen];
}

// ---------------------------------------------------------------------------------------------------------
// Jobs

function message(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

async function runJob(job: Job, jobToken: MappingToken | undefined, run: RunState): Promise<JobRun> {
  const id = job.id.value;
  const needs: ApprovalRequest['needs'] = {};
  for (const need of job.needs ?? []) {
    const done = run.jobs[need.value];
    if (done) needs[need.value] = { result: done.result, outputs: done.outputs };
  }
  const upstream = ancestors(id, run.needsOf).map((jobId) => run.jobs[jobId]?.result);
  const jobStatus: StatusFunctions = {
    success: () => upstream.every((result) => result === 'success'),
    failure: () => upstream.some((result) => result === 'failure'),
    cancelled: () => false,
  };
  const baseContexts: Contexts = {
    github: { ...run.github, job: id },
    inputs: run.inputs,
    vars: run.vars,
    needs,
    strategy: { 'fail-fast': true, 'job-index': 0, 'job-total': 1, 'max-parallel': 1 },
    matrix: null,
  };
  const lines: string[] = [];
  const record: JobRun = { id, name: id, result: 'skipped', outputs: {}, steps: [], log: '' };
  const finish = (result: JobResult) => {
    record.result = result;
    record.log = lines.join('\n');
    return record;
  };
  try {
    if (job.name) record.name = evaluateString(job.name, { contexts: baseContexts });
  } catch {
    // The name is only shown; an expression it cannot evaluate yet leaves the id.
  }

  try {
    if (!evaluateCondition(job.if, { contexts: baseContexts, status: jobStatus })) {
      lines.push(`Skipped: the job's condition \${{ ${job.if.expression} }} was false.`);
      return finish('skipped');
    }
  } catch (thrown) {
    lines.push(`##[error]The job was not started: ${message(thrown)}`);
    return finish('failure');
  }

  let gate: EnvironmentGate | undefined;
  if (job.environment) {
    try {
      gate = await passEnvironmentGate(
        job.environment,
        { job: id, environment: '', needs },
        baseContexts,
        run,
      );
    } catch (thrown) {
      lines.push(`##[error]The job was not started: environment: ${message(thrown)}`);
      return finish('failure');
    }
    record.environment = { name: gate.name, approval: gate.approval };
    if (gate.approval === 'refused') {
      lines.push(`##[error]The deployment to '${gate.name}' was rejected: the job did not start.`);
      return finish('failure');
    }
    lines.push(`Environment '${gate.name}': ${gate.approval}.`);
  }
  const secrets = jobSecrets(run, gate?.options?.secrets ?? {});
  const vars = { ...run.vars, ...(gate?.options?.vars ?? {}) };

  const workspace = tempDir('workspace');
  const runnerTemp = tempDir('runner-temp');
  record.workspace = workspace;
  record.runnerTemp = runnerTemp;
  const masker = new Masker();
  for (const value of Object.values(secrets)) masker.add(value);
  const jobContexts: Contexts = {
    ...baseContexts,
    github: { ...(baseContexts.github as Record<string, JsonValue>), workspace },
    vars,
    secrets,
    runner: runnerContext(runnerTemp),
  };

  let jobEnv: Record<string, string>;
  try {
    if (job.concurrency) record.concurrency = evaluateToken(job.concurrency, { contexts: jobContexts });
    jobEnv = {
      ...run.workflowEnv,
      ...evaluateStringMap(job.env, { contexts: { ...jobContexts, env: run.workflowEnv } }),
    };
  } catch (thrown) {
    lines.push(`##[error]The job was not started: ${message(thrown)}`);
    return finish('failure');
  }

  const jobState: JobState = {
    id,
    status: 'success',
    env: jobEnv,
    exported: {},
    path: [],
    steps: {},
    contexts: jobContexts,
    workspace,
    runnerTemp,
    secrets,
    masker,
    defaults: { ...run.defaults, ...runDefaults(jobToken) },
  };
  const rawSteps = stepMappings(jobToken);
  for (const [index, step] of job.steps.entries()) {
    const stepRun = await runJobStep(step, rawSteps[index], jobState, run);
    record.steps.push(stepRun);
    lines.push(
      `▶ ${stepRun.name}: ${stepRun.outcome}${stepRun.conclusion !== stepRun.outcome ? ` (continue-on-error: ${stepRun.conclusion})` : ''}`,
    );
    if (stepRun.log) lines.push(stepRun.log.replace(/^/gm, '  '));
  }

  const endScope = stepScope(jobState);
  if (job.outputs) {
    for (const { key, value } of job.outputs) {
      const name = String(evaluateToken(key, endScope));
      try {
        const output = evaluateString(value, endScope);
        // The runner refuses to pass a value holding a secret out of the job.
        if (masker.matches(output))
          lines.push(`##[warning]Skip output '${name}' since it may contain secret.`);
        else record.outputs[name] = output;
      } catch (thrown) {
        lines.push(`##[error]output '${name}': ${message(thrown)}`);
        jobState.status = 'failure';
      }
    }
  }
  if (record.environment && gate?.url) {
    try {
      const url = evaluateString(gate.url, endScope);
      if (url) record.environment.url = url;
    } catch (thrown) {
      lines.push(`##[warning]environment url: ${message(thrown)}`);
    }
  }
  return finish(jobState.status);
}

/**
 * A job's secrets: the workflow's, with its environment's over them. In a called workflow without `secrets:
 * inherit`, an environment secret fills only a name the caller handed over.
 */
function jobSecrets(run: RunState, environmentSecrets: Record<string, string>): Record<string, string> {
  const filled = Object.entries(environmentSecrets).filter(
    ([name]) => run.environmentSecretsUnfiltered || Object.hasOwn(run.secrets, name),
  );
  return { ...run.secrets, ...Object.fromEntries(filled) };
}

interface EnvironmentGate {
  name: string;
  /** Evaluated when the job ends: it may name step outputs. */
  url?: TemplateToken;
  approval: 'approved' | 'refused' | 'no protection rule';
  options?: EnvironmentOptions;
}

/**
 * Names the job's environment and puts the job to its reviewers (the test's `approve`), as GitHub does before a
 * job in a protected environment starts; an environment the test does not configure has no protection rule.
 */
async function passEnvironmentGate(
  environment: TemplateToken,
  request: ApprovalRequest,
  contexts: Contexts,
  run: RunState,
): Promise<EnvironmentGate> {
  const nameToken = isMapping(environment) ? environment.find('name') : environment;
  const url = isMapping(environment) ? environment.find('url') : undefined;
  const name = nameToken ? evaluateString(nameToken, { contexts }) : '';
  const options = run.options.environments?.[name];
  const rule = options?.approve;
  const base = { name, ...(url ? { url } : {}), ...(options ? { options } : {}) };
  if (rule === undefined) return { ...base, approval: 'no protection rule' };
  const approved = typeof rule === 'function' ? await rule({ ...request, environment: name }) : rule;
  run.approvals.push({ job: request.job, environment: name, approved });
  return { ...base, approval: approved ? 'approved' : 'refused' };
}

interface JobState {
  id: string;
  status: 'success' | 'failure';
  /** Workflow and job `env`. */
  env: Record<string, string>;
  /** What steps wrote to GITHUB_ENV, over `env` for later steps. */
  exported: Record<string, string>;
  /** GITHUB_PATH entries, newest first. */
  path: string[];
  steps: Record<string, { outputs: Record<string, string>; outcome: StepStatus; conclusion: StepStatus }>;
  contexts: Contexts;
  workspace: string;
  runnerTemp: string;
  secrets: Record<string, string>;
  masker: Masker;
  defaults: RunDefaults;
}

/** What a step's expressions (and the job's outputs) see: the job's contexts as the steps so far left them. */
function stepScope(state: JobState, stepId?: string, env?: Record<string, string>): EvaluationScope {
  return {
    contexts: {
      ...state.contexts,
      github: {
        ...(state.contexts.github as Record<string, JsonValue>),
        ...(stepId ? { action: stepId } : {}),
      },
      env: env ?? { ...state.env, ...state.exported },
      steps: state.steps,
      job: { status: state.status, container: {}, services: {} },
    },
    status: {
      success: () => state.status === 'success',
      failure: () => state.status === 'failure',
      cancelled: () => false,
    },
    workspace: state.workspace,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Steps

function defaultStepName(step: Step): string {
  if (isRunStep(step)) {
    const source = 'source' in step.run && typeof step.run.source === 'string' ? step.run.source : undefined;
    const text = isString(step.run) ? step.run.value : (source ?? '');
    return `Run ${text.trim().split('\n')[0] ?? ''}`;
  }
  if (isActionStep(step)) return `Run ${step.uses.value}`;
  return step.id;
}

/** The command line for a `shell:` value, as the runner builds it (unspecified differs from `bash`). */
function shellCommand(shell: string | undefined, script: string): string[] {
  const builtIn: Record<string, string> = {
    '': 'bash -e {0}',
    bash: 'bash --noprofile --norc -eo pipefail {0}',
    sh: 'sh -e {0}',
    python: 'python3 {0}',
  };
  const template = builtIn[shell ?? ''] ?? shell ?? '';
  if (!template.includes('{0}'))
    throw new Error(`shell '${shell}': a custom shell needs {0} where the script goes`);
  return template
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part.replace('{0}', script));
}

async function runJobStep(
  step: Step,
  raw: MappingToken | undefined,
  state: JobState,
  run: RunState,
): Promise<StepRun> {
  const visibleId = step.id.startsWith('__') ? undefined : step.id;
  const record: StepRun = {
    id: step.id,
    // A literal name shows even on a skipped step; one with an expression is evaluated when the step runs.
    name: step.name && isString(step.name) ? step.name.value : defaultStepName(step),
    ...(isActionStep(step) ? { uses: step.uses.value } : {}),
    outcome: 'skipped',
    conclusion: 'skipped',
    outputs: {},
    log: '',
    summary: '',
    annotations: [],
  };
  const conclude = (outcome: StepStatus, continueOnError: boolean) => {
    record.outcome = outcome;
    record.conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
    if (record.conclusion === 'failure') state.status = 'failure';
    if (visibleId) {
      state.steps[visibleId] = {
        outputs: record.outputs,
        outcome: record.outcome,
        conclusion: record.conclusion,
      };
    }
    return record;
  };

  const scope = stepScope(state, step.id);
  if (!isRunStep(step) && !isActionStep(step)) {
    record.log = `##[error]step '${step.id}' is neither run nor uses`;
    return conclude('failure', false);
  }
  try {
    if (!evaluateCondition(step.if, scope)) return conclude('skipped', false);
  } catch (thrown) {
    record.log = `##[error]${message(thrown)}`;
    return conclude('failure', false);
  }

  let continueOnError = false;
  let env: Record<string, string>;
  let prepared: PreparedStep;
  try {
    const continueToken = step['continue-on-error'];
    if (typeof continueToken === 'boolean') continueOnError = continueToken;
    else if (continueToken) continueOnError = evaluateCondition(continueToken, scope);
    env = { ...state.env, ...state.exported, ...evaluateStringMap(step.env, scope) };
    const withEnv = stepScope(state, step.id, env);
    if (step.name) record.name = evaluateString(step.name, withEnv);
    prepared = prepareStep(step, raw, withEnv, state, run);
  } catch (thrown) {
    record.log = `##[error]${message(thrown)}`;
    return conclude('failure', continueOnError);
  }

  const github = scope.contexts.github as Record<string, JsonValue>;
  const processEnv: Record<string, string> = {
    ...env,
    ...githubVariables(github),
    ...(prepared.actionRepository ?? {}),
    ...(state.path.length > 0 ? { PATH: [...state.path, process.env.PATH ?? ''].join(':') } : {}),
  };
  const event: RunnerEvent = {
    name: String(github.event_name),
    payload: (github.event ?? {}) as Record<string, unknown>,
    env: {},
  };
  const common = {
    workspace: state.workspace,
    runnerTemp: state.runnerTemp,
    event,
    secrets: Object.values(state.secrets).filter(Boolean),
    ...(github.token ? { token: String(github.token) } : {}),
    timeoutMs: prepared.timeoutMs ?? run.options.stepTimeoutMs ?? 600_000,
    node: run.options.node ?? defaultNode(),
  };

  let result: Pick<StepResult, 'outcome' | 'outputs' | 'env' | 'path' | 'summary' | 'annotations' | 'log'>;
  try {
    if (prepared.kind === 'run') {
      result = await runAction({
        ...common,
        actionDir: shellStepDir,
        env: {
          ...processEnv,
          SHIPGATE_SHELL_ARGV: JSON.stringify(prepared.argv),
          SHIPGATE_SHELL_WORKING_DIRECTORY: prepared.workingDirectory,
        },
      });
    } else if (prepared.kind === 'shipgate') {
      result = await runStep(prepared.name, { ...common, inputs: prepared.inputs, env: processEnv });
    } else if (prepared.kind === 'local') {
      result = await runAction({
        ...common,
        actionDir: prepared.actionDir,
        inputs: prepared.inputs,
        env: processEnv,
      });
    } else {
      result = await runStandIn(prepared, processEnv, github, state, run);
    }
  } catch (thrown) {
    record.log = `##[error]${message(thrown)}`;
    return conclude('failure', continueOnError);
  }

  record.outputs = result.outputs;
  record.log = result.log;
  record.summary = result.summary;
  record.annotations = result.annotations;
  Object.assign(state.exported, result.env);
  state.path.unshift(...[...result.path].reverse());
  return conclude(result.outcome, continueOnError);
}

type PreparedStep = { timeoutMs?: number; actionRepository?: Record<string, string> } & (
  | { kind: 'run'; argv: string[]; workingDirectory: string }
  | { kind: 'shipgate'; name: string; inputs: Record<string, string> }
  | { kind: 'local'; actionDir: string; inputs: Record<string, string> }
  | {
      kind: 'stand-in';
      standIn: ActionStandIn;
      uses: string;
      ref: string;
      stepId: string;
      inputs: Record<string, string>;
    }
);

/** Evaluates what the step runs: its script and shell, or its action and `with:`. */
function prepareStep(
  step: Step,
  raw: MappingToken | undefined,
  scope: EvaluationScope,
  state: JobState,
  run: RunState,
): PreparedStep {
  const timeoutToken = find(raw, 'timeout-minutes');
  const minutes = timeoutToken ? Number(evaluateToken(timeoutToken, scope)) : undefined;
  const timeout = minutes !== undefined && Number.isFinite(minutes) ? { timeoutMs: minutes * 60_000 } : {};
  if (isRunStep(step)) {
    const script = evaluateString(step.run, scope);
    const shellToken = find(raw, 'shell');
    const shell = shellToken ? evaluateString(shellToken, scope) : state.defaults.shell;
    const directoryToken = find(raw, 'working-directory');
    const directory = directoryToken
      ? evaluateString(directoryToken, scope)
      : state.defaults.workingDirectory;
    const workingDirectory = directory ? resolve(state.workspace, directory) : state.workspace;
    const scriptFile = join(state.runnerTemp, `${randomUUID()}.${shell === 'python' ? 'py' : 'sh'}`);
    writeFileSync(scriptFile, script);
    return { ...timeout, kind: 'run', argv: shellCommand(shell, scriptFile), workingDirectory };
  }
  if (!isActionStep(step)) throw new Error(`step '${step.id}' is neither run nor uses`);
  const uses = step.uses.value;
  const inputs = evaluateStringMap(find(raw, 'with'), scope);
  const target = actionTarget(uses);
  if (target.kind === 'shipgate') {
    const repository: Record<string, string> = target.repository
      ? { GITHUB_ACTION_REPOSITORY: target.repository, GITHUB_ACTION_REF: target.ref ?? '' }
      : {};
    return { ...timeout, kind: 'shipgate', name: target.name, inputs, actionRepository: repository };
  }
  if (target.kind === 'local') {
    const actionDir = isAbsolute(target.path) ? target.path : resolve(state.workspace, target.path);
    return { ...timeout, kind: 'local', actionDir, inputs };
  }
  const standIn = run.options.actions?.[target.key];
  if (!standIn) throw new Error(`no stand-in for '${uses}'`);
  return { ...timeout, kind: 'stand-in', standIn, uses, ref: target.ref, stepId: step.id, inputs };
}

async function runStandIn(
  prepared: Extract<PreparedStep, { kind: 'stand-in' }>,
  env: Record<string, string>,
  github: Contexts,
  state: JobState,
  run: RunState,
): Promise<Pick<StepResult, 'outcome' | 'outputs' | 'env' | 'path' | 'summary' | 'annotations' | 'log'>> {
  const lines: string[] = [];
  const annotations: Annotation[] = [];
  let outcome: 'success' | 'failure' = 'success';
  let result: ActionStandInResult | undefined;
  try {
    result = await prepared.standIn({
      uses: prepared.uses,
      ref: prepared.ref,
      inputs: prepared.inputs,
      env,
      workspace: state.workspace,
      runnerTemp: state.runnerTemp,
      artifactsDir: run.artifactsDir,
      job: state.id,
      step: prepared.stepId,
      github,
      log: (line) => lines.push(state.masker.mask(line)),
    });
  } catch (thrown) {
    outcome = 'failure';
    const text = state.masker.mask(message(thrown));
    lines.push(`Error: ${text}`);
    annotations.push({ level: 'error', message: text });
  }
  return {
    outcome,
    outputs: result?.outputs ?? {},
    env: result?.env ?? {},
    path: [],
    summary: '',
    annotations,
    log: lines.join('\n'),
  };
}

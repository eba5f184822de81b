import { parse } from 'yaml';
import { secretWritingCommands } from './workflow-lint';

// Which credentials each job of a workflow can read, from the workflow's text: the secrets its expressions name,
// its environment, and the jobs it needs. Enough to prove that no job that can run before an environment's
// approval reads a credential meant for after it, and that every job writing secrets names an environment.

export interface JobCredentials {
  job: string;
  /** The environment's name, `${{ inputs.X }}` read as X's default; undefined when the job names none. */
  environment?: string;
  needs: string[];
  /** Secret names the job's expressions read, sorted; `*` for the whole context (`toJSON(secrets)`, `secrets: inherit`). */
  secrets: string[];
}

interface WorkflowDocument {
  on?: { workflow_call?: { inputs?: Record<string, { default?: unknown }>; secrets?: SecretDeclarations } };
  jobs?: Record<string, JobDocument>;
}

type SecretDeclarations = Record<string, { required?: boolean } | null>;

interface JobDocument {
  environment?: string | { name?: string };
  needs?: string | string[];
  secrets?: unknown;
  steps?: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }>;
}

const expressionPattern = /\$\{\{([\s\S]*?)\}\}/g;
// `secrets` as a context, not part of another name (`inputs.check-secrets`).
const contextPattern = /(?<![\w.-])secrets(?![\w-])/g;
const namedPattern = /^\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\]|\[\s*"([^"]+)"\s*\])/;

/** The secret names one expression reads, `*` where it reads the context some other way. */
function secretsRead(expression: string): string[] {
  const names: string[] = [];
  for (const match of expression.matchAll(contextPattern)) {
    const after = expression.slice((match.index ?? 0) + match[0].length);
    const named = namedPattern.exec(after);
    names.push(named ? (named[1] ?? named[2] ?? named[3] ?? '*') : '*');
  }
  return names;
}

/** Every expression in a job: `${{ … }}` anywhere, and each `if`, which is one even without the braces. */
function expressions(value: unknown, key?: string): string[] {
  if (typeof value === 'string') {
    const braced = [...value.matchAll(expressionPattern)].map((match) => match[1] ?? '');
    return key === 'if' && braced.length === 0 ? [value] : braced;
  }
  if (Array.isArray(value)) return value.flatMap((item) => expressions(item));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([childKey, child]) => expressions(child, childKey));
  }
  return [];
}

function parseDocument(text: string): WorkflowDocument {
  return (parse(text) ?? {}) as WorkflowDocument;
}

function environmentName(
  job: JobDocument,
  inputs: Record<string, { default?: unknown }>,
): string | undefined {
  const written = typeof job.environment === 'object' ? job.environment?.name : job.environment;
  return written?.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) =>
    String(inputs[name]?.default ?? ''),
  );
}

/** Each job's environment, needs and the secrets it reads, in file order. */
export function jobCredentials(text: string): JobCredentials[] {
  const document = parseDocument(text);
  const inputs = document.on?.workflow_call?.inputs ?? {};
  return Object.entries(document.jobs ?? {}).map(([job, body]) => {
    const secrets = new Set(expressions(body).flatMap(secretsRead));
    if (body.secrets === 'inherit') secrets.add('*');
    const environment = environmentName(body, inputs);
    return {
      job,
      ...(environment ? { environment } : {}),
      needs: body.needs === undefined ? [] : [body.needs].flat(),
      secrets: [...secrets].sort(),
    };
  });
}

/**
 * The jobs that can run before the approval of `environment`: every job not in that environment that needs no
 * job in it, directly or through the jobs it needs.
 */
export function jobsBeforeApproval(jobs: JobCredentials[], environment: string): JobCredentials[] {
  const after = new Set(jobs.filter((job) => job.environment === environment).map((job) => job.job));
  let grew = true;
  while (grew) {
    grew = false;
    for (const job of jobs) {
      if (!after.has(job.job) && job.needs.some((need) => after.has(need))) {
        after.add(job.job);
        grew = true;
      }
    }
  }
  return jobs.filter((job) => !after.has(job.job));
}

export interface ApprovalCheck {
  /** The jobs that can run before the approval. */
  before: string[];
  /** One line per secret such a job reads that is not in `allowed`. */
  findings: string[];
}

/** Every secret a job reads before the approval of `environment` must be one of `allowed`. */
export function credentialsBeforeApproval(
  text: string,
  environment: string,
  allowed: ReadonlySet<string>,
): ApprovalCheck {
  const before = jobsBeforeApproval(jobCredentials(text), environment);
  const findings = before.flatMap(({ job, secrets }) =>
    secrets
      .filter((name) => !allowed.has(name))
      .map((name) =>
        name === '*'
          ? `job '${job}' runs before the ${environment} approval and reads every secret`
          : `job '${job}' runs before the ${environment} approval and reads secrets.${name}`,
      ),
  );
  return { before: before.map(({ job }) => job), findings };
}

export interface WriterCheck {
  /** The jobs that may write secrets. */
  writers: string[];
  /** One line per such job that names no environment. */
  findings: string[];
}

const secretMirrorUses = /^(shipgate\/shipgate\/actions\/secret-mirror@|\.\/actions\/secret-mirror\/?$)/;

function writesSecrets(job: JobDocument): boolean {
  return (job.steps ?? []).some((step) => {
    if (step.uses && secretMirrorUses.test(step.uses)) {
      const dryRun = step.with?.['dry-run'];
      return dryRun !== true && dryRun !== 'true';
    }
    return typeof step.run === 'string' && secretWritingCommands.test(step.run);
  });
}

/**
 * A job that may write secrets (secret-mirror not pinned to `dry-run: true`, or `gh secret set`, `fly secrets
 * set` …) names an environment, so its credentials are that environment's and its reviewers can approve it.
 */
export function secretWritersWithoutEnvironment(text: string): WriterCheck {
  const document = parseDocument(text);
  const writers = Object.entries(document.jobs ?? {}).filter(([, job]) => writesSecrets(job));
  return {
    writers: writers.map(([name]) => name),
    findings: writers
      .filter(([, job]) => !job.environment)
      .map(([name]) => `job '${name}' writes secrets but names no environment`),
  };
}

// A GitHub secret's name: letters, digits and underscores, not starting with a digit.
const secretName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every secret a job in an environment reads has a name a secret can have: only then can the environment fill it. */
export function environmentSecretNameFindings(text: string): string[] {
  return jobCredentials(text).flatMap(({ job, environment, secrets }) =>
    environment
      ? secrets
          .filter((name) => name !== '*' && !secretName.test(name))
          .map((name) => `job '${job}' reads secrets.${name}, a name no environment secret can have`)
      : [],
  );
}

/** The names of the secrets a called workflow declares as required. */
export function requiredSecrets(text: string): string[] {
  const declared: SecretDeclarations = parseDocument(text).on?.workflow_call?.secrets ?? {};
  return Object.entries(declared)
    .filter(([, declaration]) => declaration?.required === true)
    .map(([name]) => name);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionsDir } from './harness/index';

// The reusable workflows call the actions by path; nothing runs them here, so this keeps them honest:
// every `with:` key is an input the action declares, every required input is given, and every
// `inputs.X` / `secrets.X` a workflow_call workflow reads is one it declares.

const workflowsDir = join(import.meta.dirname, '..', '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir).filter((file) => file.endsWith('.yml'));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

interface Declaration {
  required?: boolean;
  default?: unknown;
}

interface Workflow {
  on?: {
    workflow_call?: { inputs?: Record<string, Declaration>; secrets?: Record<string, Declaration | null> };
  };
  jobs?: Record<string, { steps?: Step[] }>;
}

interface CallingJob {
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
}

interface ActionManifest {
  inputs?: Record<string, { required?: boolean; default?: string }>;
}

function readWorkflow(file: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(workflowsDir, file), 'utf8');
  return { text, workflow: parse(text) as Workflow };
}

function shipgateSteps(workflow: Workflow): Array<{ action: string; step: Step }> {
  return Object.values(workflow.jobs ?? {}).flatMap((job) =>
    (job.steps ?? []).flatMap((step) => {
      const match = /^shipgate\/shipgate\/actions\/([a-z-]+)@/.exec(step.uses ?? '');
      return match?.[1] ? [{ action: match[1], step }] : [];
    }),
  );
}

const callers = workflowFiles.filter((file) => shipgateSteps(readWorkflow(file).workflow).length > 0);

describe.each(callers)('%s', (file) => {
  const { workflow } = readWorkflow(file);

  it('gives each shipgate action only inputs it declares, and every input it requires', () => {
    const problems: string[] = [];
    for (const { action, step } of shipgateSteps(workflow)) {
      const manifest = parse(readFileSync(join(actionsDir, action, 'action.yml'), 'utf8')) as ActionManifest;
      const declared = manifest.inputs ?? {};
      for (const key of Object.keys(step.with ?? {})) {
        if (!(key in declared)) problems.push(`${action}: no input '${key}'`);
      }
      for (const [name, spec] of Object.entries(declared)) {
        if (spec.required && spec.default === undefined && !(name in (step.with ?? {}))) {
          problems.push(`${action}: required input '${name}' not given`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

const reusable = workflowFiles.filter((file) => readWorkflow(file).workflow.on?.workflow_call);

describe.each(reusable)('%s (reusable)', (file) => {
  it('reads only the inputs and secrets it declares', () => {
    const { text, workflow } = readWorkflow(file);
    const call = workflow.on?.workflow_call ?? {};
    const inputs = new Set(Object.keys(call.inputs ?? {}));
    const secrets = new Set(Object.keys(call.secrets ?? {}));
    // The usage example in the header comment is the caller's side, not this workflow's.
    const body = text.replace(/^\s*#.*$/gm, '');
    const problems: string[] = [];
    for (const [, kind, name] of body.matchAll(/\$\{\{[^}]*?\b(inputs|secrets)\.([A-Za-z0-9_-]+)/g)) {
      if (kind === 'inputs' && !inputs.has(name as string)) problems.push(`inputs.${name}`);
      if (kind === 'secrets' && !secrets.has(name as string)) problems.push(`secrets.${name}`);
    }
    expect(problems).toEqual([]);
  });
});

/** The calling workflow a reusable workflow's header comment shows, parsed: the comment lines before `name:`. */
function headerExample(text: string): { jobs?: Record<string, CallingJob> } | undefined {
  const header = text.slice(0, text.search(/^name:/m));
  const lines = header.split('\n').filter((line) => /^#( {2,}|$)/.test(line));
  return lines.length > 0 ? parse(lines.map((line) => line.slice(2)).join('\n')) : undefined;
}

describe.each(reusable)('%s (its calling example)', (file) => {
  it('passes only inputs and secrets it declares, every required input, and each secret under its own name', () => {
    const { text, workflow } = readWorkflow(file);
    const call = workflow.on?.workflow_call ?? {};
    const callers = Object.values(headerExample(text)?.jobs ?? {}).filter((job) =>
      job.uses?.includes(`/.github/workflows/${file}@`),
    );
    expect(callers).toHaveLength(1);
    const [caller] = callers as [CallingJob];
    const problems: string[] = [];
    for (const name of Object.keys(caller.with ?? {})) {
      if (!(name in (call.inputs ?? {}))) problems.push(`with: ${name} is not an input`);
    }
    for (const [name, input] of Object.entries(call.inputs ?? {})) {
      if (input.required && input.default === undefined && !(name in (caller.with ?? {}))) {
        problems.push(`with: required input ${name} not given`);
      }
    }
    const passed = caller.secrets === 'inherit' ? {} : (caller.secrets ?? {});
    for (const [name, value] of Object.entries(passed)) {
      if (!(name in (call.secrets ?? {}))) problems.push(`secrets: ${name} is not a secret`);
      // Under the same name, so that an environment secret of that name can fill it.
      if (value !== `\${{ secrets.${name} }}` && /^[A-Z0-9_]+$/.test(name)) {
        problems.push(`secrets: ${name} is passed as ${String(value)}`);
      }
    }
    for (const [name, secret] of Object.entries(call.secrets ?? {})) {
      if (secret?.required && !(name in passed)) problems.push(`secrets: required secret ${name} not passed`);
    }
    expect(problems).toEqual([]);
  });
});

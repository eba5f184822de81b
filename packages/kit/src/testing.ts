import { parse } from 'yaml';
import { describeInputs, type InputShape } from './inputs';
import type { RunEnvironment } from './run-environment';

interface ManifestInput {
  required?: boolean;
  default?: unknown;
  deprecationMessage?: string;
}

/**
 * Every way an action's input schema and its action.yml disagree (names, required flags, defaults,
 * outputs), as sentences; empty when they match. Used by the manifest test over every action.
 */
export function manifestMismatches(
  shape: InputShape,
  actionYml: string,
  outputs: readonly string[] | Record<string, unknown> = [],
): string[] {
  const outputNames = Array.isArray(outputs) ? (outputs as readonly string[]) : Object.keys(outputs);
  const manifest = parse(actionYml) as {
    inputs?: Record<string, ManifestInput>;
    outputs?: Record<string, unknown>;
  };
  const declared = manifest.inputs ?? {};
  const described = describeInputs(shape);
  const problems: string[] = [];
  for (const name of Object.keys(declared)) {
    if (!(name in described)) problems.push(`action.yml declares input '${name}' that the schema lacks`);
  }
  for (const [name, info] of Object.entries(described)) {
    const entry = declared[name];
    if (!entry) {
      problems.push(`the schema has input '${name}' that action.yml lacks`);
      continue;
    }
    const required = entry.required === true;
    if (required !== info.required) {
      problems.push(`input '${name}': action.yml says required: ${required}, the schema ${info.required}`);
    }
    const deprecated = entry.deprecationMessage !== undefined;
    if (deprecated !== (info.aliasOf !== undefined)) {
      problems.push(
        info.aliasOf
          ? `input '${name}' is an alias of '${info.aliasOf}' but action.yml gives it no deprecationMessage`
          : `input '${name}': action.yml gives a deprecationMessage, the schema no alias`,
      );
    }
    const manifestDefault = entry.default === undefined ? undefined : String(entry.default);
    if (manifestDefault !== info.default) {
      problems.push(
        `input '${name}': action.yml default ${JSON.stringify(manifestDefault)}, the schema ${JSON.stringify(info.default)}`,
      );
    }
  }
  const declaredOutputs = Object.keys(manifest.outputs ?? {}).sort();
  const expectedOutputs = [...outputNames].sort();
  if (outputNames.length > 0 && declaredOutputs.join() !== expectedOutputs.join()) {
    problems.push(
      `outputs: action.yml has [${declaredOutputs.join(', ')}], the action writes [${expectedOutputs.join(', ')}]`,
    );
  }
  return problems;
}

/** The run a test host gives an action: a local run in `workspace` (and `temp`, else the workspace). */
export function localRun(workspace: string, temp = workspace): RunEnvironment {
  return {
    workspace,
    temp,
    eventName: '',
    event: {},
    sha: '',
    ref: '',
    repository: '',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runId: '',
    runAttempt: '',
    actor: '',
    debug: false,
  };
}

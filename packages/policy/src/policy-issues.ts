import type { z } from 'zod';
import { policyKeys, ruleKeys } from './config-schema';
import { ruleKinds } from './types';

type YamlPath = (string | number)[];

/** A schema issue as one policy error: where (a path into the YAML), what is wrong, and what was expected. */
export interface DescribedIssue {
  path: YamlPath;
  problem: string;
  expected?: string;
}

const nestedKeys: Record<string, string[]> = {
  ignore: ['paths', 'baseline'],
  overrides: ['severity', 'message', 'ignore'],
  assert: ['path', 'absent', 'present', 'equals', 'one-of', 'matches', 'not-matches', 'min', 'max'],
  'direct-required': ['names', 'pooler-ports'],
  forbid: ['name', 'version'],
  require: ['name', 'version', 'files'],
  constrain: ['name', 'version'],
};

const formatHints: Record<string, string> = {
  id: 'lowercase letters, digits and dashes, starting with a letter or digit',
  schemes: 'a URL scheme such as postgres',
};

const unionHints: Record<string, string> = {
  forbid: 'a package name glob, or { name, version }',
  min: 'a number or a size such as 512mb',
  max: 'a number or a size such as 512mb',
};

/** Turns the first zod issue of a policy into a located, one-line explanation. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown): DescribedIssue {
  const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  const label = formatLabel(path);
  const value = valueAt(data, path);
  const last = [...path].reverse().find((step): step is string => typeof step === 'string');

  switch (issue.code) {
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator === 'kind') {
        const allowed = ruleKinds.join(', ');
        if (value === undefined)
          return {
            path: path.slice(0, -1),
            problem: `${formatLabel(path.slice(0, -1))} has no kind`,
            expected: `one of: ${allowed}`,
          };
        return { path, problem: `unknown rule kind '${String(value)}'; allowed kinds: ${allowed}` };
      }
      return {
        path,
        problem: `${label} is ${show(value)}`,
        expected: (last && unionHints[last]) ?? 'a value of the documented form',
      };
    }
    case 'invalid_type':
      if (value === undefined) {
        return { path, problem: `${label} is missing`, expected: article(issue.expected) };
      }
      return { path, problem: `${label} is ${kindOf(value)}`, expected: article(issue.expected) };
    case 'invalid_value': {
      const values = issue.values.map((item) => String(item));
      return {
        path,
        problem: `${label} is ${show(value)}`,
        expected: values.length === 1 ? values[0]! : `one of: ${values.join(', ')}`,
      };
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      return {
        path: [...path, key],
        problem: `unknown key '${key}' in ${label}`,
        expected: `one of: ${allowedKeys(path, data).join(', ')}`,
      };
    }
    case 'too_small':
      if (issue.origin === 'array')
        return { path, problem: `${label} is empty`, expected: `at least ${issue.minimum} item` };
      if (issue.origin === 'string')
        return { path, problem: `${label} is empty`, expected: 'a non-empty string' };
      return { path, problem: `${label} is ${show(value)}`, expected: `at least ${issue.minimum}` };
    case 'too_big':
      return { path, problem: `${label} is ${show(value)}`, expected: `at most ${issue.maximum}` };
    case 'invalid_format':
      return {
        path,
        problem: `${label} ${show(value)} is not valid`,
        expected: (last && formatHints[last]) ?? `a ${issue.format}`,
      };
    case 'invalid_key':
      return { path, problem: `${label} is not a valid rule id`, expected: formatHints.id };
    case 'custom': {
      const expected = (issue.params as { expected?: string } | undefined)?.expected;
      return { path, problem: issue.message, ...(expected ? { expected } : {}) };
    }
    default:
      return { path, problem: `${label}: ${issue.message}` };
  }
}

/** `rules[0].severity`; `the policy` for the top level. */
export function formatLabel(path: readonly (string | number)[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text === '' ? step : /^[\w-]+$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  }
  return text || 'the policy';
}

function allowedKeys(path: YamlPath, data: unknown): string[] {
  if (path.length === 0) return policyKeys;
  if (path.length === 2 && path[0] === 'rules') {
    const kind = (valueAt(data, path) as { kind?: string } | undefined)?.kind;
    if (kind && kind in ruleKeys) return ruleKeys[kind as keyof typeof ruleKeys];
  }
  const named = [...path].reverse().find((step): step is string => typeof step === 'string');
  return named ? (nestedKeys[named] ?? []) : [];
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${show(value)}`;
}

function article(expected: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a mapping', record: 'a mapping' };
  return names[expected] ?? `a ${expected}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Logger } from '@shipgate/kit';
import { yamlPosition } from '@shipgate/kit/config';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { type PolicyConfig, policySchema, type RuleConfig } from './config-schema';
import { PolicyError, RuleConfigError } from './policy-error';
import { describeIssue } from './policy-issues';
import { getPreset, presetNames } from './presets/index';
import { compileRule } from './rules/compile';
import type { CompiledRule, ResolvedPolicy } from './types';

export const defaultPolicyPath = '.github/stack-guard.yml';

export interface LoadPolicyOptions {
  /** The scanned directory; a relative `path` is resolved against it. */
  root: string;
  /** The policy file; default .github/stack-guard.yml. */
  path?: string;
  /** The policy itself, instead of a file (reported as '<inline>'). */
  text?: string;
  /** Where the caller got the path (`input 'policy'`): a file that is no policy is named with it. */
  givenAs?: string;
  logger?: Logger;
}

type YamlPath = (string | number)[];

/** Reads, validates and compiles a policy file; any problem is a PolicyError with file:line:column. */
export async function loadPolicy(options: LoadPolicyOptions): Promise<ResolvedPolicy> {
  if (options.text !== undefined) return parsePolicy(options.text, '<inline>', options.logger);
  const path = options.path ?? defaultPolicyPath;
  const absolute = isAbsolute(path) ? path : resolve(options.root, path);
  const shown = displayPath(options.root, absolute);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PolicyError(`no policy file at ${shown}`);
    throw new PolicyError(`cannot read the policy file ${shown} (${code ?? String(error)})`);
  }
  try {
    return parsePolicy(text, shown, options.logger);
  } catch (error) {
    if (!(error instanceof PolicyError && options.givenAs && error.location?.file === shown)) throw error;
    throw new PolicyError(error.problem, error.expected, {
      ...error.location,
      file: `${shown} (${options.givenAs})`,
    });
  }
}

/** A policy made of built-in presets only, for repositories without a policy file. */
export function policyFromPresets(names: string[]): ResolvedPolicy {
  const unknown = names.find((name) => !getPreset(name));
  if (unknown !== undefined) {
    throw new PolicyError(`unknown preset '${unknown}'`, `one of: ${presetNames.join(', ')}`);
  }
  return resolvePolicy({ extends: names }, `<preset:${names.join(',')}>`, () => undefined);
}

/** Validates and compiles policy text; `source` names it in errors. */
export function parsePolicy(text: string, source: string, logger?: Logger): ResolvedPolicy {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const position = syntax.linePos?.[0];
    const what = syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '');
    throw new PolicyError(what, 'valid YAML', {
      file: source,
      ...(position ? { line: position.line, column: position.col } : {}),
    });
  }
  const locate = (path: YamlPath) => locateNode(document, lineCounter, path, source);
  const data: unknown = document.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new PolicyError(
      `the policy is ${Array.isArray(data) ? 'a list' : `a ${typeof data}`}`,
      'a mapping with extends, ignore, overrides and rules',
      locate([]),
    );
  }
  const parsed = policySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const described = describeIssue(issue, data);
    throw new PolicyError(described.problem, described.expected, locate(described.path));
  }
  const policy = resolvePolicy(parsed.data, source, locate);
  if (policy.rules.length === 0) logger?.warning(`${source}: the policy has no rules, so nothing is checked`);
  for (const rule of policy.rules) logger?.debug(`rule ${rule.id} (${rule.kind}, ${rule.severity})`);
  return policy;
}

interface RuleEntry {
  config: RuleConfig;
  /** Where the rule comes from: a preset name, or its index in the policy's rules. */
  origin: string | number;
}

function resolvePolicy(
  config: PolicyConfig,
  source: string,
  locate: (path: YamlPath) => ReturnType<typeof locateNode> | undefined,
): ResolvedPolicy {
  const fail = (path: YamlPath, problem: string, expected?: string): never => {
    throw new PolicyError(problem, expected, locate(path));
  };

  const entries = new Map<string, RuleEntry>();
  const presets = config.extends ?? [];
  for (const [index, name] of presets.entries()) {
    const preset =
      getPreset(name) ??
      fail(['extends', index], `unknown preset '${name}'`, `one of: ${presetNames.join(', ')}`);
    // A rule in a later preset replaces the one of the same id in an earlier preset.
    for (const rule of preset.rules) entries.set(rule.id, { config: rule, origin: name });
  }

  const own = config.rules ?? [];
  own.forEach((rule, index) => {
    const existing = entries.get(rule.id);
    if (existing === undefined) {
      entries.set(rule.id, { config: rule, origin: index });
    } else if (typeof existing.origin === 'number') {
      fail(
        ['rules', index, 'id'],
        `duplicate rule id '${rule.id}' (also rules[${existing.origin}])`,
        'unique rule ids',
      );
    } else {
      fail(
        ['rules', index, 'id'],
        `rule '${rule.id}' is already defined by preset ${existing.origin}`,
        `a new id, or overrides.${rule.id} to change the preset's rule`,
      );
    }
  });

  for (const [id, override] of Object.entries(config.overrides ?? {})) {
    const entry = entries.get(id);
    if (!entry) {
      fail(
        ['overrides', id],
        `no rule '${id}' to override`,
        `one of: ${[...entries.keys()].join(', ') || '(no rules)'}`,
      );
      continue;
    }
    entry.config = {
      ...entry.config,
      ...(override.severity ? { severity: override.severity } : {}),
      ...(override.message ? { message: override.message } : {}),
      ...(override.ignore ? { ignore: [...(entry.config.ignore ?? []), ...override.ignore] } : {}),
    };
  }

  const rules: CompiledRule[] = [];
  const rulesOff: string[] = [];
  for (const { config: rule, origin } of entries.values()) {
    const severity = rule.severity ?? 'error';
    if (severity === 'off') {
      rulesOff.push(rule.id);
      continue;
    }
    try {
      rules.push(compileRule({ config: rule, severity }));
    } catch (error) {
      if (!(error instanceof RuleConfigError) || typeof origin !== 'number') throw error;
      fail(['rules', origin, ...error.path], error.problem, error.expected);
    }
  }

  return {
    source,
    rules,
    ignorePaths: config.ignore?.paths ?? [],
    ...(config.ignore?.baseline ? { baseline: config.ignore.baseline } : {}),
    presets,
    rulesOff,
  };
}

/** The position of the YAML node at `path`, or of its nearest ancestor that exists. */
function locateNode(document: Document, lineCounter: LineCounter, path: YamlPath, file: string) {
  const position = yamlPosition(document, lineCounter, path);
  return { file, line: position?.line ?? 1, column: position?.column ?? 1 };
}

function displayPath(root: string, absolute: string): string {
  const inside = relative(resolve(root), absolute);
  if (inside && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split(sep).join('/');
  return absolute;
}

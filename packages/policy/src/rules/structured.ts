import { parseDocument } from 'yaml';
import type { AssertionConfig, StructuredRuleConfig } from '../config-schema';
import { RuleConfigError } from '../policy-error';
import type { RuleFinding, SourceFile } from '../types';
import { redactUrlUserinfo } from '../url-userinfo';
import { Locator } from './locate';
import { compileRegex } from './regex';
import { parseSize } from './sizes';
import { formatPath, type PathHit, type PathStep, parsePath, resolvePath } from './structured-path';

type Format = 'toml' | 'json' | 'yaml';

interface Assertion {
  text: string;
  steps: PathStep[];
  check: (hits: PathHit[]) => { hit?: PathHit; message: string }[];
}

/** A structured rule: parses TOML, JSON or YAML and checks each assertion's path. */
export function structuredChecker(
  config: StructuredRuleConfig,
): (file: SourceFile) => Promise<RuleFinding[]> {
  const flags = config['case-sensitive'] ? '' : 'i';
  const quiet = config.message !== undefined;
  const assertions = config.assert.map((assertion, index) =>
    compileAssertion(assertion, flags, ['assert', index], quiet),
  );
  return async (file) => {
    const format = config.format ?? formatOf(file.path);
    if (!format) {
      return [
        {
          message: `cannot tell the format of ${file.path}; set the rule's format (toml, json or yaml)`,
          line: 1,
          column: 1,
        },
      ];
    }
    const parsed = await parse(file.content, format);
    if ('error' in parsed) {
      return [
        {
          message: `${file.path} is not valid ${format.toUpperCase()} (${parsed.error}), so it cannot be checked`,
          line: parsed.line ?? 1,
          column: parsed.column ?? 1,
        },
      ];
    }
    const findings: RuleFinding[] = [];
    let locator: Locator | undefined;
    for (const assertion of assertions) {
      const results = assertion.check(resolvePath(parsed.value, assertion.steps));
      for (const result of results) {
        locator ??= new Locator(file.content);
        const where = result.hit
          ? locateKeys(file.content, locator, result.hit.path)
          : { line: 1, column: 1 };
        findings.push({
          message: result.message,
          ...where,
          match: result.hit
            ? `${formatPath(result.hit.path)}=${show(result.hit.value)}`
            : `missing:${assertion.text}`,
        });
      }
    }
    return findings;
  };
}

function compileAssertion(
  config: AssertionConfig,
  flags: string,
  where: (string | number)[],
  quiet: boolean,
): Assertion {
  const text = config.path;
  const steps = parsePath(text, [...where, 'path']);
  const each = (fails: (value: unknown) => string | undefined) => (hits: PathHit[]) =>
    hits.flatMap((hit) => {
      const problem = fails(hit.value);
      return problem ? [{ hit, message: `${formatPath(hit.path)} is ${show(hit.value)}; ${problem}` }] : [];
    });
  const missing = (expected: string) => [{ message: `${text} is missing; ${expected}` }];

  if (config.absent) {
    return { text, steps, check: each(() => 'it must be absent') };
  }
  if (config.present) {
    return { text, steps, check: (hits) => (hits.length === 0 ? missing('it must be present') : []) };
  }
  if (config.equals !== undefined) {
    const expected = config.equals;
    const equalCheck = each((value) =>
      deepEqual(value, expected) ? undefined : `expected ${show(expected)}`,
    );
    return {
      text,
      steps,
      check: (hits) => (hits.length === 0 ? missing(`expected ${show(expected)}`) : equalCheck(hits)),
    };
  }
  if (config['one-of'] !== undefined) {
    const allowed = config['one-of'];
    return {
      text,
      steps,
      check: each((value) =>
        allowed.some((candidate) => deepEqual(value, candidate))
          ? undefined
          : `expected one of ${allowed.map(show).join(', ')}`,
      ),
    };
  }
  if (config.matches !== undefined || config['not-matches'] !== undefined) {
    const negate = config.matches === undefined;
    const source = (config.matches ?? config['not-matches'])!;
    const regex = compileRegex(source, flags, [...where, negate ? 'not-matches' : 'matches']);
    return {
      text,
      steps,
      check: each((value) => {
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          return `expected a string to match against /${source}/`;
        }
        const matched = regex.test(String(value));
        // With a rule message the finding says why; the regex would only be noise.
        if (negate && matched)
          return quiet ? 'it matches a forbidden pattern' : `it must not match /${source}/`;
        if (!negate && !matched) return `it must match /${source}/`;
        return undefined;
      }),
    };
  }
  const isMin = config.min !== undefined;
  const boundValue = (isMin ? config.min : config.max)!;
  const limit = parseSize(boundValue);
  if (limit === undefined) {
    throw new RuleConfigError(
      [...where, isMin ? 'min' : 'max'],
      `invalid bound ${show(boundValue)}`,
      'a number or a size such as 512mb',
    );
  }
  return {
    text,
    steps,
    check: each((value) => {
      const amount = parseSize(value);
      if (amount === undefined)
        return `expected a number or a size ${isMin ? 'of at least' : 'of at most'} ${show(boundValue)}`;
      if (isMin ? amount < limit : amount > limit) {
        return `it must be ${isMin ? 'at least' : 'at most'} ${show(boundValue)}${typeof boundValue === 'string' || typeof value === 'string' ? ` (${trim(amount)} MB ${isMin ? '<' : '>'} ${trim(limit)} MB)` : ''}`;
      }
      return undefined;
    }),
  };
}

function formatOf(path: string): Format | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.toml')) return 'toml';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'yaml';
  return undefined;
}

type Parsed = { value: unknown } | { error: string; line?: number; column?: number };

async function parse(content: string, format: Format): Promise<Parsed> {
  if (format === 'json') {
    try {
      return { value: JSON.parse(content) };
    } catch (error) {
      return { error: firstLine(error), ...jsonErrorPosition(content, error) };
    }
  }
  if (format === 'toml') {
    // Loaded when a TOML file is first checked: most scans never read one.
    const { parse: parseToml } = await import('smol-toml');
    try {
      return { value: parseToml(content) };
    } catch (error) {
      const { line, column } = error as { line?: number; column?: number };
      return { error: firstLine(error), ...(line ? { line } : {}), ...(column ? { column } : {}) };
    }
  }
  const document = parseDocument(content);
  const failure = document.errors[0];
  if (failure) {
    const position = failure.linePos?.[0];
    return {
      error: failure.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      ...(position ? { line: position.line, column: position.col } : {}),
    };
  }
  return { value: document.toJS() };
}

function jsonErrorPosition(content: string, error: unknown): { line?: number; column?: number } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (position) return new Locator(content).position(Number(position[1]));
  return {};
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds a concrete path's last key in the text by searching each key after the previous one (the (n+1)th
 * `[[vm]]` for vm[n]); good enough for the config files rules look at. Falls back to where the search stopped.
 */
function locateKeys(
  content: string,
  locator: Locator,
  path: readonly (string | number)[],
): { line: number; column: number } {
  let cursor = 0;
  let found = -1;
  let previous: RegExp | undefined;
  // Items of an inline or block list (JSON, YAML) do not repeat their list's key: skip as many occurrences
  // of the next key instead.
  let skip = 0;
  const next = (key: RegExp, times: number): boolean => {
    for (let count = 0; count < times; count++) {
      key.lastIndex = cursor;
      const match = key.exec(content);
      if (!match) return false;
      found = match.index + match[0].indexOf(match[1]!);
      cursor = key.lastIndex;
    }
    return true;
  };
  for (const step of path) {
    if (typeof step === 'number') {
      const start = cursor;
      const before = found;
      if (step > 0 && !(previous && next(previous, step))) {
        cursor = start;
        found = before;
        skip = step;
      }
      continue;
    }
    const key = new RegExp(`(?:^|[\\s{,\\[.])(["']?${escapeRegex(step)}["']?)\\s*(?:[:=\\].])`, 'gm');
    const start = cursor;
    const before = found;
    if (!next(key, 1 + skip)) {
      cursor = start;
      found = before;
      break;
    }
    skip = 0;
    previous = key;
  }
  return found === -1 ? { line: 1, column: 1 } : locator.position(found);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date) return b instanceof Date ? a.getTime() === b.getTime() : a.toISOString() === b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** A value as the message shows it: JSON, URL credentials removed before it is shortened. */
function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = redactUrlUserinfo(typeof value === 'bigint' ? value.toString() : JSON.stringify(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function trim(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

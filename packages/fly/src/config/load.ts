import { ConfigError, formatPath } from '@shipgate/kit/config';
import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { locateToml, type TomlLocations, type TomlPath } from './locate';
import { type AppConfig, flyTomlSchema } from './schema';

export interface LoadedFlyToml {
  config: AppConfig;
  /** One line per key that is not deployed: `fly.toml:12: unknown key 'http_service.foo'; it is not deployed`. */
  warnings: string[];
}

/**
 * Parses and validates fly.toml. `source` names the text in messages (usually its path). A syntax error or a
 * wrong type throws `ConfigError` as `<source>:<line>:<column>: <key path>: <problem>`; keys shipgate does not
 * know are returned as warnings, since a typo there would otherwise be a setting that silently never applies.
 */
export function loadFlyToml(text: string, source: string): LoadedFlyToml {
  let raw: Record<string, unknown>;
  try {
    raw = parse(text);
  } catch (thrown) {
    if (!(thrown instanceof TomlError)) throw thrown;
    const what = thrown.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
    throw located(source, thrown.line, thrown.column, `invalid TOML: ${what}`);
  }
  const locations = locateToml(text);
  const warnings: Array<{ line: number | undefined; text: string }> = [];
  let data: unknown = raw;
  // Strict objects report every unknown key at once; drop them and validate again until none are left.
  for (;;) {
    const result = flyTomlSchema.safeParse(data);
    const unknownKeys = result.success ? [] : result.error.issues.filter(isUnknownKeys);
    const otherIssue = result.success
      ? undefined
      : result.error.issues.find((issue) => !isUnknownKeys(issue));
    if (otherIssue) throw typeError(otherIssue, raw, locations, source);
    if (result.success) {
      return { config: result.data, warnings: warnings.sort(byLine).map((warning) => warning.text) };
    }
    if (data === raw) data = structuredClone(raw);
    let removed = 0;
    for (const issue of unknownKeys) {
      const tablePath = rawPath(data, pathOf(issue));
      for (const key of issue.keys) {
        const keyPath = [...tablePath, key];
        const line = locations.key(keyPath)?.line;
        const where = line === undefined ? source : `${source}:${line}`;
        warnings.push({ line, text: `${where}: unknown key '${formatPath(keyPath)}'; it is not deployed` });
        const table = valueAt(data, tablePath);
        if (table && typeof table === 'object' && key in table) {
          delete (table as Record<string, unknown>)[key];
          removed++;
        }
      }
    }
    if (removed === 0) throw typeError(unknownKeys[0]!, raw, locations, source);
  }
}

function byLine(a: { line?: number }, b: { line?: number }) {
  return (a.line ?? 0) - (b.line ?? 0);
}

type UnknownKeysIssue = Extract<z.core.$ZodIssue, { code: 'unrecognized_keys' }>;

function isUnknownKeys(issue: z.core.$ZodIssue): issue is UnknownKeysIssue {
  return issue.code === 'unrecognized_keys';
}

function pathOf(issue: z.core.$ZodIssue): Array<string | number> {
  return issue.path.filter((step): step is string | number => typeof step !== 'symbol');
}

function typeError(issue: z.core.$ZodIssue, raw: unknown, locations: TomlLocations, source: string) {
  const path = rawPath(raw, pathOf(issue));
  const position = locations.nearest(path);
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  const problem = path.length > 0 && valueAt(raw, path) === undefined ? missingKey(issue) : issue.message;
  return located(source, position?.line, position?.column, `${where}${problem}`);
}

function missingKey(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `required, expected ${issue.expected}`;
  if (issue.code === 'invalid_value')
    return `required, one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return `required; ${issue.message}`;
}

/**
 * The path as written in the file. The schema reads a single `[metrics]` table as a one-item list, so its
 * paths say `metrics[0].port` where the file has `metrics.port`: indexes into values that are not lists go.
 */
function rawPath(raw: unknown, path: TomlPath): Array<string | number> {
  const written: Array<string | number> = [];
  let value = raw;
  for (const step of path) {
    if (typeof step === 'number' && !Array.isArray(value)) continue;
    written.push(step);
    value =
      value && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined;
  }
  return written;
}

function valueAt(raw: unknown, path: TomlPath): unknown {
  let value = raw;
  for (const step of path) {
    value =
      value && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined;
  }
  return value;
}

function located(source: string, line: number | undefined, column: number | undefined, problem: string) {
  const prefix = line === undefined ? source : `${source}:${line}:${column ?? 1}`;
  return new ConfigError(`${prefix}: ${problem}`.replace(/\s*\r?\n\s*/g, ' '), source, line, column);
}

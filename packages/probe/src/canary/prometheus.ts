// Prometheus as a second source of the canary analysis: PromQL checks with thresholds, written as Argo
// Rollouts and Flagger users write them, rendered for one step's machines, run against the HTTP query API,
// and turned into a verdict the step's probe verdict is combined with.
import { InputError } from '@shipgate/kit';
import { isMap, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { PrometheusError, type PrometheusQueryOptions, queryPrometheus } from './prometheus-api';

export const prometheusTemplateNames = ['app', 'canary', 'baseline', 'interval'] as const;
export type PrometheusTemplateName = (typeof prometheusTemplateNames)[number];

const templatePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

const checkSchema = z
  .strictObject({
    name: z
      .string({ error: 'name must be a string' })
      .trim()
      .min(1, 'name must not be empty')
      .regex(/^[^\r\n]*$/, 'name must be one line'),
    query: z.string({ error: 'query must be a string (PromQL)' }).trim().min(1, 'query must not be empty'),
    max: z.number({ error: 'max must be a number' }).finite('max must be finite').optional(),
    min: z.number({ error: 'min must be a number' }).finite('min must be finite').optional(),
  })
  .superRefine((check, context) => {
    if (check.max === undefined && check.min === undefined) {
      context.addIssue({ code: 'custom', message: 'needs max or min' });
    }
    if (check.max !== undefined && check.min !== undefined && check.min > check.max) {
      context.addIssue({ code: 'custom', message: `min ${check.min} is above max ${check.max}` });
    }
    const unknown = unknownTemplateNames(check.query);
    if (unknown.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['query'],
        message: `unknown template variable ${unknown.map((name) => `{{${name}}}`).join(', ')} (known: ${knownList()})`,
      });
    }
  });

/** One check: a PromQL query whose every series must lie within [min, max]. */
export type PrometheusCheck = z.output<typeof checkSchema>;
export const prometheusCheckSchema = checkSchema;

/**
 * Reads the checks of the `prometheus-queries` input (YAML: a list of `{name, query, max?, min?}`).
 * Throws an `InputError` of one line naming the entry: `prometheus-queries[1] (error-rate): needs max or min`.
 */
export function parsePrometheusChecks(text: string, input = 'prometheus-queries'): PrometheusCheck[] {
  const fail = (message: string) => new InputError(input, message.replace(/\s*\r?\n\s*/g, ' '));
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    throw fail(`${input}: invalid YAML: ${syntaxError.message.split('\n')[0] ?? 'unreadable'}`);
  }
  const list = document.contents;
  if (!isSeq(list)) {
    throw fail(`${input}: expected a YAML list of checks, each with name, query and max and/or min`);
  }
  const entries: unknown[] = document.toJS() ?? [];
  if (entries.length === 0) throw fail(`${input}: the list has no check`);
  const checks: PrometheusCheck[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    // The entry's name, when it has one, even if the entry is wrong elsewhere: people find it by name.
    const node = list.items[index];
    const givenName =
      isMap(node) && typeof node.get('name') === 'string' ? String(node.get('name')).trim() : '';
    const where = `${input}[${index}]${givenName ? ` (${givenName})` : ''}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw fail(`${where}: expected a mapping with name, query and max and/or min`);
    }
    const parsed = checkSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (allowed: name, query, max, min)`
          : issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0]))
            ? `${issue.path.join('.')}: ${issue.message}`
            : issue.message;
      throw fail(`${where}: ${message}`);
    }
    const earlier = seen.get(parsed.data.name);
    if (earlier !== undefined) throw fail(`${where}: the name is already used by ${input}[${earlier}]`);
    seen.set(parsed.data.name, index);
    checks.push(parsed.data);
  });
  return checks;
}

/** What the templates of a query stand for at one step. */
export interface PrometheusTemplateVars {
  /** `{{app}}`: the Fly app's name. */
  app: string;
  /** `{{canary}}` and `{{baseline}}`: machine ids, rendered as one regex `id1|id2`. */
  canary: readonly string[];
  baseline: readonly string[];
  /** `{{interval}}`: the bake, rendered as a PromQL duration (`30s`, `5m`). */
  intervalMs: number;
}

/** The query with its `{{…}}` replaced; an unknown name, or a side without machines, throws. */
export function renderPrometheusQuery(query: string, vars: PrometheusTemplateVars): string {
  const unknown = unknownTemplateNames(query);
  if (unknown.length > 0) {
    throw new Error(`unknown template variable {{${unknown[0]}}} (known: ${knownList()})`);
  }
  return query.replace(templatePattern, (_, name: PrometheusTemplateName) => {
    switch (name) {
      case 'app':
        return stringSafe(vars.app, 'the app name');
      case 'canary':
      case 'baseline':
        return machineRegex(vars[name], name);
      case 'interval':
        return promqlDuration(vars.intervalMs);
    }
  });
}

/** A PromQL range duration covering `ms`: whole seconds, rounded up, in minutes or hours when exact. */
export function promqlDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new RangeError(`{{interval}} needs a bake above 0 ms, got ${ms}`);
  const seconds = Math.ceil(ms / 1000);
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function unknownTemplateNames(query: string): string[] {
  const names = [...query.matchAll(templatePattern)].map((match) => match[1]!);
  return [...new Set(names.filter((name) => !(prometheusTemplateNames as readonly string[]).includes(name)))];
}

function knownList(): string {
  return prometheusTemplateNames.map((name) => `{{${name}}}`).join(', ');
}

/**
 * `id1|id2`, each character that is not a letter, digit, `_` or `-` put in a bracket class (`a[.]b`): that
 * escapes it for RE2 without a backslash, so the regex reads the same inside "…", '…' or `…` PromQL strings.
 */
function machineRegex(ids: readonly string[], side: 'canary' | 'baseline'): string {
  if (ids.length === 0) {
    // `instance=~""` would match every series without an instance label, not "no machine".
    throw new Error(`{{${side}}} stands for no machine: this step has no ${side} machines`);
  }
  return ids
    .map((id) => {
      if (id === '' || /[\\\]^"'`\r\n]/.test(id)) {
        throw new Error(`machine id ${JSON.stringify(id)} cannot be put in a PromQL regex`);
      }
      return id.replace(/[^A-Za-z0-9_-]/g, (character) => `[${character}]`);
    })
    .join('|');
}

function stringSafe(value: string, what: string): string {
  if (/[\\"'`\r\n]/.test(value)) throw new Error(`${what} ${JSON.stringify(value)} cannot be put in PromQL`);
  return value;
}

export interface PrometheusCheckResult {
  name: string;
  /** The query as sent, templates rendered. */
  query: string;
  /** Each series' value (NaN series left out: they measured nothing). */
  values: number[];
  min?: number;
  max?: number;
  outcome: 'pass' | 'fail' | 'no-data';
  /** A plain sentence with the numbers: `error-rate = 0.031 is above max 0.01`. */
  reason: string;
  /** Prometheus's warnings about the query, when it sent any. */
  warnings?: string[];
}

export interface PrometheusEvaluateOptions
  extends Pick<PrometheusQueryOptions, 'url' | 'token' | 'time' | 'timeoutMs' | 'attempts' | 'retryDelayMs'> {
  vars: PrometheusTemplateVars;
  signal?: AbortSignal | undefined;
}

/**
 * Runs each check once, in order. A query Prometheus refuses, or that gets no answer after retries, throws
 * a `PrometheusError` naming the check: the caller should treat that as an abort, not as a pass.
 */
export async function evaluatePrometheusChecks(
  checks: readonly PrometheusCheck[],
  options: PrometheusEvaluateOptions,
): Promise<PrometheusCheckResult[]> {
  const results: PrometheusCheckResult[] = [];
  for (const check of checks) {
    let query: string;
    try {
      query = renderPrometheusQuery(check.query, options.vars);
    } catch (error) {
      throw new PrometheusError(`${check.name}: ${(error as Error).message}`, 0);
    }
    let answer: Awaited<ReturnType<typeof queryPrometheus>>;
    try {
      answer = await queryPrometheus({ ...options, query });
    } catch (error) {
      if (!(error instanceof PrometheusError)) throw error;
      throw new PrometheusError(`${check.name}: ${error.message}`, error.status, error.errorType);
    }
    results.push({
      ...judge(check, answer.series),
      query,
      ...(answer.warnings.length > 0 ? { warnings: answer.warnings } : {}),
    });
  }
  return results;
}

function judge(
  check: PrometheusCheck,
  series: ReadonlyArray<{ labels: Record<string, string>; value: number }>,
): Omit<PrometheusCheckResult, 'query'> {
  const bounds = {
    ...(check.min !== undefined ? { min: check.min } : {}),
    ...(check.max !== undefined ? { max: check.max } : {}),
  };
  const measured = series.filter((each) => !Number.isNaN(each.value));
  const values = measured.map((each) => each.value);
  const base = { name: check.name, values, ...bounds };
  if (measured.length === 0) {
    const reason =
      series.length === 0
        ? `${check.name} returned no data (no series matched)`
        : `${check.name} returned only NaN (${series.length} series): nothing was measured in the interval`;
    return { ...base, outcome: 'no-data', reason };
  }
  const several = measured.length > 1;
  const label = (labels: Record<string, string>) => (several ? ` for ${formatLabels(labels)}` : '');
  // The reason names the worst series: the highest above max, else the lowest below min.
  const highest = measured.reduce((top, each) => (each.value > top.value ? each : top));
  const lowest = measured.reduce((bottom, each) => (each.value < bottom.value ? each : bottom));
  const outside = several ? ` (${measured.length} series measured)` : '';
  if (check.max !== undefined && highest.value > check.max) {
    const value = `${check.name} = ${formatValue(highest.value)}${label(highest.labels)}`;
    return { ...base, outcome: 'fail', reason: `${value} is above max ${check.max}${outside}` };
  }
  if (check.min !== undefined && lowest.value < check.min) {
    const value = `${check.name} = ${formatValue(lowest.value)}${label(lowest.labels)}`;
    return { ...base, outcome: 'fail', reason: `${value} is below min ${check.min}${outside}` };
  }
  const range =
    check.min !== undefined && check.max !== undefined
      ? `between min ${check.min} and max ${check.max}`
      : check.max !== undefined
        ? `within max ${check.max}`
        : `at least min ${check.min}`;
  const shown = several
    ? `${check.name}: ${measured.length} series from ${formatValue(lowest.value)} to ${formatValue(highest.value)}, all`
    : `${check.name} = ${formatValue(values[0]!)} is`;
  return { ...base, outcome: 'pass', reason: `${shown} ${range}` };
}

function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.entries(labels)
    .filter(([name]) => name !== '__name__')
    .map(([name, value]) => `${name}="${value}"`);
  return `{${pairs.join(', ')}}`;
}

/** Three significant digits below 1, three decimals above: 0.0312, 12.5, 1234.568; ±Inf as Prometheus writes it. */
function formatValue(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(Math.abs(value) < 1 ? Number(value.toPrecision(3)) : Number(value.toFixed(3)));
}

export interface PrometheusVerdict {
  decision: 'continue' | 'abort' | 'extend';
  reasons: string[];
}

/**
 * The checks' say on a step: any fail aborts; else any no-data extends the bake while `extensionsUsed`
 * (extensions of this step so far) is below `maxExtensions`, then aborts; else continue.
 */
export function prometheusVerdict(
  results: readonly PrometheusCheckResult[],
  extensionsUsed: number,
  maxExtensions: number,
): PrometheusVerdict {
  const failed = results.filter((result) => result.outcome === 'fail');
  if (failed.length > 0) return { decision: 'abort', reasons: failed.map((result) => result.reason) };
  const empty = results.filter((result) => result.outcome === 'no-data');
  if (empty.length > 0) {
    const reasons = empty.map((result) => result.reason);
    if (extensionsUsed < maxExtensions) {
      return {
        decision: 'extend',
        reasons: [`no data to decide, extension ${extensionsUsed + 1} of ${maxExtensions}`, ...reasons],
      };
    }
    const after = `${extensionsUsed} extension${extensionsUsed === 1 ? '' : 's'}`;
    return { decision: 'abort', reasons: [`still no data to decide after ${after}`, ...reasons] };
  }
  return { decision: 'continue', reasons: results.map((result) => result.reason) };
}

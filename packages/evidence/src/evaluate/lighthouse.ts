// Lighthouse evidence: runs grouped by page, the representative (median) run chosen the way Lighthouse
// and LHCI choose it, and limits written either as shipgate thresholds or as Lighthouse CI assertions.
import {
  type AggregationMethod,
  type LhciAssertion,
  type LighthousePageRules,
  lighthouseMetrics,
  type MetricName,
  type Thresholds,
} from '../thresholds';
import type { LighthouseAudit, LighthouseReport } from '../types';
import { compare, type GateCheck } from './check';

export interface LighthouseRun {
  path: string;
  report: LighthouseReport;
}

export interface LighthousePage {
  url: string;
  runs: number;
  /** The file of the representative run. */
  medianRun: string;
  lighthouseVersion: string;
  /** Category scores (0–1) and metric values of the representative run. */
  categories: Record<string, number | null>;
  metrics: Partial<Record<MetricName, number>>;
}

export interface LighthouseEvaluation {
  pages: LighthousePage[];
  checks: GateCheck[];
}

export function evaluateLighthouse(
  runs: ReadonlyArray<LighthouseRun>,
  rules: Thresholds['lighthouse'],
): LighthouseEvaluation {
  const byPage = new Map<string, LighthouseRun[]>();
  for (const run of runs) {
    const url = run.report.requestedUrl || run.report.finalUrl;
    byPage.set(url, [...(byPage.get(url) ?? []), run]);
  }
  const pages: LighthousePage[] = [];
  const checks: GateCheck[] = [];
  const matchedUrlKeys = new Set<string>();

  for (const [url, pageRuns] of byPage) {
    const median = medianRun(pageRuns);
    const metrics: LighthousePage['metrics'] = {};
    for (const [name, { audit }] of Object.entries(lighthouseMetrics) as [MetricName, { audit: string }][]) {
      const value = median.report.audits[audit]?.numericValue;
      if (value !== undefined) metrics[name] = value;
    }
    pages.push({
      url,
      runs: pageRuns.length,
      medianRun: median.path,
      lighthouseVersion: median.report.lighthouseVersion,
      categories: median.report.categories,
      metrics,
    });

    const pageRules: LighthousePageRules[] = [rules];
    for (const [key, urlRules] of Object.entries(rules.urls)) {
      if (!urlMatches(key, pageRuns[0]!.report)) continue;
      matchedUrlKeys.add(key);
      pageRules.push(urlRules);
    }
    const context: PageContext = { url, runs: pageRuns, median, aggregation: rules.aggregation };
    const categories = Object.assign({}, ...pageRules.map((page) => page.categories ?? {})) as Record<
      string,
      number
    >;
    for (const [category, limit] of Object.entries(categories)) {
      checks.push(
        assertionCheck(context, `categories:${category}`, 'error', { minScore: limit }, 'category'),
      );
    }
    const metricLimits = Object.assign({}, ...pageRules.map((page) => page.metrics ?? {})) as Partial<
      Record<MetricName, number>
    >;
    for (const [name, limit] of Object.entries(metricLimits) as [MetricName, number][]) {
      checks.push(metricCheck(context, name, limit));
    }
    const assertions: Record<string, { assertion: LhciAssertion; aggregation?: AggregationMethod }> = {};
    for (const page of pageRules) {
      for (const [key, assertion] of Object.entries(page.assertions ?? {})) assertions[key] = { assertion };
    }
    for (const entry of rules.assertMatrix) {
      if (entry.matchingUrlPattern && !new RegExp(entry.matchingUrlPattern).test(median.report.finalUrl))
        continue;
      for (const [key, assertion] of Object.entries(entry.assertions ?? {})) {
        assertions[key] = {
          assertion,
          ...(entry.aggregationMethod ? { aggregation: entry.aggregationMethod } : {}),
        };
      }
    }
    for (const [key, { assertion, aggregation }] of Object.entries(assertions)) {
      const [level, options] = typeof assertion === 'string' ? [assertion, {}] : assertion;
      if (level === 'off') continue;
      checks.push(
        ...lhciAssertionChecks(
          { ...context, aggregation: aggregation ?? context.aggregation },
          key,
          level,
          options,
        ),
      );
    }
  }

  // A limit for a page no run measured would pass by absence: it fails instead.
  for (const key of Object.keys(rules.urls)) {
    if (matchedUrlKeys.has(key)) continue;
    checks.push({
      kind: 'lighthouse',
      subject: key,
      rule: 'ran',
      actual: null,
      operator: '>=',
      limit: 1,
      shown: { actual: 'no run', limit: 'a run' },
      level: 'error',
      passed: false,
      note: `no Lighthouse result is for ${key} (pages seen: ${[...byPage.keys()].join(', ') || 'none'})`,
    });
  }
  return { pages, checks };
}

interface PageContext {
  url: string;
  runs: LighthouseRun[];
  median: LighthouseRun;
  aggregation: AggregationMethod;
}

/** A path (`/checkout`) matches that path on any origin; anything with a scheme must match exactly. */
export function urlMatches(key: string, report: LighthouseReport): boolean {
  const candidates = [report.requestedUrl, report.finalUrl].filter(Boolean);
  if (key.includes('://')) return candidates.some((url) => trimSlash(url) === trimSlash(key));
  return candidates.some((url) => {
    try {
      return trimSlash(new URL(url).pathname) === trimSlash(key);
    } catch {
      return false;
    }
  });
}

function trimSlash(text: string): string {
  return text.length > 1 && text.endsWith('/') ? text.slice(0, -1) : text;
}

/**
 * The representative run: closest to the median first contentful paint and median time to interactive,
 * ties to the faster interactive — Lighthouse's own rule (its median-run module, also used by LHCI).
 * Runs that lack either metric are not candidates; with no candidate, the first run stands.
 */
export function medianRun<T extends { report: LighthouseReport }>(runs: ReadonlyArray<T>): T {
  const fcp = (run: T) => run.report.audits['first-contentful-paint']?.numericValue;
  const tti = (run: T) =>
    run.report.audits.interactive?.numericValue ??
    run.report.audits['largest-contentful-paint']?.numericValue;
  const valid = runs.filter(
    (run) => Number.isFinite(fcp(run)) && Number.isFinite(tti(run)) && !run.report.runtimeError,
  );
  if (valid.length === 0) return runs[0]!;
  if (valid.length === 1) return valid[0]!;
  const medianFcp = median(valid.map((run) => fcp(run)!));
  const medianTti = median(valid.map((run) => tti(run)!));
  const distance = (run: T) => (medianFcp - fcp(run)!) ** 2 + (medianTti - tti(run)!) ** 2;
  return [...valid].sort((a, b) => distance(a) - distance(b) || tti(a)! - tti(b)!)[0]!;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor((sorted.length - 1) / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle]! + sorted[middle + 1]!) / 2;
}

function metricCheck(context: PageContext, name: MetricName, limit: number): GateCheck {
  const { audit, label, unit } = lighthouseMetrics[name];
  const check = assertionCheck(context, audit, 'error', { maxNumericValue: limit }, 'metric');
  const show = (value: number | null) =>
    value === null ? 'no value' : unit === 'ms' ? formatMs(value) : value.toFixed(3);
  return {
    ...check,
    rule: name,
    shown: { actual: show(check.actual), limit: show(limit) },
    note: `${label}${check.note ? `; ${check.note}` : ''}`,
  };
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

type AssertionType = 'minScore' | 'maxNumericValue' | 'maxLength';

/** Lighthouse CI's semantics: with no option the audit must score at least 0.9. */
function lhciAssertionChecks(
  context: PageContext,
  key: string,
  level: 'warn' | 'error',
  options: { minScore?: number; maxNumericValue?: number; maxLength?: number },
): GateCheck[] {
  const [auditId = '', ...property] = key.split(/[.:]/).filter(Boolean);
  if (property.length > 0 && auditId !== 'categories') {
    return [
      {
        ...unmeasured(context, key, level),
        note: `'${key}' (resource-summary, user-timings and budget assertions) is not supported; check it with lhci assert`,
      },
    ];
  }
  const checks: GateCheck[] = [];
  if (options.maxLength !== undefined)
    checks.push(assertionCheck(context, key, level, { maxLength: options.maxLength }));
  if (options.maxNumericValue !== undefined) {
    checks.push(assertionCheck(context, key, level, { maxNumericValue: options.maxNumericValue }));
  }
  const minScore =
    options.minScore ??
    (options.maxLength === undefined && options.maxNumericValue === undefined ? 0.9 : undefined);
  if (minScore !== undefined) checks.push(assertionCheck(context, key, level, { minScore }));
  return checks;
}

function unmeasured(context: PageContext, rule: string, level: 'warn' | 'error'): GateCheck {
  return {
    kind: 'lighthouse',
    subject: context.url,
    rule,
    actual: null,
    operator: '>=',
    limit: 0,
    shown: { actual: 'no value', limit: '' },
    level,
    passed: false,
  };
}

/** One assertion over every run of a page, aggregated as asked. */
function assertionCheck(
  context: PageContext,
  key: string,
  level: 'warn' | 'error',
  option: Partial<Record<AssertionType, number>>,
  label?: 'category' | 'metric',
): GateCheck {
  const type = Object.keys(option)[0] as AssertionType;
  const limit = option[type]!;
  const operator = type === 'minScore' ? '>=' : '<=';
  const [auditId = '', category] = key.split(/[.:]/).filter(Boolean);
  const read = (run: LighthouseRun): number | undefined => {
    if (auditId === 'categories') {
      const score = run.report.categories[category ?? ''];
      return typeof score === 'number' ? score : undefined;
    }
    const audit = run.report.audits[auditId];
    return audit ? auditValue(audit, type) : undefined;
  };
  const present = (run: LighthouseRun) =>
    auditId === 'categories'
      ? category !== undefined && category in run.report.categories
      : auditId in run.report.audits;
  const base = unmeasured(context, key, level);
  const shownLimit = type === 'minScore' ? limit.toFixed(2) : String(limit);
  if (!context.runs.every(present)) {
    const what = auditId === 'categories' ? `category '${category}'` : `audit '${auditId}'`;
    return {
      ...base,
      operator,
      limit,
      shown: { actual: 'not in report', limit: shownLimit },
      note: `${what} is not in every run`,
    };
  }
  const aggregation = context.aggregation;
  let actual: number | null;
  let how: string;
  if (aggregation === 'median-run') {
    actual = read(context.median) ?? null;
    how = context.runs.length > 1 ? `median of ${context.runs.length} runs` : '1 run';
  } else {
    const values = context.runs.map(read);
    const finite = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
    if (finite.length === 0 || (aggregation === 'pessimistic' && finite.length !== values.length))
      actual = null;
    else if (aggregation === 'median') actual = median(finite);
    else {
      const useMin = (aggregation === 'optimistic') === (type !== 'minScore');
      actual = useMin ? Math.min(...finite) : Math.max(...finite);
    }
    how = `${aggregation} of ${context.runs.length} run${context.runs.length === 1 ? '' : 's'}`;
  }
  const shownActual =
    actual === null
      ? 'no value'
      : type === 'minScore'
        ? actual.toFixed(2)
        : String(Math.round(actual * 1000) / 1000);
  return {
    ...base,
    rule: label === 'category' ? key : type === 'minScore' ? key : `${key} ${type}`,
    actual,
    operator,
    limit,
    shown: { actual: shownActual, limit: shownLimit },
    passed: compare(actual, operator, limit),
    note: actual === null ? 'the audit produced no value' : how,
  };
}

function auditValue(audit: LighthouseAudit, type: AssertionType): number | undefined {
  if (type === 'maxNumericValue') return audit.numericValue;
  if (type === 'maxLength') return audit.items ?? 0;
  if (typeof audit.score === 'number') return audit.score;
  if (audit.scoreDisplayMode === 'notApplicable') return 1;
  if (audit.scoreDisplayMode === 'informative') return 0;
  return undefined;
}

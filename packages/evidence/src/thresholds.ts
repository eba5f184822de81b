// What the evidence must show. One YAML document (a file or an inline input), optionally plus the
// assertions of a Lighthouse CI configuration, validated once into `Thresholds`.
import { z } from 'zod';
import { parseDuration } from './durations';
import type { EvidenceKind } from './types';

export const evidenceKinds = ['tests', 'coverage', 'lighthouse'] as const satisfies readonly EvidenceKind[];

const percentString = /^(\d+(?:\.\d+)?)\s*%$/;

/** 0–1, or a percentage written as such ("90%"): the form Lighthouse scores and shares take. */
const fraction = z.union(
  [
    z.number().min(0).max(1),
    z
      .string()
      .regex(percentString)
      .transform((text) => Number(percentString.exec(text)![1]) / 100)
      .pipe(z.number().max(1)),
  ],
  { error: 'expected a number from 0 to 1 or a percentage such as 90%' },
);

/** 0–100 as istanbul reports coverage, or "80%". */
const percent = z.union(
  [
    z.number().min(0).max(100),
    z
      .string()
      .regex(percentString)
      .transform((text) => Number(percentString.exec(text)![1]))
      .pipe(z.number().max(100)),
  ],
  { error: 'expected a percentage from 0 to 100, such as 80 or 80%' },
);

const count = z.number().int().min(0);

const testRules = z.strictObject({
  'max-failed': count.optional(),
  'min-passed': count.optional(),
  'max-skipped': count.optional(),
  'max-skipped-share': fraction.optional(),
  'allow-flaky': z.boolean().optional(),
  'max-flaky': count.optional(),
});

const coverageRules = z.strictObject({
  lines: percent.optional(),
  statements: percent.optional(),
  functions: percent.optional(),
  branches: percent.optional(),
});

/** Short metric names and the Lighthouse audits they read. */
export const lighthouseMetrics = {
  lcp: { audit: 'largest-contentful-paint', label: 'LCP', unit: 'ms' },
  fcp: { audit: 'first-contentful-paint', label: 'FCP', unit: 'ms' },
  cls: { audit: 'cumulative-layout-shift', label: 'CLS', unit: '' },
  tbt: { audit: 'total-blocking-time', label: 'TBT', unit: 'ms' },
  'speed-index': { audit: 'speed-index', label: 'Speed Index', unit: 'ms' },
  tti: { audit: 'interactive', label: 'TTI', unit: 'ms' },
} as const;
export type MetricName = keyof typeof lighthouseMetrics;

export const aggregationMethods = ['median-run', 'median', 'optimistic', 'pessimistic'] as const;
export type AggregationMethod = (typeof aggregationMethods)[number];

const assertionLevel = z.enum(['off', 'warn', 'error']);
const assertionOptions = z.strictObject({
  minScore: z.number().min(0).max(1).optional(),
  maxNumericValue: z.number().optional(),
  maxLength: count.optional(),
  aggregationMethod: z.enum(aggregationMethods).optional(),
});
/** Lighthouse CI's form: `"error"`, or `["warn", { "maxNumericValue": 2500 }]`. */
const lhciAssertion = z.union([assertionLevel, z.tuple([assertionLevel, assertionOptions])], {
  error: 'expected a level (off, warn, error) or [level, { minScore | maxNumericValue | maxLength }]',
});
const lhciAssertions = z.record(z.string(), lhciAssertion);

const lighthousePageRules = z.strictObject({
  categories: z.record(z.string(), fraction).optional(),
  metrics: z
    .strictObject(
      Object.fromEntries(
        Object.keys(lighthouseMetrics).map((name) => [name, z.number().min(0).optional()]),
      ) as Record<MetricName, z.ZodOptional<z.ZodNumber>>,
    )
    .optional(),
  assertions: lhciAssertions.optional(),
});

const assertMatrixEntry = z.strictObject({
  matchingUrlPattern: z.string().optional(),
  assertions: lhciAssertions.optional(),
  aggregationMethod: z.enum(aggregationMethods).optional(),
});

const lighthouseRules = lighthousePageRules.extend({
  aggregation: z.enum(aggregationMethods).optional(),
  /** Per page: a path (`/checkout`) matches any origin, a full URL matches exactly. */
  urls: z.record(z.string(), lighthousePageRules).optional(),
  'assert-matrix': z.array(assertMatrixEntry).optional(),
});

const duration = z.string().superRefine((text, context) => {
  try {
    parseDuration(text);
  } catch (thrown) {
    context.addIssue({ code: 'custom', message: (thrown as Error).message });
  }
});

export const thresholdsSchema = z.strictObject({
  required: z.array(z.enum(evidenceKinds)).optional(),
  'max-age': z.union([duration, z.literal(0)]).optional(),
  tests: testRules.extend({ projects: z.record(z.string(), testRules).optional() }).optional(),
  coverage: coverageRules.optional(),
  lighthouse: lighthouseRules.optional(),
});

export type ThresholdsConfig = z.infer<typeof thresholdsSchema>;
export type TestRules = z.infer<typeof testRules>;
export type CoverageRules = z.infer<typeof coverageRules>;
export type LighthousePageRules = z.infer<typeof lighthousePageRules>;
export type LhciAssertion = z.infer<typeof lhciAssertion>;
export type AssertMatrixEntry = z.infer<typeof assertMatrixEntry>;

/** The rules in force after defaults: what the gate applies and what the manifest records. */
export interface Thresholds {
  required: EvidenceKind[];
  /** Milliseconds; undefined is no limit. */
  maxAgeMs?: number;
  tests: Required<Pick<TestRules, 'max-failed' | 'min-passed' | 'allow-flaky'>> &
    Omit<TestRules, 'max-failed' | 'min-passed' | 'allow-flaky'> & { projects: Record<string, TestRules> };
  coverage: CoverageRules;
  lighthouse: LighthousePageRules & {
    aggregation: AggregationMethod;
    urls: Record<string, LighthousePageRules>;
    assertMatrix: AssertMatrixEntry[];
  };
  /** Where each part came from, for the summary: file paths, inputs, the lighthouserc. */
  sources: string[];
}

export const defaultMaxAge = '7d';

export const defaultTestRules = { 'max-failed': 0, 'min-passed': 1, 'allow-flaky': true } as const;

/** The kinds a configuration sets limits for; with nothing configured, tests are still required. */
function configuredKinds(config: ThresholdsConfig, lhci?: LhciAssertSection): EvidenceKind[] {
  const kinds: EvidenceKind[] = [];
  if (config.tests) kinds.push('tests');
  if (config.coverage && Object.keys(config.coverage).length > 0) kinds.push('coverage');
  const lighthouse = config.lighthouse;
  if (
    (lighthouse &&
      (lighthouse.categories ||
        lighthouse.metrics ||
        lighthouse.assertions ||
        lighthouse.urls ||
        lighthouse['assert-matrix'])) ||
    (lhci && (lhci.assertions || lhci.assertMatrix))
  ) {
    kinds.push('lighthouse');
  }
  return kinds.length > 0 ? kinds : ['tests'];
}

export interface ResolveThresholdsOptions {
  config: ThresholdsConfig;
  /** Lighthouse CI's assert section, already read from a lighthouserc. */
  lhci?: LhciAssertSection;
  /** What overrides the document: the kinds required, the age limit (Infinity for none). */
  required?: EvidenceKind[];
  maxAgeMs?: number;
  sources?: string[];
}

/** Applies defaults and merges a lighthouserc's assertions in; a limit set twice is an error. */
export function resolveThresholds(options: ResolveThresholdsOptions): Thresholds {
  const { config, lhci } = options;
  const lighthouse = config.lighthouse ?? {};
  const assertions = { ...(lighthouse.assertions ?? {}) };
  const assertMatrix = [...(lighthouse['assert-matrix'] ?? [])];
  let aggregation = lighthouse.aggregation;
  if (lhci) {
    for (const [key, value] of Object.entries(lhci.assertions ?? {})) {
      if (key in assertions) {
        throw new Error(`assertion '${key}' is set both in the thresholds and in the lighthouserc; keep one`);
      }
      assertions[key] = value;
    }
    assertMatrix.push(...(lhci.assertMatrix ?? []));
    if (lhci.aggregationMethod && !aggregation) aggregation = lhci.aggregationMethod;
  }
  // A week unless told: evidence from an older run is not evidence for this promotion.
  const maxAgeMs = options.maxAgeMs ?? configuredMaxAgeMs(config);
  const required = options.required ?? config.required ?? configuredKinds(config, lhci);
  return {
    required: [...new Set(required)],
    ...(Number.isFinite(maxAgeMs) ? { maxAgeMs } : {}),
    tests: {
      ...defaultTestRules,
      ...omit(config.tests ?? {}, 'projects'),
      projects: config.tests?.projects ?? {},
    },
    coverage: config.coverage ?? {},
    lighthouse: {
      ...(lighthouse.categories ? { categories: lighthouse.categories } : {}),
      ...(lighthouse.metrics ? { metrics: lighthouse.metrics } : {}),
      ...(Object.keys(assertions).length > 0 ? { assertions } : {}),
      aggregation: aggregation ?? 'median-run',
      urls: lighthouse.urls ?? {},
      assertMatrix,
    },
    sources: options.sources ?? [],
  };
}

/** The document's age limit, else the default; Infinity for none (`none` or 0). */
function configuredMaxAgeMs(config: ThresholdsConfig): number {
  if (config['max-age'] === 0) return Number.POSITIVE_INFINITY;
  return parseDuration(config['max-age'] ?? defaultMaxAge) ?? Number.POSITIVE_INFINITY;
}

function omit<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

/** The part of a lighthouserc (`ci.assert`) the gate understands. */
export const lhciAssertSection = z.object({
  preset: z.string().optional(),
  assertions: lhciAssertions.optional(),
  assertMatrix: z.array(assertMatrixEntry.extend({ preset: z.string().optional() })).optional(),
  aggregationMethod: z.enum(aggregationMethods).optional(),
  includePassedAssertions: z.boolean().optional(),
  budgetsFile: z.string().optional(),
});
export type LhciAssertSection = z.infer<typeof lhciAssertSection>;

/** A lighthouserc as a whole: only `ci.assert` is read; collect and upload settings are someone else's. */
export const lighthousercSchema = z.object({
  ci: z.object({ assert: lhciAssertSection.optional() }).optional(),
});

/** The thresholds file's JSON Schema (draft-07, for editors), generated from the zod schema: what people write. */
export function thresholdsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(thresholdsSchema, { target: 'draft-7', unrepresentable: 'any', io: 'input' });
}

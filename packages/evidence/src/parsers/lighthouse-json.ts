// A Lighthouse result (lhr): what `lighthouse --output=json` writes and LHCI keeps as .lighthouseci/lhr-*.json.
import { z } from 'zod';
import type { LighthouseAudit, LighthouseReport } from '../types';
import { ReportParseError } from '../types';
import { isoTime, readJson, withDefined } from './json-value';
import { zodReason } from './zod-reason';

const score = z.number().nullable().optional();

// Only what the gate reads; everything else in the 300 KiB of an lhr (details, screenshots, i18n) is ignored.
const lhrSchema = z.object({
  lighthouseVersion: z.string(),
  requestedUrl: z.string().optional(),
  finalUrl: z.string().optional(),
  finalDisplayedUrl: z.string().optional(),
  mainDocumentUrl: z.string().optional(),
  fetchTime: z.string().optional(),
  runtimeError: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
  categories: z.record(z.string(), z.object({ score })),
  audits: z.record(
    z.string(),
    z.object({
      score,
      numericValue: z.number().optional(),
      numericUnit: z.string().optional(),
      scoreDisplayMode: z.string().optional(),
      details: z.object({ items: z.unknown().optional() }).nullable().optional(),
    }),
  ),
});

/** A Lighthouse result already parsed, as the normalised Lighthouse report. */
export function lighthouseFromJson(path: string, report: unknown): LighthouseReport {
  const parsed = lhrSchema.safeParse(report);
  if (!parsed.success) {
    throw new ReportParseError(path, `Lighthouse report ${zodReason(parsed.error, report)}`);
  }
  const lhr = parsed.data;
  const requestedUrl = lhr.requestedUrl ?? lhr.mainDocumentUrl ?? lhr.finalUrl ?? lhr.finalDisplayedUrl;
  const finalUrl = lhr.finalDisplayedUrl ?? lhr.finalUrl ?? lhr.mainDocumentUrl ?? requestedUrl;
  if (requestedUrl === undefined || finalUrl === undefined) {
    throw new ReportParseError(
      path,
      'Lighthouse report without a URL (requestedUrl, finalDisplayedUrl or finalUrl)',
    );
  }
  const categories: Record<string, number | null> = {};
  for (const [id, category] of Object.entries(lhr.categories)) categories[id] = category.score ?? null;
  const audits: Record<string, LighthouseAudit> = {};
  for (const [id, audit] of Object.entries(lhr.audits)) {
    audits[id] = withDefined<LighthouseAudit>(
      { score: audit.score ?? null },
      {
        numericValue: audit.numericValue,
        numericUnit: audit.numericUnit,
        scoreDisplayMode: audit.scoreDisplayMode,
        items: Array.isArray(audit.details?.items) ? audit.details.items.length : undefined,
      },
    );
  }
  const error = lhr.runtimeError;
  return withDefined<LighthouseReport>(
    {
      kind: 'lighthouse',
      format: 'lighthouse-json',
      tool: 'lighthouse',
      lighthouseVersion: lhr.lighthouseVersion,
      requestedUrl,
      finalUrl,
      categories,
      audits,
    },
    {
      startedAt: isoTime(lhr.fetchTime),
      // A run Lighthouse flags as broken (NO_FCP, a page that did not load…) still has scores; they mean nothing.
      runtimeError: error ? error.message || error.code || 'runtime error' : undefined,
    },
  );
}

/** Parses a Lighthouse result JSON (the CLI's --output=json, or an LHCI lhr-*.json). */
export function parseLighthouseJson(path: string, text: string): LighthouseReport {
  return lighthouseFromJson(path, readJson(path, text));
}

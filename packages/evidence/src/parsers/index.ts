// parseReport: one entry for every report the gate reads. The text is parsed once; its content, never
// its file name, decides the format. Parsers take text and do no I/O.
import type { EvidenceReport } from '../types';
import { ReportParseError } from '../types';
import { coverageFromJson } from './coverage-summary';
import { firstSignificant, jsonFormatOf } from './detect';
import { readJson } from './json-value';
import { parseJunitXml } from './junit-xml';
import { lighthouseFromJson } from './lighthouse-json';
import type { ParseOptions } from './paths';
import { playwrightFromJson } from './playwright-json';
import { vitestFromJson } from './vitest-json';

export { parseCoverageSummary } from './coverage-summary';
export { detectFormat } from './detect';
export { parseJunitXml } from './junit-xml';
export { parseLighthouseJson } from './lighthouse-json';
export type { ParseOptions } from './paths';
export { parsePlaywrightJson } from './playwright-json';
export { parseVitestJson } from './vitest-json';

const unknownFormat = 'not a Vitest, Playwright, Lighthouse, istanbul or JUnit report';

/**
 * Detects the format of `text` and parses it into the normalised model. Throws ReportParseError
 * (path and a plain reason) for an empty, truncated or malformed file, or one of no known format.
 */
export function parseReport(path: string, text: string, options: ParseOptions = {}): EvidenceReport {
  if (text.trim() === '') throw new ReportParseError(path, 'empty file');
  const first = firstSignificant(text);
  if (first === '<') return parseJunitXml(path, text);
  if (first !== '{' && first !== '[') {
    throw new ReportParseError(
      path,
      `not JSON or XML (it starts with ${JSON.stringify(text.trim().slice(0, 20))})`,
    );
  }
  const value = readJson(path, text);
  switch (jsonFormatOf(value)) {
    case 'vitest-json':
      return vitestFromJson(path, value, options);
    case 'playwright-json':
      return playwrightFromJson(path, value, options);
    case 'lighthouse-json':
      return lighthouseFromJson(path, value);
    case 'coverage-summary':
      return coverageFromJson(path, value);
    default:
      throw new ReportParseError(path, unknownFormat);
  }
}

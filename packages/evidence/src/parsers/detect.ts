// Which tool wrote a report, from its content alone (never its name). JSON formats are told apart by the
// top-level keys each tool writes first or early, so detection stops reading as soon as they are seen;
// JUnit by the XML root element, after any BOM, declaration, comments or doctype.
import type { ReportFormat } from '../types';
import { scanTopLevelKeys, skipValue } from './json-scan';

type JsonFormat = Exclude<ReportFormat, 'junit-xml'>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The signature of each JSON format: the keys that name the tool. Missing *required* fields are the
 * parser's to report ("Lighthouse report without categories"), so a damaged report of a known tool
 * says what is wrong with it instead of "unknown format".
 */
function jsonFormatOfKeys(has: (key: string) => boolean, total: () => unknown): JsonFormat | undefined {
  if (has('numTotalTests') && has('testResults')) return 'vitest-json';
  if (has('config') && has('suites')) return 'playwright-json';
  if (has('lighthouseVersion')) return 'lighthouse-json';
  if (has('total')) {
    const value = total();
    if (isObject(value) && isObject(value.lines)) return 'coverage-summary';
  }
  return undefined;
}

/** The format of an already parsed JSON value (what parseReport uses, so a file is parsed once). */
export function jsonFormatOf(value: unknown): JsonFormat | undefined {
  if (!isObject(value)) return undefined;
  return jsonFormatOfKeys(
    (key) => Object.hasOwn(value, key),
    () => value.total,
  );
}

/** Largest `total` value detection will parse on its own (istanbul's is a few hundred bytes). */
const maxTotalBytes = 64 * 1024;

function sniffJson(text: string): JsonFormat | undefined {
  let format: JsonFormat | undefined;
  const decide = (spans: Map<string, [number, number]>) => {
    format = jsonFormatOfKeys(
      (key) => spans.has(key),
      () => {
        const [start, known] = spans.get('total') as [number, number];
        const end = known >= 0 ? known : skipValue(text, start);
        if (end < 0 || end - start > maxTotalBytes) return undefined;
        try {
          return JSON.parse(text.slice(start, end));
        } catch {
          return undefined;
        }
      },
    );
    return format !== undefined;
  };
  scanTopLevelKeys(text, decide);
  return format;
}

/** Skips a BOM, whitespace, the XML declaration, comments, processing instructions and a doctype. */
export function xmlRootName(text: string): string | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) return undefined;
      at = end + 2;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return undefined;
      at = end + 3;
    } else if (text.startsWith('<!', at)) {
      const end = text.indexOf('>', at + 2);
      if (end < 0) return undefined;
      at = end + 1;
    } else break;
  }
  const match = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(at, at + 256));
  return match?.[1];
}

/** The first significant character: '{' or '[' for JSON, '<' for XML. */
export function firstSignificant(text: string): string | undefined {
  const match = /^\uFEFF?\s*(\S)/.exec(text.slice(0, 4096));
  return match?.[1];
}

/**
 * The report format of `text`, from its content: Vitest JSON (numTotalTests, testResults), Playwright
 * JSON (config, suites), a Lighthouse result (lighthouseVersion, also LHCI's lhr files), an istanbul
 * coverage summary (total.lines…), or JUnit XML (<testsuites> or <testsuite> root). Undefined otherwise.
 */
export function detectFormat(text: string): ReportFormat | undefined {
  const first = firstSignificant(text);
  if (first === '{') return sniffJson(text);
  if (first === '<') {
    const root = xmlRootName(text);
    return root === 'testsuites' || root === 'testsuite' ? 'junit-xml' : undefined;
  }
  return undefined;
}

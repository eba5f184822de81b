// Configuration written by people (thresholds, checks) is YAML validated by a zod schema. A mistake is
// reported as one line that points at the place: `<file>:<line>:<column>: <where> <what is wrong>`.
// Its own entry point (@shipgate/kit/config) so actions that never read YAML do not load the parser.
import { type Document, LineCounter, parseDocument, YAMLParseError } from 'yaml';
import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses YAML text and validates it. `source` names the text in messages: a file path, or an input
 * ("input 'thresholds'"). Duplicate keys are errors, as a silently dropped key is a silently dropped limit.
 */
export function parseConfig<T>(text: string, source: string, schema: z.ZodType<T>): T {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const position =
      syntaxError instanceof YAMLParseError ? lineCounter.linePos(syntaxError.pos[0]) : undefined;
    const what = syntaxError.message.split('\n')[0] ?? 'invalid YAML';
    throw located(source, position?.line, position?.col, `invalid YAML: ${what}`);
  }
  const data: unknown = document.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  const position = yamlPosition(document, lineCounter, path);
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  throw located(source, position?.line, position?.column, `${where}${issue.message}`);
}

/** `a.b[2].c`, the way people point into YAML. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text ? `.${step}` : step;
  return text;
}

function located(source: string, line: number | undefined, column: number | undefined, problem: string) {
  const prefix = line === undefined ? source : `${source}:${line}:${column ?? 1}`;
  return new ConfigError(`${prefix}: ${problem}`.replace(/\s*\r?\n\s*/g, ' '), source, line, column);
}

/** The 1-based position of the node at `path`, or of its nearest ancestor that exists. */
export function yamlPosition(
  document: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<string | number>,
): { line: number; column: number } | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as
      | { range?: [number, number, number] }
      | undefined;
    const range = node && typeof node === 'object' ? node.range : undefined;
    if (range) {
      const { line, col } = lineCounter.linePos(range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

// A string-aware walk over JSON text that neither builds values nor allocates per token: it finds the
// top-level keys of an object (with the span of each value) and tells a truncated document from a
// malformed one. Detection reads only as far as it needs; a parse error is explained without a second parse.

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/** Index just past the closing quote of the string whose opening quote is at `start`, or -1 if unterminated. */
function skipString(text: string, start: number): number {
  let index = start + 1;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let back = quote - 1; text.charCodeAt(back) === BACKSLASH; back--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    index = quote + 1;
  }
}

function skipWhitespace(text: string, index: number): number {
  let at = index;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 32 || code === 10 || code === 13 || code === 9) at++;
    else return at;
  }
}

/** Index just past the value starting at `start` (no validation beyond brackets and strings), or -1 at end of text. */
export function skipValue(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return skipString(text, start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let at = start;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code <= 32) return at;
      at++;
    }
    return -1;
  }
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = skipString(text, at) - 1;
      if (at < 0) return -1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}

export interface TopLevelKeys {
  /** Key → [start, end) of its value in the text; end is -1 while `enough` looks at a key whose value is not yet read. */
  spans: Map<string, [number, number]>;
  /** The walk reached the end of the text inside the object. */
  truncated: boolean;
}

/**
 * The keys of the top-level object in `text` (which must start, after whitespace, with `{`), walking until
 * `enough` says the keys seen so far decide the question (it is asked at each key, before that key's value
 * is read), or the object ends. Undefined when not an object.
 */
export function scanTopLevelKeys(
  text: string,
  enough: (spans: Map<string, [number, number]>) => boolean = () => false,
): TopLevelKeys | undefined {
  let at = skipWhitespace(text, 0);
  if (text.charCodeAt(at) !== OPEN_BRACE) return undefined;
  const spans = new Map<string, [number, number]>();
  at++;
  for (;;) {
    at = skipWhitespace(text, at);
    if (at >= text.length) return { spans, truncated: true };
    const code = text.charCodeAt(at);
    if (code === CLOSE_BRACE) return { spans, truncated: false };
    if (code === COMMA) {
      at++;
      continue;
    }
    if (code !== QUOTE) return { spans, truncated: false };
    const keyEnd = skipString(text, at);
    if (keyEnd < 0) return { spans, truncated: true };
    const key = text.slice(at + 1, keyEnd - 1);
    at = skipWhitespace(text, keyEnd);
    if (at >= text.length) return { spans, truncated: true };
    if (text.charCodeAt(at) !== COLON) return { spans, truncated: false };
    const valueStart = skipWhitespace(text, at + 1);
    // Asked before the value is skipped: a decision on keys alone never walks a 30 MB testResults array.
    const span: [number, number] = [valueStart, -1];
    spans.set(key, span);
    if (enough(spans)) return { spans, truncated: false };
    const valueEnd = skipValue(text, valueStart);
    if (valueEnd < 0) return { spans, truncated: true };
    span[1] = valueEnd;
    at = valueEnd;
  }
}

/** Whether JSON text that failed to parse ends inside an unterminated string, object or array. */
export function endsInsideJson(text: string): boolean {
  const start = skipWhitespace(text, 0);
  const first = text.charCodeAt(start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE) return false;
  return skipValue(text, start) < 0;
}

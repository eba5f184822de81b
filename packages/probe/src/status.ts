/** An inclusive range of HTTP status codes; a single code is a range of one. */
export interface StatusRange {
  from: number;
  to: number;
}

/**
 * Reads one status expectation: `200`, `"200-299"` or `"2xx"`. Undefined when the text is none of those,
 * so the schema can say what is allowed.
 */
export function parseStatusRange(value: number | string): StatusRange | undefined {
  const text = String(value).trim();
  let match = /^([1-5])xx$/i.exec(text);
  if (match) {
    const hundred = Number(match[1]) * 100;
    return { from: hundred, to: hundred + 99 };
  }
  match = /^(\d{3})\s*-\s*(\d{3})$/.exec(text);
  if (match) {
    const from = Number(match[1]);
    const to = Number(match[2]);
    return valid(from) && valid(to) && from <= to ? { from, to } : undefined;
  }
  if (/^\d{3}$/.test(text) && valid(Number(text))) return { from: Number(text), to: Number(text) };
  return undefined;
}

function valid(code: number): boolean {
  return code >= 100 && code <= 599;
}

export function statusMatches(status: number, ranges: readonly StatusRange[]): boolean {
  return ranges.some((range) => status >= range.from && status <= range.to);
}

/** `200`, `200-299`, `2xx`: the way the expectation was written, for messages. */
export function formatStatusRanges(ranges: readonly StatusRange[]): string {
  const parts = ranges.map((range) => {
    if (range.from === range.to) return String(range.from);
    if (range.from % 100 === 0 && range.to === range.from + 99) return `${range.from / 100}xx`;
    return `${range.from}-${range.to}`;
  });
  return parts.length === 1 ? parts[0]! : `one of ${parts.join(', ')}`;
}

/**
 * True when the expectation asks for this 5xx on purpose (a maintenance page check, say): a range that
 * holds it and lies wholly in 500-599. A broad `100-599` does not count.
 */
export function expectsServerError(status: number, ranges: readonly StatusRange[]): boolean {
  return ranges.some((range) => range.from >= 500 && status >= range.from && status <= range.to);
}

// Go duration strings ("15s", "1m30s", "500ms", "1h") as Fly's check and stop configs carry them.
const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds in a Go duration string, or undefined when it is not one. A bare number counts as seconds. */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const pattern = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * (unitMs[match[2] ?? 's'] ?? 0);
    matched += match[0].length;
  }
  return matched === text.length ? total : undefined;
}

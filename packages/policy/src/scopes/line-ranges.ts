/** Lines a diff added to a file, as inclusive [first, last] ranges in the new version. */
export type LineRanges = Array<[number, number]>;

const hunkHeader = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** The new-side start and line count of a unified diff hunk header (`@@ -a,b +c,d @@`), count 1 when omitted. */
export function parseHunkHeader(line: string): { start: number; count: number } | undefined {
  const match = hunkHeader.exec(line);
  if (!match) return undefined;
  return { start: Number(match[1]), count: match[2] === undefined ? 1 : Number(match[2]) };
}

/** Whether any line from first to last (inclusive) was added. */
export function touches(ranges: LineRanges, first: number, last: number): boolean {
  return ranges.some(([start, end]) => start <= last && first <= end);
}

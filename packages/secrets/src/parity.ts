// Parity between mirrors (staging vs production): a name one side has and the other lacks is usually a
// secret someone forgot to add before promoting.
export interface ParityItem {
  mirrors: [string, string];
  /** Names the first mirror has and the second lacks. */
  onlyInFirst: string[];
  onlyInSecond: string[];
}

/** For each pair, the names present in one mirror and missing in the other (compared without case). */
export function parityReport(
  pairs: ReadonlyArray<readonly [string, string]>,
  namesByMirror: ReadonlyMap<string, readonly string[]>,
): ParityItem[] {
  return pairs.map(([first, second]) => {
    const a = namesByMirror.get(first) ?? [];
    const b = namesByMirror.get(second) ?? [];
    return {
      mirrors: [first, second],
      onlyInFirst: missingFrom(a, b),
      onlyInSecond: missingFrom(b, a),
    };
  });
}

function missingFrom(names: readonly string[], other: readonly string[]): string[] {
  const present = new Set(other.map((name) => name.toUpperCase()));
  return [...new Set(names)].filter((name) => !present.has(name.toUpperCase())).sort();
}

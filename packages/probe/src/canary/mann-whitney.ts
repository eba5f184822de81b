// The Mann–Whitney U test (Wilcoxon rank-sum): does one sample tend to hold larger values than the other?
// Rank-based, so it needs no assumption about the shape of latencies (skewed, long-tailed, multi-modal)
// and a handful of very slow requests cannot dominate it the way they dominate a t-test on means.
import { standardNormalCdf, standardNormalUpperTail } from './normal';

export type Alternative = 'greater' | 'less' | 'two-sided';

/**
 * Fewest values per side for which the normal approximation is used. Mann & Whitney (1947) found it
 * adequate from 8 per side. At 10 per side the continuity-corrected p is within 0.005 of the exact
 * permutation p for every possible U, and above it (conservative: it errs towards not aborting) wherever the
 * exact p is below 0.03; the tests check both by enumerating the exact distribution. Below this size the
 * test refuses rather than return a p-value that is wrong in the tail.
 */
export const MANN_WHITNEY_MIN_SIDE = 10;

export interface MannWhitneyResult {
  /** U of the first sample: pairs (a, b) with a > b, plus half the tied pairs. */
  u: number;
  /** Continuity-corrected standard score of u; positive when the first sample ranks higher. */
  z: number;
  pValue: number;
  /**
   * Rank-biserial correlation 2u / (nA·nB) − 1, from −1 (every a below every b) through 0 to 1 (every a
   * above every b).
   */
  effect: number;
  /** Common-language effect size u / (nA·nB): P(a > b) + P(a = b) / 2 for a random pair. */
  probabilityGreater: number;
  alternative: Alternative;
  sizes: [number, number];
}

/**
 * Tests whether `a` tends to be larger (`greater`), smaller (`less`) or different (`two-sided`) than `b`,
 * by the normal approximation with average ranks for ties, the tie-corrected variance and a continuity
 * correction of ½. Undefined when either side has fewer than MANN_WHITNEY_MIN_SIDE values.
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
  alternative: Alternative,
): MannWhitneyResult | undefined {
  for (const value of [...a, ...b]) {
    if (!Number.isFinite(value))
      throw new RangeError(`Mann–Whitney U of a value that is not finite: ${value}`);
  }
  const nA = a.length;
  const nB = b.length;
  if (nA < MANN_WHITNEY_MIN_SIDE || nB < MANN_WHITNEY_MIN_SIDE) return undefined;

  const { rankSumA, tieTerm } = rankSum(a, b);
  const u = rankSumA - (nA * (nA + 1)) / 2;
  const n = nA + nB;
  const mean = (nA * nB) / 2;
  // Ties shrink the variance of the rank sum: σ² = nA·nB/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1))).
  const variance = ((nA * nB) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const pairs = nA * nB;
  const effects = { effect: (2 * u) / pairs - 1, probabilityGreater: u / pairs };
  const base = { u, ...effects, alternative, sizes: [nA, nB] as [number, number] };

  // Every value equal: u sits exactly at its mean and there is no evidence either way.
  if (variance <= 0) return { ...base, z: 0, pValue: 1 };
  const sd = Math.sqrt(variance);
  const deviation = u - mean;
  // The ½ moves u towards the mean: the discrete U distribution is approximated by a continuous one.
  if (alternative === 'greater') {
    const z = (deviation - 0.5) / sd;
    return { ...base, z, pValue: standardNormalUpperTail(z) };
  }
  if (alternative === 'less') {
    const z = (deviation + 0.5) / sd;
    return { ...base, z, pValue: standardNormalCdf(z) };
  }
  const z = (Math.sign(deviation) * Math.max(0, Math.abs(deviation) - 0.5)) / sd;
  return { ...base, z, pValue: Math.min(1, 2 * standardNormalUpperTail(Math.abs(z))) };
}

/** The sum of a's ranks in the pooled sample (ties get their average rank) and Σ(t³ − t) over tie groups. */
function rankSum(a: readonly number[], b: readonly number[]): { rankSumA: number; tieTerm: number } {
  const pooled = [
    ...a.map((value) => ({ value, fromA: true })),
    ...b.map((value) => ({ value, fromA: false })),
  ].sort((x, y) => x.value - y.value);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let start = 0; start < pooled.length; ) {
    let end = start + 1;
    while (end < pooled.length && pooled[end]!.value === pooled[start]!.value) end++;
    // Positions start..end-1 hold ranks start+1..end; their average is (start + 1 + end) / 2.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) if (pooled[i]!.fromA) rankSumA += rank;
    const tied = end - start;
    tieTerm += tied ** 3 - tied;
    start = end;
  }
  return { rankSumA, tieTerm };
}

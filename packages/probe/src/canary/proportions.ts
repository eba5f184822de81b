// Is one error rate higher than another? The pooled two-proportion z-test when every cell of the 2×2 table
// is expected to hold at least 5 (the usual rule for the normal approximation to hold), Fisher's exact test
// otherwise. Errors are rare in a healthy app, so small expected counts are the common case, not the odd one.
import type { Alternative } from './mann-whitney';
import { standardNormalCdf, standardNormalUpperTail } from './normal';

/** An expected cell count below this sends the comparison to Fisher's exact test. */
export const MIN_EXPECTED_CELL = 5;

export interface ProportionTestResult {
  method: 'pooled z' | 'Fisher exact';
  /** Standard score of rateA − rateB with the pooled standard error; only for the z-test. */
  z?: number;
  pValue: number;
  rateA: number;
  rateB: number;
  /** The smallest expected count of the 2×2 table, which chose the method. */
  minExpectedCell: number;
}

/**
 * Compares errorsA/totalA with errorsB/totalB. `greater` asks whether A's rate is higher than B's. Throws
 * for counts that are not a table (negative, fractional, more errors than requests, an empty side).
 */
export function twoProportionTest(
  errorsA: number,
  totalA: number,
  errorsB: number,
  totalB: number,
  alternative: Alternative,
): ProportionTestResult {
  checkCounts(errorsA, totalA, 'A');
  checkCounts(errorsB, totalB, 'B');
  const rateA = errorsA / totalA;
  const rateB = errorsB / totalB;
  const total = totalA + totalB;
  const errors = errorsA + errorsB;
  const minExpectedCell = (Math.min(totalA, totalB) * Math.min(errors, total - errors)) / total;

  if (minExpectedCell < MIN_EXPECTED_CELL) {
    const pValue = fisherExact(errorsA, totalA, errors, total, alternative);
    return { method: 'Fisher exact', pValue, rateA, rateB, minExpectedCell };
  }
  const pooled = errors / total;
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  const z = (rateA - rateB) / standardError;
  const pValue =
    alternative === 'greater'
      ? standardNormalUpperTail(z)
      : alternative === 'less'
        ? standardNormalCdf(z)
        : Math.min(1, 2 * standardNormalUpperTail(Math.abs(z)));
  return { method: 'pooled z', z, pValue, rateA, rateB, minExpectedCell };
}

function checkCounts(errors: number, total: number, side: string): void {
  if (!Number.isInteger(errors) || !Number.isInteger(total) || errors < 0 || total < 1 || errors > total) {
    throw new RangeError(`side ${side}: ${errors} errors of ${total} requests is not a count`);
  }
}

/**
 * Fisher's exact test with the margins fixed: A's error count X is hypergeometric (total requests, total
 * errors, A's requests). `greater` is P(X ≥ observed), `less` P(X ≤ observed), and `two-sided` sums every
 * table no more likely than the observed one (as R's fisher.test does, with its 1e-7 relative tolerance).
 * Terms are summed as logarithms; the relative error is about 1e-10 for 200,000-request tables (ln N! near
 * 2e6 holds only so many digits in a double), far below anything a significance level can notice.
 */
export function fisherExact(
  errorsA: number,
  totalA: number,
  errors: number,
  total: number,
  alternative: Alternative,
): number {
  const low = Math.max(0, totalA - (total - errors));
  const high = Math.min(errors, totalA);
  const logChooseAll = logChoose(total, totalA);
  const logPmf = (x: number) => logChoose(errors, x) + logChoose(total - errors, totalA - x) - logChooseAll;

  let logTerms: number[] = [];
  if (alternative === 'greater') {
    for (let x = errorsA; x <= high; x++) logTerms.push(logPmf(x));
  } else if (alternative === 'less') {
    for (let x = low; x <= errorsA; x++) logTerms.push(logPmf(x));
  } else {
    const observed = logPmf(errorsA);
    for (let x = low; x <= high; x++) logTerms.push(logPmf(x));
    logTerms = logTerms.filter((term) => term <= observed + Math.log1p(1e-7));
  }
  return Math.min(1, Math.exp(logSumExp(logTerms)));
}

/** log Σ exp(terms), scaled by the largest term so that tiny probabilities add up without underflow. */
function logSumExp(terms: readonly number[]): number {
  // A loop, not Math.max(...terms): spreading a few hundred thousand terms overflows the call stack.
  let largest = Number.NEGATIVE_INFINITY;
  for (const term of terms) if (term > largest) largest = term;
  if (largest === Number.NEGATIVE_INFINITY) return largest;
  let sum = 0;
  for (const term of terms) sum += Math.exp(term - largest);
  return largest + Math.log(sum);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const exactLogFactorials = (() => {
  const table = [0];
  for (let n = 1; n <= 256; n++) table.push(table[n - 1]! + Math.log(n));
  return table;
})();

/**
 * ln n!: summed exactly up to 256, then Stirling's series, whose first omitted term (1/(1188 n⁹)) is below
 * 1e-24 there, far under the rounding of a double. Summing logs up to n would pile up rounding error and
 * cost O(n) for the hundred-thousand-request tables a canary can produce.
 */
export function logFactorial(n: number): number {
  const exact = exactLogFactorials[n];
  if (exact !== undefined) return exact;
  const inverse = 1 / n;
  const inverseSquared = inverse * inverse;
  const series =
    inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared * (1 / 1260 - inverseSquared / 1680)));
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + series;
}

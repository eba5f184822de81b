import { describe, expect, it } from 'vitest';
import {
  fisherExact,
  logFactorial,
  MANN_WHITNEY_MIN_SIDE,
  mannWhitneyU,
  standardNormalUpperTail,
  twoProportionTest,
} from '../src/canary/index';

/** U of `a` by its definition: pairs with a > b, plus half the tied pairs. No ranks involved. */
function pairCountU(a: readonly number[], b: readonly number[]): number {
  let u = 0;
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  return u;
}

/**
 * The exact permutation distribution of U given the pooled values (ties included): every way of choosing
 * which nA of the pooled values are "a", each equally likely under the null. Returns P(U ≥ observed).
 */
function exactUpperTail(a: readonly number[], b: readonly number[]): number {
  const pooled = [...a, ...b];
  // Each value's contribution to U when it is in a: pooled values below it, plus half the ties (itself
  // excluded). U of a split = Σ contribution over a − the pairs inside a, which is the constant nA(nA−1)/2.
  const contribution = pooled.map((x, i) =>
    pooled.reduce((sum, y, j) => sum + (j === i ? 0 : x > y ? 1 : x === y ? 0.5 : 0), 0),
  );
  const within = (a.length * (a.length - 1)) / 2;
  const observed = pairCountU(a, b);
  let atLeast = 0;
  let splits = 0;
  const choose = (start: number, left: number, sum: number): void => {
    if (left === 0) {
      splits++;
      if (sum - within >= observed - 1e-9) atLeast++;
      return;
    }
    for (let i = start; i <= pooled.length - left; i++) choose(i + 1, left - 1, sum + contribution[i]!);
  };
  choose(0, a.length, 0);
  return atLeast / splits;
}

/** The number of arrangements of m a's and n b's (no ties) for each U, by the Mann–Whitney recursion. */
function exactUCounts(m: number, n: number): number[] {
  // counts[i][j][u]: arrangements of i a's and j b's with U = u. Adding the largest value: if it is an a,
  // it beats all j b's (U grows by j); if it is a b, U is unchanged.
  let previous: number[][] = [];
  for (let i = 0; i <= m; i++) {
    const row: number[][] = [];
    for (let j = 0; j <= n; j++) {
      const counts = new Array<number>(i * j + 1).fill(0);
      if (i === 0 || j === 0) counts[0] = 1;
      else {
        previous[j]!.forEach((count, u) => {
          counts[u + j]! += count;
        });
        row[j - 1]!.forEach((count, u) => {
          counts[u]! += count;
        });
      }
      row.push(counts);
    }
    previous = row;
  }
  return previous[n]!;
}

describe('Mann–Whitney U', () => {
  // Reference: scipy 1.17.1, scipy.stats.mannwhitneyu(a, b, alternative=…, method='asymptotic',
  // use_continuity=True), which uses average ranks, the tie-corrected variance and the ½ correction.
  const tiedA = [12, 15, 15, 18, 21, 21, 21, 25, 30, 34];
  const tiedB = [10, 11, 12, 14, 15, 17, 18, 18, 20, 22, 23, 29];

  it('matches scipy on a sample with ties, for each alternative', () => {
    const greater = mannWhitneyU(tiedA, tiedB, 'greater')!;
    expect(greater.u).toBe(80.5);
    expect(greater.u).toBe(pairCountU(tiedA, tiedB));
    expect(greater.pValue).toBeCloseTo(0.0928133221534237, 12);
    expect(mannWhitneyU(tiedA, tiedB, 'less')!.pValue).toBeCloseTo(0.9177066074763753, 12);
    expect(mannWhitneyU(tiedA, tiedB, 'two-sided')!.pValue).toBeCloseTo(0.1856266443068474, 12);
    // Effect sizes by hand: 80.5 of 120 pairs.
    expect(greater.probabilityGreater).toBeCloseTo(80.5 / 120, 12);
    expect(greater.effect).toBeCloseTo((2 * 80.5) / 120 - 1, 12);
    expect(greater.sizes).toEqual([10, 12]);
  });

  it('matches scipy without ties, and the exact p within the approximation error', () => {
    const a = [1.1, 2.3, 3.5, 4.2, 5.9, 6.1, 7.7, 8.4, 9.0, 10.6];
    const b = [0.5, 0.9, 1.5, 2.0, 2.8, 3.1, 3.9, 4.8, 5.2, 6.6];
    const greater = mannWhitneyU(a, b, 'greater')!;
    expect(greater.u).toBe(77);
    // z by hand: (77 − 50 − 0.5) / √(10·10·21/12) = 26.5 / 13.2288 = 2.00319.
    expect(greater.z).toBeCloseTo(2.00319, 4);
    expect(greater.pValue).toBeCloseTo(0.022577284812139504, 12);
    expect(mannWhitneyU(a, b, 'two-sided')!.pValue).toBeCloseTo(0.04515456962427901, 12);
    // scipy's method='exact' gives 0.021628526272489117; the brute-force enumeration here must agree.
    expect(exactUpperTail(a, b)).toBeCloseTo(0.021628526272489117, 12);
    expect(Math.abs(greater.pValue - exactUpperTail(a, b))).toBeLessThan(0.005);
  });

  it('stays close to the exact permutation p with ties (enumerating all 646,646 splits)', () => {
    const exact = exactUpperTail(tiedA, tiedB);
    expect(Math.abs(mannWhitneyU(tiedA, tiedB, 'greater')!.pValue - exact)).toBeLessThan(0.005);
  });

  it('is within 0.005 of the exact p for every U at the minimum size, and conservative in the tail', () => {
    const m = MANN_WHITNEY_MIN_SIDE;
    const counts = exactUCounts(m, m);
    const total = counts.reduce((sum, count) => sum + count, 0);
    expect(total).toBe(184_756); // C(20, 10)
    // Samples realising each U: b = 1..m; a's values put u of the b's below each a in turn.
    let tail = 1;
    for (let u = 0; u <= m * m; u++) {
      const a = Array.from({ length: m }, (_, i) => Math.min(m, Math.max(0, u - i * m)) + 0.5 + i / 1000);
      const b = Array.from({ length: m }, (_, j) => j + 1);
      const result = mannWhitneyU(a, b, 'greater')!;
      expect(result.u).toBe(u);
      expect(Math.abs(result.pValue - tail)).toBeLessThan(0.005);
      if (tail < 0.03) expect(result.pValue).toBeGreaterThanOrEqual(tail);
      tail -= counts[u]! / total;
    }
  });

  it('matches scipy on larger samples, where the p-value is small', () => {
    const a = Array.from({ length: 60 }, (_, i) => ((i * 37) % 101) + 20);
    const b = Array.from({ length: 50 }, (_, i) => (i * 53) % 97);
    const result = mannWhitneyU(a, b, 'greater')!;
    expect(result.u).toBe(2144.5);
    expect(result.pValue).toBeCloseTo(5.5291073155063316e-5, 14);
    expect(result.pValue / 5.5291073155063316e-5).toBeCloseTo(1, 9);
  });

  it('refuses below the minimum size and reports no evidence when every value is equal', () => {
    const nine = Array.from({ length: MANN_WHITNEY_MIN_SIDE - 1 }, (_, i) => i);
    const ten = Array.from({ length: MANN_WHITNEY_MIN_SIDE }, (_, i) => i);
    expect(mannWhitneyU(nine, ten, 'greater')).toBeUndefined();
    expect(mannWhitneyU(ten, nine, 'greater')).toBeUndefined();
    const flat = new Array<number>(20).fill(100);
    expect(mannWhitneyU(flat, flat, 'greater')).toMatchObject({ u: 200, z: 0, pValue: 1, effect: 0 });
    expect(() => mannWhitneyU([...ten, Number.NaN], ten, 'greater')).toThrow(/not finite/);
  });

  it('is symmetric: a greater than b is b less than a', () => {
    const forward = mannWhitneyU(tiedA, tiedB, 'greater')!;
    const backward = mannWhitneyU(tiedB, tiedA, 'less')!;
    expect(backward.pValue).toBeCloseTo(forward.pValue, 14);
    expect(backward.u).toBe(10 * 12 - forward.u);
    expect(backward.effect).toBeCloseTo(-forward.effect, 14);
  });
});

/**
 * A hypergeometric tail by exact integer arithmetic. P(X = x) = C(K, x)·C(N − K, n − x) / C(N, n), written in
 * its symmetric form C(n, x)·C(N − n, K − x) / C(N, K) so the integers stay small when errors (K) are few.
 */
function bigChoose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 0; i < k; i++) result = (result * BigInt(n - i)) / BigInt(i + 1);
  return result;
}
function exactHypergeometricTail(errorsA: number, totalA: number, errors: number, total: number): number {
  let numerator = 0n;
  for (let x = errorsA; x <= Math.min(errors, totalA); x++) {
    numerator += bigChoose(totalA, x) * bigChoose(total - totalA, errors - x);
  }
  const denominator = bigChoose(total, errors);
  // Scale so the quotient keeps 17 significant digits whatever the size of the probability.
  const shift = BigInt(denominator.toString().length - numerator.toString().length + 17);
  return Number((numerator * 10n ** shift) / denominator) / 10 ** Number(shift);
}

describe('error-rate comparison', () => {
  it("reproduces Fisher's lady tasting tea (Fisher 1935): 17/70 and 1/70", () => {
    // 8 cups, 4 with milk first; she picks 4. Three right: P = (C(4,3)·C(4,1) + C(4,4)) / C(8,4) = 17/70.
    expect(fisherExact(3, 4, 4, 8, 'greater')).toBeCloseTo(17 / 70, 14);
    expect(fisherExact(4, 4, 4, 8, 'greater')).toBeCloseTo(1 / 70, 14);
    // Two-sided: the tables no more likely than 3 right are 0, 1, 3 and 4 right: (1 + 16 + 16 + 1) / 70.
    expect(fisherExact(3, 4, 4, 8, 'two-sided')).toBeCloseTo(34 / 70, 14);
    expect(twoProportionTest(3, 4, 1, 4, 'greater')).toMatchObject({ method: 'Fisher exact', rateA: 0.75 });
  });

  it('agrees with exact integer enumeration and scipy on large tables, where log-factorials matter', () => {
    // scipy 1.17.1 fisher_exact([[4, 99996], [0, 100000]], 'greater') = 0.06249812499582296
    const even = twoProportionTest(4, 100_000, 0, 100_000, 'greater');
    expect(even.method).toBe('Fisher exact');
    // ln 200000! ≈ 2.2e6 is only held to ~5e-10 in a double, so a relative 1e-9 is what log-factorials give.
    expect(even.pValue / 0.06249812499582296).toBeCloseTo(1, 9);
    expect(even.pValue / exactHypergeometricTail(4, 100_000, 4, 200_000)).toBeCloseTo(1, 9);
    // scipy: fisher_exact([[4, 6], [0, 100000]], 'greater') = 5.0382867653374627e-17; relative check.
    const tiny = twoProportionTest(4, 10, 0, 100_000, 'greater').pValue;
    expect(tiny / 5.0382867653374627e-17).toBeCloseTo(1, 9);
    expect(tiny / exactHypergeometricTail(4, 10, 4, 100_010)).toBeCloseTo(1, 9);
    for (const [errorsA, totalA, errorsB, totalB] of [
      [1, 50, 0, 50],
      [3, 200, 1, 180],
      [2, 500, 0, 40],
      [0, 70, 3, 70],
    ] as const) {
      const exact = exactHypergeometricTail(errorsA, totalA, errorsA + errorsB, totalA + totalB);
      expect(fisherExact(errorsA, totalA, errorsA + errorsB, totalA + totalB, 'greater')).toBeCloseTo(
        exact,
        12,
      );
    }
  });

  it('takes tables of any size: 300,000 terms in a tail do not overflow the stack', () => {
    // Half of 600,000 requests failing on each side: every table from 0 to 300,000 errors on A is a term.
    expect(fisherExact(150_000, 300_000, 300_000, 600_000, 'two-sided')).toBeCloseTo(1, 9);
    const less = fisherExact(150_000, 300_000, 300_000, 600_000, 'less');
    // Symmetric around the observed table: P(X ≤ mode) is a half plus half the mode's own probability.
    expect(less).toBeGreaterThan(0.5);
    expect(less).toBeLessThan(0.51);
  });

  it('matches scipy for the lower and two-sided tails', () => {
    // scipy fisher_exact([[2, 48], [7, 43]]): less 0.07975250730751053, two-sided 0.15950501461502106.
    expect(twoProportionTest(2, 50, 7, 50, 'less').pValue).toBeCloseTo(0.07975250730751053, 13);
    expect(twoProportionTest(2, 50, 7, 50, 'two-sided').pValue).toBeCloseTo(0.15950501461502106, 13);
  });

  it('uses the pooled z-test when every expected cell holds 5 or more', () => {
    // By hand: pooled 25/2000 = 0.0125, SE = √(0.0125·0.9875·(1/1000 + 1/1000)) = 0.0049687,
    // z = (0.020 − 0.005) / SE = 3.01893; P(Z ≥ 3.01893) = 0.0012684 (tables: Φ(3.02) = 0.99874).
    const result = twoProportionTest(20, 1000, 5, 1000, 'greater');
    expect(result.method).toBe('pooled z');
    expect(result.minExpectedCell).toBe(12.5);
    expect(result.z).toBeCloseTo(3.018927632559765, 12);
    expect(result.pValue).toBeCloseTo(0.0012683555874842517, 12);
    expect(twoProportionTest(20, 1000, 5, 1000, 'two-sided').pValue).toBeCloseTo(
      2 * 0.0012683555874842517,
      12,
    );
    expect(twoProportionTest(5, 1000, 20, 1000, 'less').pValue).toBeCloseTo(0.0012683555874842517, 12);
    // Expected errors 4.5 per side: exact test.
    expect(twoProportionTest(6, 1000, 3, 1000, 'greater').method).toBe('Fisher exact');
  });

  it('says no evidence when neither side has an error, and refuses tables that are not counts', () => {
    expect(twoProportionTest(0, 500, 0, 500, 'greater').pValue).toBe(1);
    expect(() => twoProportionTest(3, 2, 0, 10, 'greater')).toThrow(/not a count/);
    expect(() => twoProportionTest(0, 0, 0, 10, 'greater')).toThrow(/not a count/);
    expect(() => twoProportionTest(1.5, 10, 0, 10, 'greater')).toThrow(/not a count/);
  });

  it('computes log-factorials on both sides of the switch to Stirling', () => {
    let summed = 0;
    for (let n = 1; n <= 2000; n++) {
      summed += Math.log(n);
      expect(logFactorial(n)).toBeCloseTo(summed, 8);
    }
    expect(logFactorial(0)).toBe(0);
  });

  it('keeps the normal upper tail accurate far out, where 1 − Φ(z) would round to 0', () => {
    // scipy.stats.norm.sf(10) = 7.61985302416047e-24, norm.sf(30) = 4.906713927147908e-198.
    expect(standardNormalUpperTail(10) / 7.61985302416047e-24).toBeCloseTo(1, 12);
    expect(standardNormalUpperTail(30) / 4.906713927147908e-198).toBeCloseTo(1, 12);
  });
});

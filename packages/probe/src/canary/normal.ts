import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** P(Z ≤ z) for a standard normal Z. */
export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

/**
 * P(Z ≥ z). Taken as Φ(−z) rather than 1 − Φ(z): the subtraction would round a tail p of 1e-17 to 0 and
 * lose digits long before that.
 */
export function standardNormalUpperTail(z: number): number {
  return normalCdf(-z, 0, 1);
}

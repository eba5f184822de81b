/**
 * How much slower than a developer's machine the tests may run: SHIPGATE_TEST_TIMEOUT_FACTOR (a number, default 1).
 * A loaded CI machine sets it so that limits meant as "promptly" do not fail on a slow host.
 */
export function timeoutFactor(): number {
  const factor = Number(process.env.SHIPGATE_TEST_TIMEOUT_FACTOR ?? '1');
  return Number.isFinite(factor) && factor >= 1 ? factor : 1;
}

/** A time limit scaled by the timeout factor. */
export function scaledTimeout(ms: number): number {
  return Math.round(ms * timeoutFactor());
}

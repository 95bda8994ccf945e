import { normalQuantile } from './normal.ts';
import { assertInteger, assertOpenUnit } from './validate.ts';

/** A two-sided confidence interval. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Wilson score interval for a binomial proportion, without continuity correction.
 *
 * E. B. Wilson (1927), "Probable Inference, the Law of Succession, and Statistical Inference",
 * JASA 22:209–212. With p̂ = k/n and z = Φ⁻¹(1 − α/2) ({@link normalQuantile}, AS 241):
 *   center = (p̂ + z²/(2n)) / (1 + z²/n)
 *   half   = z · sqrt(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n)
 *   [lo, hi] = [max(0, center − half), min(1, center + half)]
 * Matches statsmodels `proportion_confint(k, n, alpha, method='wilson')` and scipy
 * `binomtest(k, n).proportion_ci(method='wilson')`. Source: docs/metrics.md §4.4. The bounds are exactly
 * 0 when k = 0 and exactly 1 when k = n.
 *
 * @param successes - k, an integer from 0 to n.
 * @param n - number of trials, ≥ 1.
 * @param confidence - two-sided confidence level; @default 0.95
 *
 * @example
 * wilsonInterval(3, 10); // { lo: 0.1077912674, hi: 0.6032218525 }
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  assertInteger('wilsonInterval', 'n', n, 1);
  assertInteger('wilsonInterval', 'successes', successes);
  if (successes > n) {
    throw new RangeError(`wilsonInterval: successes must be ≤ n, got successes = ${successes}, n = ${n}`);
  }
  assertOpenUnit('wilsonInterval', 'confidence', confidence);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const pHat = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (pHat + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((pHat * (1 - pHat)) / n + z2 / (4 * n * n))) / denominator;
  return {
    lo: successes === 0 ? 0 : Math.max(0, center - half),
    hi: successes === n ? 1 : Math.min(1, center + half),
  };
}

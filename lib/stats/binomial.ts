import { logBinomialCoefficient } from './log-gamma.ts';
import { assertInteger } from './validate.ts';

/**
 * Binomial lower tail P(X ≤ k) for X ~ Binomial(n, p), stable for n in the tens of thousands
 * and beyond.
 *
 * Method: the largest summed term is computed in log space (ln C(n,i) + i·ln p + (n−i)·ln(1−p),
 * with {@link logBinomialCoefficient}); the other terms follow from the pmf ratio
 * pmf(i−1)/pmf(i) = i/(n−i+1) · (1−p)/p, so nothing overflows or underflows early. When k is
 * above the mode the complement 1 − P(X ≥ k+1) is summed instead, so every summed run of terms
 * decreases away from its first term and the sum stops once terms no longer change it. Checked
 * against exact rational sums (Python `fractions`) in the unit tests.
 *
 * @example
 * binomialCdf(2, 12, 0.5); // 79/4096 = 0.019287109375
 */
export function binomialCdf(k: number, n: number, p: number): number {
  assertInteger('binomialCdf', 'n', n);
  assertInteger('binomialCdf', 'k', k);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialCdf: p must be between 0 and 1, got ${p}`);
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  const mode = Math.floor((n + 1) * p);
  if (k < mode) return sumDownwardFrom(k, n, p);
  return Math.max(0, 1 - sumUpwardFrom(k + 1, n, p));
}

/**
 * Binomial upper tail P(X ≥ k) for X ~ Binomial(n, p), with the same method as
 * {@link binomialCdf} (summed directly when k is above the mode, so tiny tails keep their digits).
 *
 * @example
 * binomialSurvival(10, 12, 0.5); // 79/4096
 */
export function binomialSurvival(k: number, n: number, p: number): number {
  assertInteger('binomialSurvival', 'n', n);
  assertInteger('binomialSurvival', 'k', k);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialSurvival: p must be between 0 and 1, got ${p}`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const mode = Math.floor((n + 1) * p);
  if (k > mode) return sumUpwardFrom(k, n, p);
  return Math.max(0, 1 - sumDownwardFrom(k - 1, n, p));
}

/** ln pmf(i) = ln C(n, i) + i ln p + (n − i) ln(1 − p). */
function logPmf(i: number, n: number, p: number): number {
  return logBinomialCoefficient(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p);
}

/** Σ_{i=0}^{k} pmf(i), for k at or below the mode (terms shrink as i falls). */
function sumDownwardFrom(k: number, n: number, p: number): number {
  const oddsDown = (1 - p) / p;
  let term = 1;
  let relative = 1;
  for (let i = k; i > 0; i--) {
    term *= (i / (n - i + 1)) * oddsDown;
    relative += term;
    if (term < relative * 1e-17) break;
  }
  return Math.min(1, Math.exp(logPmf(k, n, p) + Math.log(relative)));
}

/** Σ_{i=k}^{n} pmf(i), for k at or above the mode (terms shrink as i rises). */
function sumUpwardFrom(k: number, n: number, p: number): number {
  const oddsUp = p / (1 - p);
  let term = 1;
  let relative = 1;
  for (let i = k; i < n; i++) {
    term *= ((n - i) / (i + 1)) * oddsUp;
    relative += term;
    if (term < relative * 1e-17) break;
  }
  return Math.min(1, Math.exp(logPmf(k, n, p) + Math.log(relative)));
}

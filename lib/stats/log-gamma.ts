import { assertFinite } from './validate.ts';

/**
 * Lanczos coefficients for g = 7, n = 9 (P. Godfrey's set, as printed in the Wikipedia article
 * "Lanczos approximation" and used by many numerical libraries); relative error about 1e-15.
 */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;
const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ln Γ(x) for x > 0.
 *
 * Lanczos (1964), "A Precision Approximation of the Gamma Function", SIAM J. Numer. Anal. B 1:86–96:
 * Γ(x+1) = √(2π) · (x + g + ½)^(x+½) · e^(−(x+g+½)) · A_g(x), with A_g(x) = c₀ + Σ_k c_k/(x + k).
 * For 0 < x < ½ the reflection formula Γ(x)Γ(1−x) = π / sin(πx) is used.
 *
 * @example
 * logGamma(11); // ln(10!) = 15.104412573075516
 */
export function logGamma(x: number): number {
  assertFinite('logGamma', 'x', x);
  if (x <= 0) throw new RangeError(`logGamma: x must be > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let k = 1; k < LANCZOS_COEFFICIENTS.length; k++) {
    series += LANCZOS_COEFFICIENTS[k] / (shifted + k);
  }
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/**
 * ln C(n, k), the log of the binomial coefficient, via {@link logGamma}:
 * ln n! − ln k! − ln (n−k)!. Exact 0 at k = 0 and k = n.
 *
 * @example
 * Math.exp(logBinomialCoefficient(10, 5)); // ≈ 252
 */
export function logBinomialCoefficient(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`logBinomialCoefficient: need integers 0 ≤ k ≤ n, got n = ${n}, k = ${k}`);
  }
  if (k === 0 || k === n) return 0;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

import { assertFiniteValues } from './validate.ts';

/**
 * Arithmetic mean, x̄ = (1/n) Σ x_i, or `null` for an empty list.
 *
 * @example
 * mean([1, 2, 3]); // 2
 */
export function mean(values: readonly number[]): number | null {
  assertFiniteValues('mean', 'values', values);
  if (values.length === 0) return null;
  return sumOf(values) / values.length;
}

/**
 * Standard error of the mean with the unbiased variance, SE = sqrt(Σ(x_i − x̄)² / (n(n − 1))),
 * or `null` when n < 2.
 *
 * Source: Miller 2024, "Adding Error Bars to Evals" (arXiv 2411.00640) §2; the same form as
 * inspect_ai `stderr()` (`np.std(values, ddof=1) / sqrt(n)`). Values 0..9 give 0.9574271.
 */
export function standardError(values: readonly number[]): number | null {
  assertFiniteValues('standardError', 'values', values);
  const n = values.length;
  if (n < 2) return null;
  return Math.sqrt(sumOfSquaredDeviations(values) / (n - 1) / n);
}

/** Σ x_i. Internal helper. */
export function sumOf(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index]!;
  return total;
}

/** Σ (x_i − x̄)², two-pass for accuracy. Internal helper; 0 for an empty list. */
export function sumOfSquaredDeviations(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const center = sumOf(values) / values.length;
  let total = 0;
  for (let index = 0; index < values.length; index++) total += (values[index]! - center) ** 2;
  return total;
}

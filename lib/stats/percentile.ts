import { assertFinite, assertFiniteValues } from './validate.ts';

/**
 * The p-th percentile (0 ≤ p ≤ 100) with linear interpolation between order statistics, or
 * `null` for an empty list.
 *
 * This is numpy's default, `np.percentile(x, p)` with `method='linear'`, which is
 * Hyndman & Fan (1996) definition 7 (also R's `quantile(type = 7)` and pandas
 * `Series.quantile`). With x sorted ascending and 0-based:
 * h = (n − 1)·p/100, lo = ⌊h⌋, value = x[lo] + (h − lo)·(x[lo+1] − x[lo]).
 * Source: docs/metrics.md §6.3; numpy `lib/_function_base_impl.py` (`_quantile`, method 'linear').
 *
 * @example
 * percentile([120, 80, 100, 300, 90, 110, 95, 105, 1000, 85], 95); // 685
 */
export function percentile(values: readonly number[], p: number): number | null {
  assertFinite('percentile', 'p', p);
  if (p < 0 || p > 100) {
    throw new RangeError(`percentile: p must be between 0 and 100, got ${p}`);
  }
  assertFiniteValues('percentile', 'values', values);
  if (values.length === 0) return null;
  return percentileOfSorted(sortAscending(values), p);
}

/**
 * Type-7 percentile of an already sorted, non-empty list. Internal helper, so callers that need
 * several percentiles sort once.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const lower = sorted[lo];
  if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
  const upper = sorted[lo + 1];
  // Written as lower + t·(upper − lower), numpy's form, so equal neighbours give exactly that value.
  return lower + (h - lo) * (upper - lower);
}

/** A sorted copy; never mutates the input. Internal helper. */
export function sortAscending(values: ArrayLike<number>): Float64Array {
  // A typed array's native numeric sort, ~10× faster than a comparator on a million values (the
  // same order for the finite numbers callers pass). Kept typed: a copy back into an array cost
  // ~25 MB of garbage per million values at the seal.
  return Float64Array.from(values).sort();
}

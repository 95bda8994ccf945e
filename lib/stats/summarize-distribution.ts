import { sumOf, sumOfSquaredDeviations } from './mean.ts';
import { percentileOfSorted, sortAscending } from './percentile.ts';
import { assertFiniteValues } from './validate.ts';

/** Descriptive statistics of a list of numbers; every field but `n` is `null` when n = 0. */
export interface DistributionSummary {
  readonly n: number;
  readonly mean: number | null;
  /** Type-7 (numpy default) percentiles; see {@link percentile}. */
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Population standard deviation (ddof = 0), as `np.std` and vLLM's benchmark report it. */
  readonly std: number | null;
}

/**
 * Summarises a distribution (latencies, token counts, costs) the way vLLM's
 * `benchmarks/benchmark_serving.py` does: mean, `np.std` (ddof = 0) and `np.percentile`
 * (linear, Hyndman & Fan type 7). Source: docs/metrics.md §6.1 and §6.3.
 *
 * Deliberate choice: std uses ddof = 0 (vLLM); LLMPerf reports pandas' ddof = 1 instead.
 * Report `n` beside tail percentiles: with n = 10, p99 is interpolated from two points.
 *
 * @example
 * summarizeDistribution([120, 80, 100, 300, 90, 110, 95, 105, 1000, 85]).p90; // 370
 * summarizeDistribution([]); // { n: 0, mean: null, p50: null, ... }
 */
export function summarizeDistribution(values: readonly number[]): DistributionSummary {
  assertFiniteValues('summarizeDistribution', 'values', values);
  return summarizeSorted(sortAscending(values));
}

/** {@link summarizeDistribution} of values already sorted ascending and checked finite, for callers that need the sorted list too. Internal. */
export function summarizeSorted(sorted: ArrayLike<number>): DistributionSummary {
  const n = sorted.length;
  if (n === 0) return { n, mean: null, p50: null, p90: null, p95: null, p99: null, min: null, max: null, std: null };
  return {
    n,
    // Summed over the sorted values, so the result does not depend on the order values arrived in.
    mean: sumOf(sorted) / n,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    min: sorted[0],
    max: sorted[n - 1],
    std: Math.sqrt(sumOfSquaredDeviations(sorted) / n),
  };
}

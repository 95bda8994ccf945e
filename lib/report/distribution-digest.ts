import { percentile } from '../stats/index.ts';
import type { DistributionDigest } from './report-data.ts';

/** Histogram bins per chart: enough to show shape, few enough to read at phone width. */
const BIN_COUNT = 30;

/**
 * Shared histogram edges for several candidates' values, so their histograms overlay bin for bin.
 * The range runs from the smallest value to the largest p99 (not the max): one 60 s timeout
 * would otherwise squeeze every other request into the first bin. Values above the range are
 * counted in `overflow` and folded into the last bin.
 */
export function sharedEdges(groups: readonly (readonly number[])[]): number[] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of groups) {
    if (values.length === 0) continue;
    const sorted = [...values].sort((a, b) => a - b);
    lo = Math.min(lo, sorted[0]!);
    hi = Math.max(hi, percentile(sorted, 99)!);
  }
  if (!Number.isFinite(lo)) return null;
  if (hi <= lo) hi = lo + 1;
  const width = (hi - lo) / BIN_COUNT;
  return Array.from({ length: BIN_COUNT + 1 }, (_, index) => lo + index * width);
}

/**
 * Reduces a list of values to a {@link DistributionDigest}: histogram counts over `edges` and
 * the 101 type-7 percentiles (numpy's default; see lib/stats `percentile`) for the CDF.
 * Returns null for an empty list.
 */
export function digestDistribution(values: readonly number[], edges: readonly number[]): DistributionDigest | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const lo = edges[0]!;
  const hi = edges[bins]!;
  const width = (hi - lo) / bins;
  let overflow = 0;
  for (const value of sorted) {
    if (value > hi) overflow++;
    const index = Math.min(bins - 1, Math.max(0, Math.floor((value - lo) / width)));
    counts[index]!++;
  }
  // percentile() copies and re-sorts; on sorted input that sort is linear, so 101 calls stay cheap.
  const quantiles = Array.from({ length: 101 }, (_, p) => percentile(sorted, p)!);
  return { n: sorted.length, min: sorted[0]!, max: sorted[sorted.length - 1]!, edges, counts, overflow, quantiles };
}

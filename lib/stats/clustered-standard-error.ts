import { assertFiniteValues, assertSameLength } from './validate.ts';

/** A cluster label per value: a passage id, a BBQ `category:question_index`, a template id. */
export type ClusterKey = string | number;

/** Options for {@link clusteredStandardError}. */
export interface ClusteredStandardErrorOptions {
  /**
   * Multiply the variance by C/(C − 1) for C clusters (the finite-cluster correction inspect_ai
   * applies). @default false — Miller's CR0 form, as in the paper.
   */
  readonly finiteClusterCorrection?: boolean;
}

/**
 * Cluster-robust standard error of a mean.
 *
 * E. Miller (2024), "Adding Error Bars to Evals", arXiv 2411.00640, §2.2 / Appendix A:
 *   SE² = SE_CLT² + (1/n²) Σ_c Σ_{i∈c} Σ_{j∈c, j≠i} (x_i − x̄)(x_j − x̄),
 * with SE_CLT² = (1/n²) Σ_i (x_i − x̄)² (population variance / n), which collapses to the sandwich
 * (CR0) form computed here:
 *   SE = sqrt( Σ_c ( Σ_{i∈c} (x_i − x̄) )² ) / n.
 * With `finiteClusterCorrection`, SE is multiplied by sqrt(C/(C − 1)), matching inspect_ai
 * `stderr(cluster=...)` (`src/inspect_ai/scorer/_metrics/std.py`, which notes this differs from
 * the paper). No (n − 1)/(n − k) factor is applied (that would be Stata's CR1).
 *
 * Returns null when n = 0 or there are fewer than 2 clusters: with one cluster the formula gives 0,
 * which would be reported as certainty, so it is "n/a" instead (docs/metrics.md §4.2). Singleton
 * clusters reproduce the plain SE with ddof = 0. Clustering can shrink the SE when correlation
 * within clusters is negative.
 *
 * @example
 * // [1,1,1 | 0,0,0 | 1,0,1 | 1,1,0]
 * clusteredStandardError([1,1,1,0,0,0,1,0,1,1,1,0], ['a','a','a','b','b','b','c','c','c','d','d','d']);
 * // 0.181621 (0.209718 with finiteClusterCorrection)
 */
export function clusteredStandardError(
  values: readonly number[],
  clusters: readonly ClusterKey[],
  options: ClusteredStandardErrorOptions = {},
): number | null {
  const fn = 'clusteredStandardError';
  assertSameLength(fn, ['values', 'clusters'], values, clusters);
  assertFiniteValues(fn, 'values', values);
  const n = values.length;
  if (n === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  const center = total / n;
  const residualSums = new Map<ClusterKey, number>();
  for (let i = 0; i < n; i++) {
    residualSums.set(clusters[i], (residualSums.get(clusters[i]) ?? 0) + (values[i] - center));
  }
  const clusterCount = residualSums.size;
  if (clusterCount < 2) return null;
  let sumOfSquares = 0;
  for (const residualSum of residualSums.values()) sumOfSquares += residualSum * residualSum;
  const correction = options.finiteClusterCorrection ? clusterCount / (clusterCount - 1) : 1;
  return Math.sqrt(correction * sumOfSquares) / n;
}

/** Number of distinct cluster keys. */
export function countClusters(clusters: readonly ClusterKey[]): number {
  return new Set(clusters).size;
}

import { clusteredStandardError, countClusters, type ClusterKey } from './clustered-standard-error.ts';
import { sumOf, standardError } from './mean.ts';
import { normalQuantile } from './normal.ts';
import { assertFiniteValues, assertOpenUnit } from './validate.ts';

/** Options for {@link meanInterval}. */
export interface MeanIntervalOptions {
  /** One cluster key per value; when given, the SE is cluster-robust. */
  readonly clusters?: readonly ClusterKey[];
  /** Two-sided confidence level. @default 0.95 */
  readonly confidence?: number;
  /** Apply C/(C − 1) to the clustered variance (inspect_ai's form). @default false (Miller's CR0) */
  readonly finiteClusterCorrection?: boolean;
}

/** How the standard error was computed, so reports can state it (docs/metrics.md §7 item 5). */
export type StandardErrorMethod = 'iid-ddof1' | 'clustered-cr0' | 'clustered-finite-correction';

/** A mean with its standard error and normal-approximation interval. */
export interface MeanInterval {
  readonly n: number;
  /** null when n = 0. */
  readonly mean: number | null;
  /** null when n < 2, or when clustered with fewer than 2 clusters. */
  readonly se: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly seMethod: StandardErrorMethod;
  /** Distinct clusters, or null when not clustered. */
  readonly clusterCount: number | null;
  readonly confidence: number;
}

/**
 * Mean with a CLT (normal-approximation) interval, x̄ ± z·SE with z = Φ⁻¹(1 − α/2).
 *
 * Miller (2024), "Adding Error Bars to Evals", arXiv 2411.00640, §2: unclustered SE uses the
 * unbiased variance, sqrt(Σ(x_i − x̄)²/(n(n − 1))) (inspect_ai `stderr()`); with `clusters`, the
 * cluster-robust SE of {@link clusteredStandardError} (CR0 unless `finiteClusterCorrection`).
 * Note the two forms differ by sqrt(n/(n−1)) when every cluster is a singleton.
 *
 * Deliberate omissions: no t-quantile. With fewer than ~30 clusters, or small n, prefer a
 * {@link clusteredBootstrapInterval}; for proportions near 0 or 1 prefer {@link wilsonInterval}.
 * Bounds are not clipped to the range of the scores.
 *
 * @example
 * meanInterval([1, 0, 1, 1], { clusters: ['q1', 'q1', 'q2', 'q2'] });
 */
export function meanInterval(values: readonly number[], options: MeanIntervalOptions = {}): MeanInterval {
  const fn = 'meanInterval';
  assertFiniteValues(fn, 'values', values);
  const confidence = options.confidence ?? 0.95;
  assertOpenUnit(fn, 'confidence', confidence);
  const n = values.length;
  const { clusters } = options;
  const seMethod: StandardErrorMethod =
    clusters === undefined ? 'iid-ddof1' : options.finiteClusterCorrection ? 'clustered-finite-correction' : 'clustered-cr0';
  const clusterCount = clusters === undefined ? null : countClusters(clusters);
  const mean = n === 0 ? null : sumOf(values) / n;
  const se =
    clusters === undefined
      ? standardError(values)
      : clusteredStandardError(values, clusters, { finiteClusterCorrection: options.finiteClusterCorrection ?? false });
  if (mean === null || se === null) {
    return { n, mean, se, lo: null, hi: null, seMethod, clusterCount, confidence };
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { n, mean, se, lo: mean - z * se, hi: mean + z * se, seMethod, clusterCount, confidence };
}

import type { CorpusStatistic } from '../scorers/index.ts';

/** A corpus metric's statistic and its per-sample sufficient statistics (summed over repeats). */
export interface CorpusOutcomes {
  readonly statistic: CorpusStatistic;
  /** Sample id → that sample's summed statistics, in sample order (see lib/engine's `SampleOutcomes`). */
  readonly stats: ReadonlyMap<string, readonly number[]>;
}

/**
 * A read-only view of one candidate's per-sample outcomes. Paired statistics (comparisons,
 * baseline gates, `verdict compare`) need sample-level values matched by sample id, not the
 * record-level totals of `CandidateMetricsAccumulator` (lib/engine).
 */
export interface SampleOutcomeView {
  /** The per-sample metrics held: `accuracy` and `score.<scorer>`. */
  readonly metricNames: readonly string[];
  /**
   * `accuracy.pass@<k>` for each k > 1 the primary scorer asks for (the `code` scorer's `k`),
   * compared like the others on each sample's unbiased pass@k (pass@1 is each sample's pass rate:
   * the `accuracy` comparison already); absent on views without them.
   */
  readonly passAtKNames?: readonly string[];
  /**
   * Sample id → mean over repeats of `metric`, in sample order; for `accuracy.pass@<k>`,
   * each sample's pass@k over its repeats (undefined unless every sample has ≥ k repeats);
   * undefined for other metrics.
   */
  means(metric: string): ReadonlyMap<string, number> | undefined;
  /** The sample's cluster (from `dataset.clusterField`), if any. */
  clusterOf(sampleId: string): string | undefined;
  /** Corpus metrics held (BLEU, chrF, TER by scorer id); absent on views without them. */
  readonly corpusMetricNames?: readonly string[];
  /** A corpus metric's per-sample statistics, for paired tests that resample them. */
  corpus?(metric: string): CorpusOutcomes | undefined;
  /**
   * Every answered request's end-to-end latency or TTFT in ms (the values behind `latency.*` and
   * `ttft.*`), for two-sample tests of a percentile; absent on views without them.
   */
  requestTimes?(kind: RequestTimeKind): ArrayLike<number>;
}

/** Which request times {@link SampleOutcomeView.requestTimes} returns. */
export type RequestTimeKind = 'latency' | 'ttft';

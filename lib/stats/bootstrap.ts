import {
  boundDistribution,
  checkStatistic,
  drawIndices,
  resolveBootstrapOptions,
  type BootstrapOptions,
} from './bootstrap-distribution.ts';
import { createRng } from './rng.ts';

/** A percentile-bootstrap interval for a statistic, with what is needed to reproduce it. */
export interface BootstrapResult {
  /** The statistic on the original items (null if it is undefined there, or n = 0). */
  readonly estimate: number | null;
  /** Percentile interval bounds; null when every resample was skipped or n = 0. */
  readonly lo: number | null;
  readonly hi: number | null;
  /** Bootstrap standard error: std (ddof = 1) of the non-null resample statistics. */
  readonly se: number | null;
  /** Number of items (for the clustered variant, still items, not clusters). */
  readonly n: number;
  readonly resamples: number;
  /** Resamples whose statistic was null (for example a ratio with a zero denominator); excluded. */
  readonly skipped: number;
  readonly confidence: number;
  readonly seed: number;
}

/** A statistic over a (re)sample of items; return null where it is undefined for that sample. */
export type Statistic<T> = (sample: readonly T[]) => number | null;

/**
 * Percentile bootstrap interval of any statistic over independent items.
 *
 * Efron (1979), "Bootstrap Methods: Another Look at the Jackknife", Ann. Statist. 7:1–26; the
 * percentile interval of Efron & Tibshirani (1993), "An Introduction to the Bootstrap", ch. 13:
 * draw B resamples of n items with replacement, compute the statistic on each, and report its
 * α/2 and 1 − α/2 quantiles (numpy linear). Resamples whose statistic is null are skipped and
 * counted in `skipped`. The statistic receives whole items, so ratio metrics (BBQ bias score, F1
 * from counts) bootstrap correctly. Seeded by {@link createRng}.
 *
 * @example
 * const result = bootstrapInterval(records, (sample) => biasScore(sample), { seed: 7 });
 * // { estimate, lo, hi, se, n, resamples: 2000, skipped, confidence: 0.95, seed: 7 }
 */
export function bootstrapInterval<T>(
  items: readonly T[],
  statistic: Statistic<T>,
  options: BootstrapOptions,
): BootstrapResult {
  const fn = 'bootstrapInterval';
  const settings = resolveBootstrapOptions(fn, options);
  const n = items.length;
  if (n === 0) return { estimate: null, lo: null, hi: null, se: null, n, skipped: 0, ...settings };
  const rng = createRng(settings.seed);
  const drawSample = () => drawIndices(rng, n).map((index) => items[index]);
  const estimates = collectEstimates(fn, settings.resamples, drawSample, statistic);
  const estimate = checkStatistic(fn, statistic(items), 'the original items');
  const bounds = boundDistribution(estimates, settings.confidence);
  return { estimate, ...bounds, n, skipped: settings.resamples - estimates.length, ...settings };
}

/** Options for {@link clusteredBootstrapInterval}. */
export interface ClusteredBootstrapOptions<T> extends BootstrapOptions {
  /** The cluster an item belongs to (BBQ: `${category}:${question_index}`; QA: passage id). */
  readonly clusterOf: (item: T) => string;
}

/** {@link BootstrapResult} plus the number of clusters resampled. */
export interface ClusteredBootstrapResult extends BootstrapResult {
  readonly clusters: number;
}

/**
 * Cluster (block) bootstrap: resamples whole clusters with replacement and pools their items, so
 * correlation inside a cluster (one BBQ template's four variants, questions on one passage) widens
 * the interval as it should.
 *
 * Davison & Hinkley (1997), "Bootstrap Methods and their Application", §3.8 (resampling the first
 * stage of a two-stage design); Field & Welsh (2007), "Bootstrapping Clustered Data", JRSS B 69(3).
 * Each resample draws C clusters from the C observed ones, so its item count varies. Clusters are
 * ordered by first appearance, so a seed gives the same result for the same input order. Null
 * statistics are skipped and counted as in {@link bootstrapInterval}. With fewer than ~30 clusters
 * the interval is optimistic (docs/metrics.md §4.2).
 *
 * @example
 * clusteredBootstrapInterval(bbqRows, biasScore, {
 *   seed: 7,
 *   clusterOf: (row) => `${row.category}:${row.questionIndex}`,
 * });
 */
export function clusteredBootstrapInterval<T>(
  items: readonly T[],
  statistic: Statistic<T>,
  options: ClusteredBootstrapOptions<T>,
): ClusteredBootstrapResult {
  const fn = 'clusteredBootstrapInterval';
  const settings = resolveBootstrapOptions(fn, options);
  const groups = groupByCluster(items, options.clusterOf);
  const n = items.length;
  if (n === 0) return { estimate: null, lo: null, hi: null, se: null, n, skipped: 0, clusters: 0, ...settings };
  const rng = createRng(settings.seed);
  const drawSample = () => drawIndices(rng, groups.length).flatMap((index) => groups[index]);
  const estimates = collectEstimates(fn, settings.resamples, drawSample, statistic);
  const estimate = checkStatistic(fn, statistic(items), 'the original items');
  const bounds = boundDistribution(estimates, settings.confidence);
  const skipped = settings.resamples - estimates.length;
  return { estimate, ...bounds, n, skipped, clusters: groups.length, ...settings };
}

/** The non-null statistics of `resamples` drawn samples. */
function collectEstimates<T>(
  fn: string,
  resamples: number,
  drawSample: () => T[],
  statistic: Statistic<T>,
): number[] {
  const estimates: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const value = checkStatistic(fn, statistic(drawSample()), `resample ${r}`);
    if (value !== null) estimates.push(value);
  }
  return estimates;
}

/** Items grouped by cluster key, in order of first appearance. */
function groupByCluster<T>(items: readonly T[], clusterOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = clusterOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

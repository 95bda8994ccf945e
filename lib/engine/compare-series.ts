import type { Comparison } from '../results/index.ts';
import { countDiscordantPairs, holmAdjust, mcnemarExact, pairedBootstrap, pairedDifference, pairedZTest } from '../stats/index.ts';
import type { SampleOutcomeView } from '../gate/index.ts';

/** Bootstrap resamples for continuous comparisons (docs/metrics.md §4.6: ≥ 1,000; p resolution 2/B). */
export const COMPARISON_RESAMPLES = 2000;

/** Options of {@link compareSeries}. */
export interface CompareSeriesOptions {
  readonly a: { readonly id: string; readonly outcomes: SampleOutcomeView };
  readonly b: { readonly id: string; readonly outcomes: SampleOutcomeView };
  readonly metric: string;
  /** Seed of the paired bootstrap, so the interval can be reproduced. */
  readonly seed: number;
  readonly resamples?: number;
}

/** Per-sample values of both sides on the samples they share, in A's sample order. */
export interface PairedSeries {
  readonly ids: readonly string[];
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** One cluster per id when either side has clusters, else undefined. */
  readonly clusters?: readonly string[];
}

/** Matches two candidates' per-sample means of `metric` by sample id; undefined if either lacks it. */
export function pairSeries(a: SampleOutcomeView, b: SampleOutcomeView, metric: string): PairedSeries | undefined {
  const left = a.means(metric);
  const right = b.means(metric);
  if (!left || !right) return undefined;
  const ids = [...left.keys()].filter((id) => right.has(id));
  const clusterOf = (id: string) => a.clusterOf(id) ?? b.clusterOf(id);
  const clustered = ids.some((id) => clusterOf(id) !== undefined);
  return {
    ids,
    a: ids.map((id) => left.get(id)!),
    b: ids.map((id) => right.get(id)!),
    ...(clustered && { clusters: ids.map((id) => clusterOf(id) ?? `sample:${id}`) }),
  };
}

/**
 * The paired comparison of two candidates on one per-sample metric (Miller 2024, arXiv
 * 2411.00640, §4: always compare on the shared questions). The test follows the data:
 * - clustered samples → paired z test with a cluster-robust SE (`paired-z-clustered`), since
 *   McNemar and the i.i.d. bootstrap both assume independent samples;
 * - every per-sample value 0 or 1 → exact McNemar (McNemar 1947; p as scipy `binomtest`) with the
 *   matched-pairs Wald interval (Agresti 2013 §11.1);
 * - otherwise (partial credit, means over repeats) → paired bootstrap, percentile interval and
 *   two-sided p (Koehn 2004).
 * `pAdjusted` is left null here; {@link adjustComparisons} fills it across a family.
 */
export function compareSeries(options: CompareSeriesOptions): Comparison | undefined {
  const comparison = pairedComparison(options);
  return comparison && inReadingOrder(comparison);
}

function pairedComparison(options: CompareSeriesOptions): Comparison | undefined {
  const series = pairSeries(options.a.outcomes, options.b.outcomes, options.metric);
  if (!series) return undefined;
  const head = { a: options.a.id, b: options.b.id, metric: options.metric, n: series.ids.length };
  const binary = [...series.a, ...series.b].every((value) => value === 0 || value === 1);
  const counts = binary ? binaryCounts(series) : continuousCounts(series);
  if (series.ids.length === 0) {
    return { ...head, valueA: null, valueB: null, diff: null, test: binary ? 'mcnemar-exact' : 'paired-bootstrap', pValue: null, pAdjusted: null, significant: false, counts };
  }
  const values = { valueA: average(series.a), valueB: average(series.b) };
  const base = { ...head, ...values, pAdjusted: null, significant: false, counts };
  if (series.clusters) {
    const z = pairedZTest({ a: series.a, b: series.b, clusters: series.clusters });
    return { ...base, diff: z.diff, ...(z.lo !== null && { ci95: [z.lo, z.hi!] as [number, number] }), test: 'paired-z-clustered', pValue: z.pValue, clusters: z.clusterCount };
  }
  if (binary) {
    const difference = pairedDifference(series.a, series.b);
    const { pValue } = mcnemarExact(difference.onlyA, difference.onlyB);
    return { ...base, diff: difference.diff, ci95: [difference.lo, difference.hi], test: 'mcnemar-exact', pValue };
  }
  // pairedBootstrap reports stat(a) − stat(b); pass (b, a) so diff is b − a like the other tests.
  const boot = pairedBootstrap({ a: series.b, b: series.a, seed: options.seed, resamples: options.resamples ?? COMPARISON_RESAMPLES });
  return { ...base, diff: boot.diff, ci95: [boot.lo, boot.hi], test: 'paired-bootstrap', pValue: boot.pValue, resamples: boot.resamples, seed: boot.seed };
}

/**
 * Holm (1979) step-down adjustment across a family of comparisons (statsmodels
 * `multipletests(method='holm')`): sets `pAdjusted` and `significant` (pAdjusted < alpha).
 */
export function adjustComparisons(comparisons: readonly Comparison[], alpha = 0.05): Comparison[] {
  const tested = comparisons.map((comparison, index) => ({ index, p: comparison.pValue })).filter((entry) => entry.p !== null);
  const adjusted = holmAdjust(tested.map((entry) => entry.p!));
  const byIndex = new Map(tested.map((entry, rank) => [entry.index, adjusted[rank]!]));
  return comparisons.map((comparison, index) => {
    const pAdjusted = byIndex.get(index) ?? null;
    return { ...comparison, pAdjusted, significant: pAdjusted !== null && pAdjusted < alpha };
  });
}

/**
 * True when `metric`'s per-sample values equal accuracy's on every sample (the primary scorer's
 * score when it is pass/fail): comparing it again would only widen the Holm family.
 */
export function sameAsAccuracy(outcomes: SampleOutcomeView, metric: string): boolean {
  const accuracy = outcomes.means('accuracy');
  const values = outcomes.means(metric);
  if (!accuracy || !values) return false;
  for (const [id, value] of values) if (accuracy.get(id) !== value) return false;
  return true;
}

/** Same object, keys in the order a reader wants them in summary.json. */
function inReadingOrder(comparison: Comparison): Comparison {
  const { a, b, metric, n, valueA, valueB, diff, ci95, test, pValue, pAdjusted, significant, counts, ...extra } = comparison;
  return { a, b, metric, n, valueA, valueB, diff, ...(ci95 && { ci95 }), test, pValue, pAdjusted, significant, counts, ...extra };
}

function binaryCounts(series: PairedSeries): Comparison['counts'] {
  const { onlyA, onlyB, both, neither } = countDiscordantPairs(series.a, series.b);
  return { onlyA, onlyB, both, neither };
}

function continuousCounts(series: PairedSeries): Comparison['counts'] {
  const counts = { aHigher: 0, bHigher: 0, ties: 0 };
  series.a.forEach((value, i) => {
    if (value > series.b[i]!) counts.aHigher++;
    else if (value < series.b[i]!) counts.bHigher++;
    else counts.ties++;
  });
  return counts;
}

function average(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

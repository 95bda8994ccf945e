import type { Metric, MetricOf } from '../results/index.ts';
import { meanInterval, passAtK, standardError, wilsonInterval } from '../stats/index.ts';
import type { SampleOutcomes } from './sample-outcomes.ts';

/** The k of pass@k reported, when the run has at least k repeats per sample (plus k = repeats). */
const PASS_AT_K = [1, 2, 3, 5, 10, 20, 50, 100] as const;

/**
 * Sample-level metrics, laid over the record-level ones when they would be wrong:
 *
 * - with `execution.repeats: n > 1`, repeats of one sample are not independent, so `accuracy`
 *   and `score.<id>` become the mean over samples of each sample's mean over repeats, with the
 *   interval over samples (n = samples, not records): "resamples for LLM sampling (K) do not
 *   increase n" (docs/metrics.md §7, pitfall 4; Miller 2024, arXiv 2411.00640, §3). Added: `accuracy.pass@k`
 *   for k ≤ n (Chen et al. 2021 unbiased estimator, averaged over samples), the spread across
 *   repeats (`accuracy.repeat_sd`) and the share of samples whose repeats all agree
 *   (`accuracy.consistency`);
 * - with `dataset.clusterField`, the intervals of `accuracy` and `score.<id>` are cluster-robust
 *   (CR0, Miller 2024 §2.2), since samples that share a template or passage are correlated.
 *
 * Returns an empty object (keep the Wilson intervals) when there is one repeat and no clusters.
 * Intervals are CLT intervals x̄ ± 1.96·SE clipped to [0, 1]; the SE form is named in `method`.
 * With fewer than two clusters a clustered SE is undefined; the metric then falls back to the
 * unclustered SE and says so in `note`.
 */
export function sampleLevelMetrics(outcomes: SampleOutcomes, options: SampleLevelOptions = {}): Record<string, Metric> {
  const repeats = outcomes.maxRepeats;
  const clustered = outcomes.hasClusters;
  if (outcomes.sampleCount === 0) return {};
  // One sample per task: pass@1 is the accuracy, reported only when the scorer asks for pass@k.
  if (repeats <= 1 && !clustered) return options.passAtK ? passAtKMetrics(outcomes, clustered, options.passAtK) : {};
  const metrics: Record<string, Metric> = {};
  for (const name of outcomes.metricNames) {
    const means = [...outcomes.means(name)!.values()];
    const byCategory = outcomes.hasCategories ? categoryMetrics(outcomes, means, clustered) : undefined;
    metrics[name] = { ...meanOverSamples(outcomes, means, clustered), ...(repeats > 1 && { repeats }), ...(byCategory && { byCategory }) };
  }
  if (repeats > 1) Object.assign(metrics, repeatMetrics(outcomes, clustered, options.passAtK));
  return metrics;
}

/** Options of {@link sampleLevelMetrics}. */
export interface SampleLevelOptions {
  /** The k of `accuracy.pass@k` (the primary scorer's `k`); default 1, 2, 3, 5, 10, 20, 50, 100 and n. */
  readonly passAtK?: readonly number[];
}

/** Mean over all samples of per-sample values given in sample order, with a CLT interval (clustered when asked). */
function meanOverSamples(outcomes: SampleOutcomes, values: readonly number[], clustered: boolean): MetricOf<'proportion'> {
  if (values.length !== outcomes.sampleCount) throw new Error(`internal: ${values.length} per-sample values for ${outcomes.sampleCount} samples`);
  // Labels only when clustered: without clusters they would be a `sample:<id>` string per sample for nothing.
  return meanOf(values, clustered ? outcomes.labelsInOrder().clusters : undefined);
}

/** Mean of per-sample values with a CLT interval, clustered by `clusters` (one label per value) when given. */
function meanOf(numbers: readonly number[], clusters: readonly string[] | undefined): MetricOf<'proportion'> {
  if (numbers.length === 0) return { kind: 'proportion', value: null, n: 0 };
  let interval = meanInterval(numbers, clusters ? { clusters } : {});
  let note: string | undefined;
  if (clusters && interval.se === null) {
    note = `clustered SE n/a (${interval.clusterCount ?? 0} cluster); interval ignores clustering`;
    interval = meanInterval(numbers);
  }
  const metric: MetricOf<'proportion'> = { kind: 'proportion', value: interval.mean, n: numbers.length, method: interval.seMethod };
  if (interval.clusterCount !== null) metric.clusters = interval.clusterCount;
  if (note) metric.note = note;
  if (interval.se === 0 && interval.mean !== null) {
    // Every sample agrees (all pass, all fail): the CLT interval has zero width, which would let a
    // ci_low gate pass on three samples. Wilson on the sample count stays honest at the bounds.
    const { lo, hi } = wilsonInterval(interval.mean * numbers.length, numbers.length);
    metric.ci95 = [lo, hi];
    metric.method = 'wilson-samples';
  } else if (interval.lo !== null && interval.hi !== null) {
    metric.ci95 = [clip(interval.lo), clip(interval.hi)];
  }
  return metric;
}

/** The same sample-level metric per category (`dataset.categoryField`), or undefined without categories. */
function categoryMetrics(outcomes: SampleOutcomes, means: readonly number[], clustered: boolean): Record<string, MetricOf<'proportion'>> | undefined {
  const { clusters, categories } = outcomes.labelsInOrder();
  const groups = new Map<string, { numbers: number[]; clusters: string[] }>();
  for (let index = 0; index < means.length; index++) {
    const category = categories[index];
    if (category === undefined) continue;
    let group = groups.get(category);
    if (!group) {
      group = { numbers: [], clusters: [] };
      groups.set(category, group);
    }
    group.numbers.push(means[index]!);
    group.clusters.push(clusters[index]!);
  }
  if (groups.size === 0) return undefined;
  const out: Record<string, MetricOf<'proportion'>> = {};
  for (const category of [...groups.keys()].sort()) {
    const group = groups.get(category)!;
    out[category] = meanOf(group.numbers, clustered ? group.clusters : undefined);
  }
  return out;
}

/**
 * pass@k for each k asked (default: the usual ks ≤ the fewest repeats any sample has, and that
 * number). As in openai/human-eval's `evaluate_functional_correctness`, a k is reported only when
 * every sample has at least k repeats; an asked k that cannot be is a null metric saying why.
 */
function passAtKMetrics(outcomes: SampleOutcomes, clustered: boolean, asked?: readonly number[]): Record<string, Metric> {
  const perSample = outcomes.repeats('accuracy');
  let fewest = Infinity;
  // A loop, not Math.min(...counts): spreading 130,000 arguments overflows the stack.
  for (const values of perSample.values()) fewest = Math.min(fewest, values.length);
  const metrics: Record<string, Metric> = {};
  const ks = asked ? [...new Set(asked)].sort((a, b) => a - b) : [...new Set([...PASS_AT_K.filter((k) => k <= fewest), fewest])];
  for (const k of ks) {
    if (k > fewest) {
      metrics[`accuracy.pass@${k}`] = { kind: 'pass-at-k', value: null, n: perSample.size, k, note: `needs ${k} samples of every task; the fewest any task has is ${fewest}` };
      continue;
    }
    const values: number[] = [];
    for (const passes of perSample.values()) values.push(passAtK(passes.length, sum(passes), k));
    metrics[`accuracy.pass@${k}`] = { ...passAtKOf(meanOverSamples(outcomes, values, clustered)), k, estimator: 'chen2021-unbiased' };
  }
  return metrics;
}

/** pass@k, the spread across repeats and the share of samples whose repeats agree. */
function repeatMetrics(outcomes: SampleOutcomes, clustered: boolean, asked?: readonly number[]): Record<string, Metric> {
  const perSample = outcomes.repeats('accuracy');
  const metrics: Record<string, Metric> = passAtKMetrics(outcomes, clustered, asked);
  metrics['accuracy.repeat_sd'] = repeatSpread(perSample);
  let agreeing = 0;
  for (const passes of perSample.values()) if (passes.every((value) => value === passes[0])) agreeing++;
  const { lo, hi } = wilsonInterval(agreeing, perSample.size);
  metrics['accuracy.consistency'] = { kind: 'proportion', value: agreeing / perSample.size, n: perSample.size, ci95: [lo, hi] };
  return metrics;
}

/**
 * Spread across repeats: the standard deviation (ddof = 1) of the accuracy of each repeat taken as
 * a whole run, with the per-repeat accuracies, and the mean within-sample variance σ² of
 * Miller (2024) §3 (the part of the variance more repeats would average away).
 */
function repeatSpread(perSample: ReadonlyMap<string, readonly number[]>): MetricOf<'repeat-spread'> {
  const byRepeat: number[] = [];
  const perRepeatCount: number[] = [];
  let withinVariance = 0;
  let withinCount = 0;
  for (const passes of perSample.values()) {
    passes.forEach((value, repeat) => {
      byRepeat[repeat] = (byRepeat[repeat] ?? 0) + value;
      perRepeatCount[repeat] = (perRepeatCount[repeat] ?? 0) + 1;
    });
    if (passes.length > 1) {
      const mean = sum(passes) / passes.length;
      withinVariance += passes.reduce((total, value) => total + (value - mean) ** 2, 0) / (passes.length - 1);
      withinCount++;
    }
  }
  const accuracies = byRepeat.map((total, repeat) => total / perRepeatCount[repeat]!);
  const se = standardError(accuracies);
  return {
    kind: 'repeat-spread',
    value: se === null ? null : se * Math.sqrt(accuracies.length),
    n: accuracies.length,
    min: Math.min(...accuracies),
    max: Math.max(...accuracies),
    byRepeat: accuracies,
    withinSampleVariance: withinCount > 0 ? withinVariance / withinCount : null,
  };
}

/** pass@k carries the sample-level interval of its mean, but not the repeats count accuracy has. */
function passAtKOf({ repeats: _repeats, kind: _kind, ...mean }: MetricOf<'proportion'>): Omit<MetricOf<'pass-at-k'>, 'k'> {
  return { ...mean, kind: 'pass-at-k' };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function clip(value: number): number {
  return Math.min(1, Math.max(0, value));
}

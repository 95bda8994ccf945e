import type { Manifest, ResultRecord } from '../results/index.ts';
import { corpusStatsOf, type CorpusStatistic } from '../scorers/corpus-aggregate.ts';
import { getScorerDefinition, isScorerType } from '../scorers/registry.ts';
import type { ScorerDefinition } from '../scorers/types.ts';
import { passAtK } from '../stats/index.ts';

/** A corpus metric's statistic and its per-sample sufficient statistics (summed over repeats). */
export interface CorpusOutcomes {
  readonly statistic: CorpusStatistic;
  /** Sample id → that sample's summed statistics, in first-seen order. */
  readonly stats: ReadonlyMap<string, readonly number[]>;
}

/** What is kept per sample: its cluster and category, and each metric's value per repeat. */
interface SampleEntry {
  readonly cluster?: string;
  readonly category?: string;
  /** metric → value per repeat index (sparse until every repeat arrives). */
  readonly values: Map<string, number[]>;
}

/**
 * A read-only view of one candidate's per-sample outcomes. Paired statistics (comparisons,
 * baseline gates, `verdict compare`) need sample-level values matched by sample id, not the
 * record-level totals of {@link CandidateMetricsAccumulator}.
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
   * Sample id → mean over repeats of `metric`, in first-seen order; for `accuracy.pass@<k>`,
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
  requestTimes?(kind: RequestTimeKind): readonly number[];
}

/** Which request times {@link SampleOutcomeView.requestTimes} returns. */
export type RequestTimeKind = 'latency' | 'ttft';

/**
 * Collects one candidate's per-sample outcomes: for `accuracy` the primary scorer's pass (errors
 * count as failures, as in the record-level accuracy) and for each `score.<id>` the score value
 * (0 on error), per repeat. Small: numbers only, one entry per sample.
 */
export class SampleOutcomes implements SampleOutcomeView {
  readonly metricNames: readonly string[];
  readonly passAtKNames: readonly string[];
  readonly corpusMetricNames: readonly string[];
  private readonly samples = new Map<string, SampleEntry>();
  private readonly times: Record<RequestTimeKind, number[]> = { latency: [], ttft: [] };
  private readonly corpusStats = new Map<string, { scorerId: string; statistic: CorpusStatistic; stats: Map<string, number[]> }>();

  /**
   * `corpusStatistics`: scorer id → its corpus statistic, for scorers that have one; `passAtKs`:
   * the k of `accuracy.pass@k` comparisons (the primary scorer's `k`).
   */
  constructor(
    private readonly primaryScorer: string,
    private readonly scorerIds: readonly string[],
    corpusStatistics: ReadonlyMap<string, CorpusStatistic> = new Map(),
    passAtKs: readonly number[] = [],
  ) {
    this.metricNames = ['accuracy', ...scorerIds.map((id) => `score.${id}`)];
    this.passAtKNames = [...new Set(passAtKs)].filter((k) => k > 1).sort((x, y) => x - y).map((k) => `accuracy.pass@${k}`);
    for (const [scorerId, statistic] of corpusStatistics) this.corpusStats.set(statistic.metric, { scorerId, statistic, stats: new Map() });
    this.corpusMetricNames = [...this.corpusStats.keys()];
  }

  add(record: ResultRecord): void {
    let entry = this.samples.get(record.sampleId);
    if (!entry) {
      entry = { cluster: record.cluster, category: record.category, values: new Map(this.metricNames.map((name) => [name, []])) };
      this.samples.set(record.sampleId, entry);
    }
    const ok = !record.error;
    entry.values.get('accuracy')![record.repeat] = ok && record.scores[this.primaryScorer]?.pass === true ? 1 : 0;
    for (const id of this.scorerIds) entry.values.get(`score.${id}`)![record.repeat] = ok ? (record.scores[id]?.value ?? 0) : 0;
    if (ok) this.addCorpusStats(record);
    // The same requests as the summary's latency.* and ttft.* (candidate-metrics.ts).
    if (ok && record.latencyMs !== null) this.times.latency.push(record.latencyMs);
    if (ok && record.ttftMs !== null) this.times.ttft.push(record.ttftMs);
  }

  requestTimes(kind: RequestTimeKind): readonly number[] {
    return this.times[kind];
  }

  /** Sums each corpus scorer's statistics per sample (repeats pool into one corpus, as outputs of one system). */
  private addCorpusStats(record: ResultRecord): void {
    for (const corpus of this.corpusStats.values()) {
      const stats = corpusStatsOf(record.scores[corpus.scorerId]);
      if (!stats) continue;
      const sum = corpus.stats.get(record.sampleId);
      if (sum) stats.forEach((value, j) => (sum[j]! += value));
      else corpus.stats.set(record.sampleId, [...stats]);
    }
  }

  corpus(metric: string): CorpusOutcomes | undefined {
    const corpus = this.corpusStats.get(metric);
    return corpus && { statistic: corpus.statistic, stats: corpus.stats };
  }

  get sampleCount(): number {
    return this.samples.size;
  }

  get hasClusters(): boolean {
    for (const entry of this.samples.values()) if (entry.cluster !== undefined) return true;
    return false;
  }

  /** The largest number of repeats any sample has. */
  get maxRepeats(): number {
    let max = 0;
    for (const entry of this.samples.values()) max = Math.max(max, repeatValues(entry, 'accuracy').length);
    return max;
  }

  means(metric: string): ReadonlyMap<string, number> | undefined {
    if (this.passAtKNames.includes(metric)) return this.passAtKMeans(Number(metric.slice('accuracy.pass@'.length)));
    if (!this.metricNames.includes(metric)) return undefined;
    const out = new Map<string, number>();
    for (const [id, entry] of this.samples) {
      const values = repeatValues(entry, metric);
      if (values.length > 0) out.set(id, values.reduce((sum, value) => sum + value, 0) / values.length);
    }
    return out;
  }

  /** Each sample's unbiased pass@k (Chen et al. 2021), or undefined when a sample has fewer than k repeats (as the summary's metric). */
  private passAtKMeans(k: number): ReadonlyMap<string, number> | undefined {
    const out = new Map<string, number>();
    for (const [id, entry] of this.samples) {
      const passes = repeatValues(entry, 'accuracy');
      if (passes.length < k) return undefined;
      out.set(id, passAtK(passes.length, passes.reduce((total, value) => total + value, 0), k));
    }
    return out;
  }

  /** Sample id → the metric's value on each repeat that was recorded, in repeat order. */
  repeats(metric: string): ReadonlyMap<string, readonly number[]> {
    const out = new Map<string, readonly number[]>();
    for (const [id, entry] of this.samples) out.set(id, repeatValues(entry, metric));
    return out;
  }

  clusterOf(sampleId: string): string | undefined {
    return this.samples.get(sampleId)?.cluster;
  }

  categoryOf(sampleId: string): string | undefined {
    return this.samples.get(sampleId)?.category;
  }
}

function repeatValues(entry: SampleEntry, metric: string): number[] {
  return (entry.values.get(metric) ?? []).filter((value) => value !== undefined);
}

/** One {@link SampleOutcomes} per candidate of the manifest, primary scorer first. */
export function createSampleOutcomes(manifest: Manifest): Map<string, SampleOutcomes> {
  const scorerIds = manifest.scorers.map((scorer) => scorer.id);
  const corpus = corpusStatistics(manifest);
  const ks = primaryPassAtK(manifest) ?? [];
  return new Map(manifest.candidates.map((candidate) => [candidate.id, new SampleOutcomes(scorerIds[0]!, scorerIds, corpus, ks)]));
}

/** The primary scorer's `k` list (the `code` scorer's pass@k), if it has one. */
export function primaryPassAtK(manifest: Manifest): number[] | undefined {
  const k = (manifest.scorers[0]?.params as { k?: unknown } | undefined)?.k;
  return Array.isArray(k) && k.every((value) => Number.isInteger(value) && value >= 1) ? (k as number[]) : undefined;
}

/** The corpus statistic of every scorer that defines one (BLEU, chrF, TER), from the recorded params. */
function corpusStatistics(manifest: Manifest): Map<string, CorpusStatistic> {
  const out = new Map<string, CorpusStatistic>();
  for (const scorer of manifest.scorers) {
    if (!isScorerType(scorer.type)) continue;
    const definition = getScorerDefinition(scorer.type) as ScorerDefinition;
    if (!definition.corpus) continue;
    const params = definition.params.parse((scorer as { params?: unknown }).params ?? {});
    out.set(scorer.id, definition.corpus(params, { id: scorer.id }));
  }
  return out;
}

/**
 * Reads a run's records into per-candidate sample outcomes (for `verdict compare` and baseline
 * gates, which work from a sealed run's records).
 */
export async function collectSampleOutcomes(
  records: AsyncIterable<ResultRecord> | Iterable<ResultRecord>,
  manifest: Manifest,
): Promise<Map<string, SampleOutcomes>> {
  const outcomes = createSampleOutcomes(manifest);
  for await (const record of records) outcomes.get(record.candidate)?.add(record);
  return outcomes;
}

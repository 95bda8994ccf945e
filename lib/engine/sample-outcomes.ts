import type { Manifest, ResultRecord } from '../results/index.ts';

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
  /** Sample id → mean over repeats of `metric`, in first-seen order; undefined for other metrics. */
  means(metric: string): ReadonlyMap<string, number> | undefined;
  /** The sample's cluster (from `dataset.clusterField`), if any. */
  clusterOf(sampleId: string): string | undefined;
}

/**
 * Collects one candidate's per-sample outcomes: for `accuracy` the primary scorer's pass (errors
 * count as failures, as in the record-level accuracy) and for each `score.<id>` the score value
 * (0 on error), per repeat. Small: numbers only, one entry per sample.
 */
export class SampleOutcomes implements SampleOutcomeView {
  readonly metricNames: readonly string[];
  private readonly samples = new Map<string, SampleEntry>();

  constructor(
    private readonly primaryScorer: string,
    private readonly scorerIds: readonly string[],
  ) {
    this.metricNames = ['accuracy', ...scorerIds.map((id) => `score.${id}`)];
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
    if (!this.metricNames.includes(metric)) return undefined;
    const out = new Map<string, number>();
    for (const [id, entry] of this.samples) {
      const values = repeatValues(entry, metric);
      if (values.length > 0) out.set(id, values.reduce((sum, value) => sum + value, 0) / values.length);
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
  return new Map(manifest.candidates.map((candidate) => [candidate.id, new SampleOutcomes(scorerIds[0]!, scorerIds)]));
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

import type { Manifest, ResultRecord } from '../results/index.ts';
import { corpusStatsOf, type CorpusStatistic, getScorerDefinition, isScorerType, type ScorerDefinition } from '../scorers/index.ts';
import { passAtK } from '../stats/index.ts';
import { LabelColumn } from './label-column.ts';
import { NumberList } from './number-list.ts';
import { SampleOrder, sampleOrderOf } from './sample-order.ts';
import type { CorpusOutcomes, RequestTimeKind, SampleOutcomeView } from '../gate/index.ts';


/**
 * Collects one candidate's per-sample outcomes: for `accuracy` the primary scorer's pass (errors
 * count as failures, as in the record-level accuracy) and for each `score.<id>` the score value
 * (0 on error), per repeat. Compact, so a million-record run aggregates in little memory: each
 * sample is a slot (first-seen order) known by its plan position, each metric one Float64Array of
 * slot × repeat, one byte per slot × repeat says which repeats were recorded, and clusters,
 * categories and request times are typed arrays too.
 *
 * Everything it returns is in sample order — the plan's (dataset) order, then samples the plan
 * does not know by id — never in the order records arrived, so shards read or finished in any
 * order give the same summary (bootstrap resampling and float sums depend on order).
 */
export class SampleOutcomes implements SampleOutcomeView {
  readonly metricNames: readonly string[];
  readonly corpusMetricNames: readonly string[];
  readonly passAtKNames: readonly string[];
  /** Slot + 1 of each planned sample, by its position in the plan (0: no record yet): planned ids need no Map. */
  private readonly slotByPosition: Int32Array;
  /** Slots of ids the plan does not have. */
  private readonly unplannedSlots = new Map<string, number>();
  /** Ids the plan does not have, in slot order (planned ids are the plan's own strings). */
  private readonly unplannedIds: string[] = [];
  /** Per slot: its plan position, or −1 − its index in unplannedIds. */
  private positionBySlot = new Int32Array(0);
  private slots = 0;
  private readonly clusters = new LabelColumn();
  private readonly categories = new LabelColumn();
  /** Repeats per slot in the arrays below; grows when a higher repeat arrives. */
  private stride = 1;
  private capacity = 0;
  private values: Float64Array[];
  private present = new Uint8Array(0);
  /** means() per metric, valid until the next add (paired tests ask for the same means often). */
  private readonly meansCache = new Map<string, ReadonlyMap<string, number>>();
  /** repeats() per metric, valid until the next add (pass@k, spread and consistency all read it). */
  private readonly repeatsCache = new Map<string, ReadonlyMap<string, readonly number[]>>();
  private readonly times: Record<RequestTimeKind, NumberList> = { latency: new NumberList(), ttft: new NumberList() };
  private readonly corpusStats = new Map<string, { scorerId: string; statistic: CorpusStatistic; stats: Map<string, number[]> }>();
  /** Slots in sample order; rebuilt after a new sample arrives. */
  private sortedSlots: Int32Array | null = null;
  /** Cluster labels and categories in sample order (see {@link labelsInOrder}); rebuilt with sortedSlots. */
  private sortedLabels: SampleLabels | null = null;

  /**
   * `corpusStatistics`: scorer id → its corpus statistic, for scorers that have one; `passAtKs`:
   * the k of `accuracy.pass@k` comparisons (the primary scorer's `k`); `sampleOrder`: sample id →
   * its position in the plan (without it, or for ids it lacks, samples are ordered by id).
   */
  constructor(
    private readonly primaryScorer: string,
    private readonly scorerIds: readonly string[],
    corpusStatistics: ReadonlyMap<string, CorpusStatistic> = new Map(),
    passAtKs: readonly number[] = [],
    private readonly sampleOrder: SampleOrder = new SampleOrder(),
  ) {
    this.metricNames = ['accuracy', ...scorerIds.map((id) => `score.${id}`)];
    this.passAtKNames = [...new Set(passAtKs)].filter((k) => k > 1).sort((x, y) => x - y).map((k) => `accuracy.pass@${k}`);
    this.values = this.metricNames.map(() => new Float64Array(0));
    this.slotByPosition = new Int32Array(sampleOrder.size);
    for (const [scorerId, statistic] of corpusStatistics) this.corpusStats.set(statistic.metric, { scorerId, statistic, stats: new Map() });
    this.corpusMetricNames = [...this.corpusStats.keys()];
  }

  add(record: ResultRecord): void {
    const position = this.sampleOrder.get(record.sampleId);
    let slot = this.slotOf(record.sampleId, position);
    if (slot === undefined) {
      slot = this.slots++;
      if (slot >= this.capacity) this.resize(Math.max(1024, this.capacity * 2), this.stride);
      if (position === undefined) {
        this.unplannedSlots.set(record.sampleId, slot);
        this.unplannedIds.push(record.sampleId);
        this.positionBySlot[slot] = -this.unplannedIds.length;
      } else {
        // A planned id is read back from the plan: a million samples keep no strings parsed from records.
        this.slotByPosition[position] = slot + 1;
        this.positionBySlot[slot] = position;
      }
      this.clusters.set(slot, record.cluster);
      this.categories.set(slot, record.category);
      this.sortedSlots = null;
      this.sortedLabels = null;
    }
    if (record.repeat >= this.stride) this.resize(this.capacity, record.repeat + 1);
    if (this.meansCache.size > 0) this.meansCache.clear();
    if (this.repeatsCache.size > 0) this.repeatsCache.clear();
    const at = slot * this.stride + record.repeat;
    const ok = !record.error;
    this.present[at] = 1;
    this.values[0]![at] = ok && record.scores[this.primaryScorer]?.pass === true ? 1 : 0;
    for (let index = 0; index < this.scorerIds.length; index++) {
      this.values[index + 1]![at] = ok ? (record.scores[this.scorerIds[index]!]?.value ?? 0) : 0;
    }
    if (ok) this.addCorpusStats(record);
    // The same requests as the summary's latency.* and ttft.* (candidate-metrics.ts).
    if (ok && record.latencyMs !== null) this.times.latency.push(record.latencyMs);
    if (ok && record.ttftMs !== null) this.times.ttft.push(record.ttftMs);
  }

  private idOf(slot: number): string {
    const position = this.positionBySlot[slot]!;
    return position >= 0 ? this.sampleOrder.idAt(position) : this.unplannedIds[-1 - position]!;
  }

  private slotOf(sampleId: string, position = this.sampleOrder.get(sampleId)): number | undefined {
    if (position === undefined) return this.unplannedSlots.get(sampleId);
    const slot = this.slotByPosition[position]!;
    return slot === 0 ? undefined : slot - 1;
  }

  /** Re-lays the arrays out for `capacity` slots of `stride` repeats, keeping what they hold. */
  private resize(capacity: number, stride: number): void {
    const copy = <T extends Float64Array | Uint8Array>(old: T, fresh: T): T => {
      if (stride === this.stride) fresh.set(old.subarray(0, Math.min(old.length, fresh.length)));
      else for (let slot = 0; slot < this.slots; slot++) fresh.set(old.subarray(slot * this.stride, (slot + 1) * this.stride), slot * stride);
      return fresh;
    };
    this.values = this.values.map((old) => copy(old, new Float64Array(capacity * stride)));
    this.present = copy(this.present, new Uint8Array(capacity * stride));
    if (capacity > this.capacity) {
      const positions = new Int32Array(capacity);
      positions.set(this.positionBySlot);
      this.positionBySlot = positions;
      this.clusters.grow(capacity);
      this.categories.grow(capacity);
    }
    this.capacity = capacity;
    this.stride = stride;
  }

  /** Slots in sample order: plan position, then id (code-unit order) for ids outside the plan. */
  private slotsInOrder(): Int32Array {
    if (this.sortedSlots) return this.sortedSlots;
    const count = this.slots;
    const rank = new Float64Array(count);
    let planOrdered = true;
    for (let slot = 0; slot < count; slot++) {
      const position = this.positionBySlot[slot]!;
      rank[slot] = position >= 0 ? position : Infinity;
      if (slot > 0 && !(rank[slot]! > rank[slot - 1]!)) planOrdered = false;
    }
    const slots = new Int32Array(count);
    for (let slot = 0; slot < count; slot++) slots[slot] = slot;
    // Records that arrived in plan order (a sequential run, most shards) need no sort.
    if (!planOrdered) {
      slots.sort((x, y) => {
        if (rank[x]! !== rank[y]!) return rank[x]! - rank[y]!;
        if (rank[x] !== Infinity) return 0;
        const a = this.idOf(x);
        const b = this.idOf(y);
        return a < b ? -1 : a > b ? 1 : 0;
      });
    }
    this.sortedSlots = slots;
    return slots;
  }

  /**
   * Each sample's cluster label (its `cluster`, else `sample:<id>`, a cluster of its own) and
   * category, in sample order — the order of every map {@link means} and {@link repeats} return,
   * so metrics over all samples read them by position instead of looking each id up.
   */
  labelsInOrder(): SampleLabels {
    if (this.sortedLabels) return this.sortedLabels;
    const slots = this.slotsInOrder();
    const clusters: string[] = new Array(slots.length);
    const categories: (string | undefined)[] = new Array(slots.length);
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index]!;
      clusters[index] = this.clusters.get(slot) ?? `sample:${this.idOf(slot)}`;
      categories[index] = this.categories.get(slot);
    }
    this.sortedLabels = { clusters, categories };
    return this.sortedLabels;
  }

  get hasCategories(): boolean {
    return this.categories.any;
  }

  requestTimes(kind: RequestTimeKind): Float64Array {
    return this.times[kind].values();
  }

  /** Sums each corpus scorer's statistics per sample (repeats pool into one corpus, as outputs of one system). */
  private addCorpusStats(record: ResultRecord): void {
    for (const corpus of this.corpusStats.values()) {
      const stats = corpusStatsOf(record.scores[corpus.scorerId]);
      if (!stats) continue;
      const sum = corpus.stats.get(record.sampleId);
      if (!sum) corpus.stats.set(record.sampleId, [...stats]);
      else for (let j = 0; j < stats.length; j++) sum[j]! += stats[j]!;
    }
  }

  corpus(metric: string): CorpusOutcomes | undefined {
    const corpus = this.corpusStats.get(metric);
    if (!corpus) return undefined;
    const stats = new Map<string, readonly number[]>();
    for (const slot of this.slotsInOrder()) {
      const id = this.idOf(slot);
      const sum = corpus.stats.get(id);
      if (sum) stats.set(id, sum);
    }
    return { statistic: corpus.statistic, stats };
  }

  get sampleCount(): number {
    return this.slots;
  }

  get hasClusters(): boolean {
    return this.clusters.any;
  }

  /** The largest number of repeats any sample has. */
  get maxRepeats(): number {
    let max = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      let count = 0;
      for (let at = slot * this.stride, end = at + this.stride; at < end; at++) count += this.present[at]!;
      if (count > max) max = count;
    }
    return max;
  }

  means(metric: string): ReadonlyMap<string, number> | undefined {
    if (this.passAtKNames.includes(metric)) return this.passAtKMeans(Number(metric.slice('accuracy.pass@'.length)));
    const values = this.metricValues(metric);
    if (!values) return undefined;
    const cached = this.meansCache.get(metric);
    if (cached) return cached;
    const out = new Map<string, number>();
    for (const slot of this.slotsInOrder()) {
      // Summed in repeat order, as the metric's definition (and earlier summaries) did.
      let sum = 0;
      let count = 0;
      for (let at = slot * this.stride, end = at + this.stride; at < end; at++) {
        if (this.present[at]) {
          sum += values[at]!;
          count++;
        }
      }
      if (count > 0) out.set(this.idOf(slot), sum / count);
    }
    this.meansCache.set(metric, out);
    return out;
  }

  /** Each sample's unbiased pass@k (Chen et al. 2021), or undefined when a sample has fewer than k repeats (as the summary's metric). */
  private passAtKMeans(k: number): ReadonlyMap<string, number> | undefined {
    const out = new Map<string, number>();
    for (const [id, passes] of this.repeats('accuracy')) {
      if (passes.length < k) return undefined;
      out.set(id, passAtK(passes.length, passes.reduce((total, value) => total + value, 0), k));
    }
    return out;
  }

  /** Sample id → the metric's value on each repeat that was recorded, in repeat order. */
  repeats(metric: string): ReadonlyMap<string, readonly number[]> {
    const cached = this.repeatsCache.get(metric);
    if (cached) return cached;
    const values = this.metricValues(metric);
    const out = new Map<string, readonly number[]>();
    for (const slot of this.slotsInOrder()) {
      const recorded: number[] = [];
      if (values) for (let at = slot * this.stride, end = at + this.stride; at < end; at++) if (this.present[at]) recorded.push(values[at]!);
      out.set(this.idOf(slot), recorded);
    }
    this.repeatsCache.set(metric, out);
    return out;
  }

  clusterOf(sampleId: string): string | undefined {
    const slot = this.slotOf(sampleId);
    return slot === undefined ? undefined : this.clusters.get(slot);
  }

  categoryOf(sampleId: string): string | undefined {
    const slot = this.slotOf(sampleId);
    return slot === undefined ? undefined : this.categories.get(slot);
  }

  private metricValues(metric: string): Float64Array | undefined {
    const index = this.metricNames.indexOf(metric);
    return index === -1 ? undefined : this.values[index];
  }
}

/** Per sample in sample order: its cluster label for clustered SEs and its category (see {@link SampleOutcomes.labelsInOrder}). */
export interface SampleLabels {
  readonly clusters: readonly string[];
  readonly categories: readonly (string | undefined)[];
}

/** One {@link SampleOutcomes} per candidate of the manifest, primary scorer first. */
export function createSampleOutcomes(manifest: Manifest, order: SampleOrder = sampleOrderOf(manifest)): Map<string, SampleOutcomes> {
  const scorerIds = manifest.scorers.map((scorer) => scorer.id);
  const corpus = corpusStatistics(manifest);
  const ks = primaryPassAtK(manifest) ?? [];
  return new Map(manifest.candidates.map((candidate) => [candidate.id, new SampleOutcomes(scorerIds[0]!, scorerIds, corpus, ks, order)]));
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

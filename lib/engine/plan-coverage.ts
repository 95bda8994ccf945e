import type { Manifest, ResultRecord } from '../results/index.ts';
import { planFromManifest } from './run-description.ts';
import { itemIdOf, type Plan } from './plan.ts';
import { sampleOrderOf, type SampleOrder } from './sample-order.ts';

/** Problems listed in full before the rest are only counted. */
const LISTED_PROBLEMS = 5;

/**
 * Checks records against the plan a manifest describes, one record at a time, with one byte of
 * state per work item: each planned item must appear exactly once, in the shard the plan put it
 * in. The first record of an item is admitted, a repeat (two writers on one run) is not, so a
 * summary never counts an item twice.
 */
export class PlanCoverage {
  private readonly plan: Plan;
  private readonly seen: Uint8Array;
  private readonly sampleIndex: SampleOrder;
  private readonly candidateIndex = new Map<string, number>();
  private readonly listed: string[] = [];
  private admitted = 0;
  /** Records of an item already seen. */
  duplicates = 0;
  /** Records of no planned item, or of a planned item in the wrong shard. */
  strays = 0;

  /** `order`: the manifest's sample order (sample-order.ts), when the caller has it already (one map per run, not two). */
  constructor(manifest: Manifest, order: SampleOrder = sampleOrderOf(manifest)) {
    this.plan = planFromManifest(manifest);
    this.seen = new Uint8Array(this.plan.items);
    this.sampleIndex = order;
    for (const [index, id] of this.plan.candidates.entries()) this.candidateIndex.set(id, index);
  }

  /** True when `record` is the first record of a planned item, in the shard the plan gave it. */
  admit(record: ResultRecord): boolean {
    const index = this.indexOf(record);
    if (index === null) {
      this.strays++;
      this.note(`record ${JSON.stringify(record.itemId)} is not an item of the plan`);
      return false;
    }
    const shard = this.plan.shards[Math.floor(index / this.plan.shardSize)]?.id;
    if (record.shard !== shard) {
      this.strays++;
      this.note(`record ${JSON.stringify(record.itemId)} says shard ${JSON.stringify(record.shard)}; the plan put it in ${shard}`);
      return false;
    }
    if (this.seen[index]) {
      this.duplicates++;
      return false;
    }
    this.seen[index] = 1;
    this.admitted++;
    return true;
  }

  /** Planned items with no record. */
  get missing(): number {
    return this.plan.items - this.admitted;
  }

  /**
   * Everything that keeps the records from matching the plan, in words (empty when every planned
   * item has a record in its shard). Repeated records of an item are not listed: they are left out.
   */
  problems(): string[] {
    const problems = [...this.listed];
    if (this.strays > this.listed.length) problems.push(`… ${this.strays - this.listed.length} more records like these`);
    if (this.missing > 0) problems.push(`${this.missing} of ${this.plan.items} planned items have no record`);
    return problems;
  }

  private indexOf(record: ResultRecord): number | null {
    const sample = this.sampleIndex.get(record.sampleId);
    const candidate = this.candidateIndex.get(record.candidate);
    const { repeats } = this.plan;
    if (sample === undefined || candidate === undefined || record.repeat >= repeats) return null;
    if (record.itemId !== itemIdOf(record.sampleId, record.candidate, record.repeat)) return null;
    return (sample * this.plan.candidates.length + candidate) * repeats + record.repeat;
  }

  private note(problem: string): void {
    if (this.listed.length < LISTED_PROBLEMS) this.listed.push(problem);
  }
}

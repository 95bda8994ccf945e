import { hashString } from '../datasets/index.ts';
import type { Manifest } from '../results/index.ts';

/**
 * The order a summary takes samples in: the plan's (dataset) order, then ids the plan does not
 * know by code-unit order. Aggregation sorts by it wherever a result could depend on the order
 * records arrived in (bootstrap resampling, float sums), so shards read or finished in any order
 * give the same summary.
 *
 * Sample id → position by an open-addressing table of positions (an Int32Array twice the plan's
 * size) over the plan's own id list: ~8 bytes a sample where a Map of a million ids took ~18 MB.
 */
export class SampleOrder {
  readonly #ids: readonly string[];
  /** Position + 1 of the id hashed to each slot (0: empty), probed linearly. */
  readonly #table: Int32Array;

  constructor(ids: readonly string[] = []) {
    this.#ids = ids;
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    this.#table = new Int32Array(size);
    const mask = size - 1;
    for (let position = 0; position < ids.length; position++) {
      let slot = hashString(ids[position]!) & mask;
      // A repeated id keeps its first position (a plan's ids are unique; the dataset loader refuses duplicates).
      while (this.#table[slot] !== 0 && ids[this.#table[slot]! - 1] !== ids[position]) slot = (slot + 1) & mask;
      if (this.#table[slot] === 0) this.#table[slot] = position + 1;
    }
  }

  /** The id's position in the plan, or undefined when the plan does not have it. */
  get(id: string): number | undefined {
    const mask = this.#table.length - 1;
    for (let slot = hashString(id) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#table[slot]!;
      if (entry === 0) return undefined;
      if (this.#ids[entry - 1] === id) return entry - 1;
    }
  }

  /** The number of ids in the plan. */
  get size(): number {
    return this.#ids.length;
  }

  /** The plan's id at `position`: a caller that keeps ids keeps the plan's strings, not copies parsed from every record. */
  idAt(position: number): string {
    return this.#ids[position]!;
  }
}

/** Sample id → its position in the manifest's plan. */
export function sampleOrderOf(manifest: Manifest): SampleOrder {
  return new SampleOrder(manifest.dataset.sampleIds);
}

/** Compares two (sample id, repeat) keys in sample order, then by repeat. */
export function compareSampleKeys(order: SampleOrder, a: { sampleId: string; repeat: number }, b: { sampleId: string; repeat: number }): number {
  const rankA = order.get(a.sampleId) ?? Infinity;
  const rankB = order.get(b.sampleId) ?? Infinity;
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  if (rankA === Infinity && a.sampleId !== b.sampleId) return a.sampleId < b.sampleId ? -1 : 1;
  return a.repeat - b.repeat;
}


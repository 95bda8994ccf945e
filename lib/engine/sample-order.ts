import { IdPositions } from '../datasets/index.ts';
import type { Manifest } from '../results/index.ts';

/**
 * The order a summary takes samples in: the plan's (dataset) order, then ids the plan does not
 * know by code-unit order. Aggregation sorts by it wherever a result could depend on the order
 * records arrived in (bootstrap resampling, float sums), so shards read or finished in any order
 * give the same summary.
 *
 * Sample id → position by {@link IdPositions} over the plan's own id list (~8 bytes a sample).
 */
export class SampleOrder {
  readonly #ids: readonly string[];
  readonly #positions: IdPositions;

  constructor(ids: readonly string[] = []) {
    this.#ids = ids;
    this.#positions = new IdPositions((position) => ids[position]!, ids.length);
    for (let position = 0; position < ids.length; position++) {
      // A repeated id keeps its first position (a plan's ids are unique; the dataset loader refuses duplicates).
      if (this.#positions.get(ids[position]!) === undefined) this.#positions.set(ids[position]!, position);
    }
  }

  /** The id's position in the plan, or undefined when the plan does not have it. */
  get(id: string): number | undefined {
    return this.#positions.get(id);
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


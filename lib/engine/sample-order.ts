import type { Manifest } from '../results/index.ts';

/**
 * The order a summary takes samples in: the plan's (dataset) order, then ids the plan does not
 * know by code-unit order. Aggregation sorts by it wherever a result could depend on the order
 * records arrived in (bootstrap resampling, float sums), so shards read or finished in any order
 * give the same summary.
 */
export type SampleOrder = ReadonlyMap<string, number>;

/** Sample id → its position in the manifest's plan. */
export function sampleOrderOf(manifest: Manifest): SampleOrder {
  return new Map(manifest.dataset.sampleIds.map((id, index) => [id, index]));
}

/** Compares two (sample id, repeat) keys in sample order, then by repeat. */
export function compareSampleKeys(order: SampleOrder, a: { sampleId: string; repeat: number }, b: { sampleId: string; repeat: number }): number {
  const rankA = order.get(a.sampleId) ?? Infinity;
  const rankB = order.get(b.sampleId) ?? Infinity;
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  if (rankA === Infinity && a.sampleId !== b.sampleId) return a.sampleId < b.sampleId ? -1 : 1;
  return a.repeat - b.repeat;
}

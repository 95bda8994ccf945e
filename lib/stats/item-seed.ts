import { fnv1aUtf16Units } from './fnv1a.ts';

/** A 32-bit seed for one item, from the run seed and the item id, so reruns agree. */
export function itemSeed(runSeed: number, itemId: string): number {
  return fnv1aUtf16Units(itemId, runSeed);
}

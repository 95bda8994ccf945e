/** A 32-bit seed for one item, from the run seed and the item id (FNV-1a), so reruns agree. */
export function itemSeed(runSeed: number, itemId: string): number {
  let hash = (0x811c9dc5 ^ runSeed) >>> 0;
  for (let index = 0; index < itemId.length; index++) {
    hash ^= itemId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

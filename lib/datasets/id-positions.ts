import { hashString } from './string-hash.ts';

/**
 * Id → position in a caller's list of ids, as an open-addressing table of positions + 1 (an
 * Int32Array at least twice the entries, probed linearly) over that list: ~8 bytes an id where
 * a Map of a million id strings took ~18 MB and its entries. The ids stay in the caller's list
 * (`idAt`), so a probe compares against the list's own strings.
 */
export class IdPositions {
  #table: Int32Array;
  #size = 0;

  /** @param expected ids the caller expects to set: the table starts large enough for them. */
  constructor(
    private readonly idAt: (position: number) => string,
    expected = 0,
  ) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.#table = new Int32Array(size);
  }

  /** The number of ids set. */
  get size(): number {
    return this.#size;
  }

  /** The position set for `id`, or undefined. */
  get(id: string): number | undefined {
    const mask = this.#table.length - 1;
    for (let slot = hashString(id) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#table[slot]!;
      if (entry === 0) return undefined;
      if (this.idAt(entry - 1) === id) return entry - 1;
    }
  }

  /** Records that the caller's list holds `id` at `position`; `id` must not be set already. */
  set(id: string, position: number): void {
    if ((this.#size + 1) * 2 > this.#table.length) this.#grow();
    this.#insert(this.#table, id, position);
    this.#size++;
  }

  #insert(table: Int32Array, id: string, position: number): void {
    const mask = table.length - 1;
    let slot = hashString(id) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = position + 1;
  }

  #grow(): void {
    const table = new Int32Array(this.#table.length * 2);
    for (const entry of this.#table) if (entry !== 0) this.#insert(table, this.idAt(entry - 1), entry - 1);
    this.#table = table;
  }
}

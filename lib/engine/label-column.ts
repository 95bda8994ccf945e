/**
 * An optional string label per slot (a sample's cluster or category), held as an Int32Array of
 * codes into the distinct labels: 4 bytes a slot, and nothing at all while no slot has a label
 * (most datasets have neither), where a JS array of a million undefined takes ~10 MB.
 */
export class LabelColumn {
  /** Label index + 1 per slot, 0 for none; null until the first label arrives. */
  private codes: Int32Array | null = null;
  private readonly labels: string[] = [];
  private readonly codeOf = new Map<string, number>();
  private capacity = 0;

  /** Makes room for `capacity` slots, keeping the labels set so far. */
  grow(capacity: number): void {
    this.capacity = capacity;
    if (!this.codes || this.codes.length >= capacity) return;
    const grown = new Int32Array(capacity);
    grown.set(this.codes);
    this.codes = grown;
  }

  set(slot: number, label: string | undefined): void {
    if (label === undefined) {
      if (this.codes) this.codes[slot] = 0;
      return;
    }
    let code = this.codeOf.get(label);
    if (code === undefined) {
      this.labels.push(label);
      code = this.labels.length;
      this.codeOf.set(label, code);
    }
    this.codes ??= new Int32Array(Math.max(this.capacity, slot + 1));
    this.codes[slot] = code;
  }

  get(slot: number): string | undefined {
    const code = this.codes?.[slot] ?? 0;
    return code === 0 ? undefined : this.labels[code - 1];
  }

  /** Whether any slot has a label. */
  get any(): boolean {
    return this.labels.length > 0;
  }
}

/**
 * A list of numbers that only grows, held in a Float64Array that doubles: 8 bytes a value and
 * no per-value object, where a JS array of a million latencies takes ~10 MB with its slack.
 */
export class NumberList {
  private buffer = new Float64Array(1024);
  private count = 0;

  push(value: number): void {
    if (this.count === this.buffer.length) {
      const grown = new Float64Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.count++] = value;
  }

  get length(): number {
    return this.count;
  }

  /** The values in the order they were pushed: a view, valid until the next push. */
  values(): Float64Array {
    return this.buffer.subarray(0, this.count);
  }
}

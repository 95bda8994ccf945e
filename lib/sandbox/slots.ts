/**
 * A fixed number of numbered slots: `use` waits for a free one and passes its number (the local
 * sandbox gives each slot its own uid, so concurrent programs never share a process limit).
 */
export class Slots {
  private readonly free: number[];
  private readonly waiting: ((slot: number) => void)[] = [];

  constructor(count: number) {
    this.free = Array.from({ length: Math.max(1, count) }, (_, index) => index);
  }

  async use<T>(task: (slot: number) => Promise<T>): Promise<T> {
    const slot = this.free.pop() ?? (await new Promise<number>((resolve) => this.waiting.push(resolve)));
    try {
      return await task(slot);
    } finally {
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.free.push(slot);
    }
  }
}

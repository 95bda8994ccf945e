import type { ResultStore } from '../ports/index.ts';
import type { ResultRecord } from '../results/index.ts';

/** Records held before a write is forced without waiting for the next event-loop turn. */
const MAX_PENDING_RECORDS = 512;
/** Records added but not yet written past which {@link RecordWriter.add} asks the caller to wait. */
const MAX_UNWRITTEN_RECORDS = 4096;

/**
 * Appends records as items finish. Records finishing in the same event-loop turn are written
 * together (one write per shard), so a crash loses at most the items in flight and a fast run
 * does not pay a system call per record. When the store falls behind, `add` returns a promise
 * to wait for (the executor waits inside the item's scheduler slot), so memory stays bounded.
 */
export class RecordWriter {
  private readonly pending = new Map<string, ResultRecord[]>();
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private pendingCount = 0;
  private unwritten = 0;
  private failure: unknown;

  constructor(
    private readonly store: ResultStore,
    private readonly runId: string,
  ) {}

  /** Queues a record; returns a promise to wait for when too many records are still unwritten. */
  add(record: ResultRecord): Promise<void> | undefined {
    const list = this.pending.get(record.shard);
    if (list) list.push(record);
    else this.pending.set(record.shard, [record]);
    this.unwritten++;
    // A burst that never yields to the event loop (fast controls, replays) is written in slices,
    // so pending records cannot pile up in memory.
    if (++this.pendingCount >= MAX_PENDING_RECORDS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
    // The writes queued so far settle (never reject: failures surface in drain()), then the caller goes on.
    return this.unwritten > MAX_UNWRITTEN_RECORDS ? this.flushing : undefined;
  }

  private flush(): void {
    if (this.pendingCount === 0) return;
    const batches = [...this.pending];
    this.pending.clear();
    this.pendingCount = 0;
    this.flushing = this.flushing.then(() => this.write(batches)).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  /** Waits for every record to be written; rethrows the first write failure. */
  async drain(): Promise<void> {
    while (this.scheduled || this.pending.size > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.flushing;
    }
    await this.flushing;
    if (this.failure) throw this.failure;
  }

  private async write(batches: readonly [string, ResultRecord[]][]): Promise<void> {
    for (const [shard, records] of batches) {
      try {
        await this.store.appendRecords(this.runId, shard, records);
      } finally {
        this.unwritten -= records.length;
      }
    }
  }
}

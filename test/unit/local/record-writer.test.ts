import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordWriter } from '../../../lib/local/record-writer.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { record } from '../engine/records.ts';

/** A real file store whose appends wait until `release()`: a disk that has fallen behind. */
function stalledStore() {
  const store = new FsResultStore(mkdtempSync(join(tmpdir(), 'verdict-writer-')));
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const append = store.appendRecords.bind(store);
  store.appendRecords = async (...args) => {
    await gate;
    return append(...args);
  };
  return { store, release: () => open() };
}

async function countRecords(store: FsResultStore, runId: string): Promise<number> {
  let count = 0;
  for await (const _ of store.readRecords(runId)) count++;
  return count;
}

describe('RecordWriter', () => {
  it('asks the caller to wait once thousands of records are unwritten, and writes them all', async () => {
    const { store, release } = stalledStore();
    const writer = new RecordWriter(store, 'run-1');
    const waits: number[] = [];
    const pending: Promise<void>[] = [];
    for (let index = 0; index < 6_000; index++) {
      const wait = writer.add(record({ sampleId: `s${index}`, candidate: 'm', pass: true }));
      if (wait) {
        waits.push(index);
        pending.push(wait);
      }
    }
    // Up to 4,096 unwritten records are taken without waiting; every one after that waits.
    expect(waits[0]).toBe(4_096);
    expect(waits).toHaveLength(6_000 - 4_096);
    let settled = false;
    void Promise.all(pending).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    release();
    await Promise.all(pending);
    await writer.drain();
    expect(await countRecords(store, 'run-1')).toBe(6_000);
  });

  it('never asks a caller to wait while the store keeps up', async () => {
    const store = new FsResultStore(mkdtempSync(join(tmpdir(), 'verdict-writer-')));
    const writer = new RecordWriter(store, 'run-2');
    for (let index = 0; index < 2_000; index++) {
      expect(writer.add(record({ sampleId: `s${index}`, candidate: 'm', pass: true }))).toBeUndefined();
      if (index % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writer.drain();
    expect(await countRecords(store, 'run-2')).toBe(2_000);
  });
});

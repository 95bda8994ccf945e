import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsResultStore } from '../../../lib/store/index.ts';
import { fakeManifest, fakeRecord, fakeSummary } from '../../fixtures/result-set.ts';

describe('temporary files of interrupted writes', () => {
  it('are removed when a writer takes the run and when it seals it: a sealed folder holds only the result set', async () => {
    const root = mkdtempSync(join(tmpdir(), 'verdict-leftovers-'));
    const store = new FsResultStore(root);
    await store.writeManifest(fakeManifest('run'));
    // What a writer killed mid-write leaves behind.
    mkdirSync(join(root, 'run', 'records'), { recursive: true });
    writeFileSync(join(root, 'run', 'summary.json.0b1d.tmp'), '{');
    writeFileSync(join(root, 'run', 'records', 'shard-00000.jsonl.77aa.tmp'), '{');
    const lock = await store.lockRun('run');
    expect(readdirSync(join(root, 'run')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await store.appendRecords('run', 'shard-00000', [fakeRecord(0), fakeRecord(1)]);
    writeFileSync(join(root, 'run', 'summary.json.late.tmp'), '{');
    await store.writeSummary(fakeSummary('run'));
    await lock.release();
    expect(readdirSync(join(root, 'run')).sort()).toEqual(['manifest.json', 'records', 'summary.json']);
    expect(readdirSync(join(root, 'run', 'records'))).toEqual(['shard-00000.jsonl']);
    expect(existsSync(join(root, 'run', 'run.lock'))).toBe(false);
  });
});

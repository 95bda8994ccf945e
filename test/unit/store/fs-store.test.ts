import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import type { ResultRecord, Summary } from '../../../lib/results/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';

function record(itemId: string): ResultRecord {
  return {
    schemaVersion: 1,
    itemId,
    shard: 'shard-00000',
    sampleId: itemId,
    candidate: 'c',
    repeat: 0,
    prompt: [{ role: 'user', content: 'hi' }],
    output: 'ok',
    error: null,
    scores: { exact: { value: 1, pass: true } },
    latencyMs: 1,
    ttftMs: null,
    usage: null,
    attempts: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:00.001Z',
  };
}

const summary = (runId: string): Summary => ({
  schemaVersion: 2,
  runId,
  spec: { name: 's', sha256: 'x' },
  dataset: { sha256: 'y', count: 0 },
  candidates: {},
  gates: [],
  passed: true,
});

async function readAll(store: FsResultStore, runId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of store.readRecords(runId)) ids.push(item.itemId);
  return ids;
}

describe('FsResultStore', () => {
  it('skips a record torn by a crash, and cuts it off before appending again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'verdict-store-'));
    const store = new FsResultStore(root);
    await store.appendRecords('run', 'shard-00000', [record('a'), record('b')]);
    await store.close();
    const path = join(root, 'run', 'records', 'shard-00000.jsonl');
    appendFileSync(path, '{"schemaVersion":1,"itemId":"tor');
    expect(await readAll(store, 'run')).toEqual(['a', 'b']);

    const resumed = new FsResultStore(root);
    await resumed.appendRecords('run', 'shard-00000', [record('c')]);
    await resumed.close();
    expect(await readAll(resumed, 'run')).toEqual(['a', 'b', 'c']);
    expect(readFileSync(path, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('fails on a broken line in the middle of a shard, naming it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'verdict-store-'));
    const store = new FsResultStore(root);
    await store.appendRecords('run', 'shard-00000', [record('a')]);
    await store.close();
    appendFileSync(join(root, 'run', 'records', 'shard-00000.jsonl'), 'not json\n{"also":"bad"}\n');
    await expect(readAll(store, 'run')).rejects.toThrow(/shard-00000\.jsonl:2: record is not valid JSON/);
  });

  it('refuses a record line with a key the schema does not declare, naming file, line and key (RESULT_INVALID)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'verdict-store-'));
    const store = new FsResultStore(root);
    await store.appendRecords('run', 'shard-00000', [record('a')]);
    await store.close();
    const path = join(root, 'run', 'records', 'shard-00000.jsonl');
    appendFileSync(path, `${JSON.stringify({ ...record('b'), verdict: 'forged' })}\n`);
    const top = await readAll(store, 'run').then(() => null, (caught: unknown) => caught as Error);
    expect(isVerdictError(top, 'RESULT_INVALID')).toBe(true);
    expect(top?.message).toBe(`${path}:2: unknown key "verdict"`);

    // Nested objects are strict too; a mistyped field is the same error with its JSON path.
    writeFileSync(path, `${JSON.stringify(record('a'))}\n${JSON.stringify({ ...record('c'), usage: { inputTokens: 1, outputTokens: 1, source: 'server', cost: 9 } })}\n`);
    const nested = await readAll(store, 'run').then(() => null, (caught: unknown) => caught as Error);
    expect(nested?.message).toBe(`${path}:2: usage: unknown key "cost"`);
    writeFileSync(path, `${JSON.stringify(record('a'))}\n${JSON.stringify({ ...record('b'), repeat: -1 })}\n`);
    const mistyped = await readAll(store, 'run').then(() => null, (caught: unknown) => caught as Error);
    expect(isVerdictError(mistyped, 'RESULT_INVALID')).toBe(true);
    expect(mistyped?.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: repeat: `));
  });

  it('writes summary.json once: a sealed run is never overwritten', async () => {
    const store = new FsResultStore(mkdtempSync(join(tmpdir(), 'verdict-store-')));
    await store.writeSummary(summary('run'));
    expect((await store.readSummary('run'))!.runId).toBe('run');
    const error = await store.writeSummary(summary('run')).catch((caught: unknown) => caught);
    expect(isVerdictError(error, 'RUN_SEALED')).toBe(true);
  });

  it('returns null for a run that has no summary yet', async () => {
    const store = new FsResultStore(mkdtempSync(join(tmpdir(), 'verdict-store-')));
    expect(await store.readSummary('nothing')).toBeNull();
    expect(await store.listShards('nothing')).toEqual([]);
  });
});

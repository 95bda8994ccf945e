import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, type LoadedDataset } from '../../../lib/datasets/index.ts';
import { isVerdictError } from '../../../lib/errors/index.ts';

function folderWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-rows-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const spec = (path: string | string[], extra: Record<string, unknown> = {}) =>
  ({ path, format: 'jsonl', idField: 'id', ...extra }) as Parameters<typeof loadDataset>[0];

/** Every sample read back by position, last to first (so no read is served by the previous one). */
function readBack(dataset: LoadedDataset): { id: string; data: Record<string, unknown>; line: number }[] {
  const read = [];
  for (let index = dataset.samples.length - 1; index >= 0; index--) {
    const sample = dataset.samples.at(index)!;
    read.unshift({ id: sample.id, data: sample.data, line: sample.source.line });
  }
  return read;
}

function errorOf(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isVerdictError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('dataset rows read back by byte offset', () => {
  it('reads CRLF rows (the last one without a line break) as they were loaded', async () => {
    const dir = folderWith({ 'qa.jsonl': '{"id":"a","q":"one"}\r\n\r\n{"id":"b","q":"two"}\r\n{"id":"c","q":"three"}' });
    const dataset = await loadDataset(spec('qa.jsonl'), dir);
    expect(dataset.sampleIds).toEqual(['a', 'b', 'c']);
    expect(readBack(dataset)).toEqual([
      { id: 'a', data: { id: 'a', q: 'one' }, line: 1 },
      { id: 'b', data: { id: 'b', q: 'two' }, line: 3 },
      { id: 'c', data: { id: 'c', q: 'three' }, line: 4 },
    ]);
    dataset.release();
  });

  it('skips a BOM before the first row and keeps the hash of the bytes as they are', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"a","q":"x"}\n{"id":"b","q":"y"}\n')]);
    const dir = folderWith({ 'qa.jsonl': bytes });
    const dataset = await loadDataset(spec('qa.jsonl'), dir);
    expect(readBack(dataset).map((row) => row.data)).toEqual([
      { id: 'a', q: 'x' },
      { id: 'b', q: 'y' },
    ]);
    expect(dataset.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('counts offsets in bytes, so multi-byte text before a row does not shift it', async () => {
    const rows = [
      { id: 'a', q: 'café — 漢字 😀'.repeat(50) },
      { id: 'b', q: 'naïve' },
      { id: 'c', q: 'Ünïcödé 👍🏽' },
    ];
    const dir = folderWith({ 'qa.jsonl': `${rows.map((row) => JSON.stringify(row)).join('\n')}\n` });
    const dataset = await loadDataset(spec('qa.jsonl'), dir);
    expect(readBack(dataset).map((row) => row.data)).toEqual(rows);
  });

  it('reads rows longer than the read block and rows split across stream chunks', async () => {
    // createReadStream hands out 64 KiB chunks: these rows cross chunk boundaries and outgrow the block.
    const rows = Array.from({ length: 12 }, (_, index) => ({ id: `r${index}`, text: `${index}:`.padEnd(10_000 + index * 17_000, 'é') }));
    const dir = folderWith({ 'big.jsonl': rows.map((row) => JSON.stringify(row)).join('\n') });
    const dataset = await loadDataset(spec('big.jsonl'), dir);
    expect(readBack(dataset).map((row) => row.data)).toEqual(rows);
    expect([...dataset.samples].map((sample) => sample.data)).toEqual(rows);
  });

  it('reports a broken line at load, naming file:line, before any row is read back', async () => {
    const dir = folderWith({ 'qa.jsonl': '{"id":"a"}\n{"id":"b"}\n{"id": "c",}\n' });
    await expect(loadDataset(spec('qa.jsonl'), dir)).rejects.toThrow(/qa\.jsonl:3: not valid JSON/);
  });

  it('reports invalid UTF-8 at load with its line, also in a later stream chunk', async () => {
    const good = Array.from({ length: 2_000 }, (_, index) => JSON.stringify({ id: `r${index}`, pad: 'x'.repeat(60) })).join('\n');
    const dir = folderWith({ 'qa.jsonl': Buffer.concat([Buffer.from(`${good}\n{"id":"bad","q":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]) });
    await expect(loadDataset(spec('qa.jsonl'), dir)).rejects.toThrow(/qa\.jsonl:2001: not valid UTF-8/);
  });

  it('refuses a row that changed on disk after loading, naming file:line', async () => {
    const dir = folderWith({ 'qa.jsonl': '{"id":"a","q":"x"}\n{"id":"b","q":"y"}\n' });
    const dataset = await loadDataset(spec('qa.jsonl'), dir);
    writeFileSync(join(dir, 'qa.jsonl'), '{"id":"a","q":"x"}\n{"id":"z","q":"y"}\n');
    const changed = errorOf(() => dataset.samples.at(1));
    expect(changed.code).toBe('DATASET_INVALID');
    expect(changed.message).toMatch(/qa\.jsonl:2: the dataset file changed while the run read it/);
    writeFileSync(join(dir, 'qa.jsonl'), '{"id":"a"}\n');
    expect(errorOf(() => dataset.samples.at(1)).message).toMatch(/qa\.jsonl:2: the dataset file changed/);
  });

  it('keeps only the first `limit` rows and still hashes the whole file', async () => {
    const text = '{"id":"a"}\n{"id":"b"}\n{"id":"c"}\n';
    const dir = folderWith({ 'qa.jsonl': text });
    const dataset = await loadDataset(spec('qa.jsonl', { limit: 2 }), dir);
    expect(readBack(dataset).map((row) => row.id)).toEqual(['a', 'b']);
    expect(dataset.samples.at(2)).toBeUndefined();
    expect(dataset.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('reads several files by offset; after release() the ids stay and no row can be read', async () => {
    const dir = folderWith({ 'a.jsonl': '{"q":"first"}\n{"q":"second"}\n', 'b.jsonl': '{"q":"third"}\n' });
    const dataset = await loadDataset(spec(['a.jsonl', 'b.jsonl'], { idField: undefined }), dir);
    expect(dataset.sampleIds).toEqual(['a.jsonl:1', 'a.jsonl:2', 'b.jsonl:1']);
    expect(readBack(dataset).map((row) => row.data.q)).toEqual(['first', 'second', 'third']);
    dataset.release();
    expect(dataset.sampleIds).toEqual(['a.jsonl:1', 'a.jsonl:2', 'b.jsonl:1']);
    expect(dataset.samples.length).toBe(3);
    expect(() => dataset.samples.at(1)).toThrow(/after the rows were released/);
  });

  it('holds the rows of a CSV file met after a JSONL one in memory, in order', async () => {
    const dir = folderWith({
      'a_test.jsonl': '{"id":"1","question":"Q1?","choices":["x","y"],"answer":0}\n',
      'b_test.csv': 'id,question,A,B,C,D,answer\n2,Q2?,w,x,y,z,B\n',
    });
    const dataset = await loadDataset({ path: ['a_test.jsonl', 'b_test.csv'], format: 'mmlu' } as never, dir);
    expect(Array.isArray(dataset.samples)).toBe(true);
    expect([...dataset.samples].map((sample) => [sample.id, sample.data.question, sample.data.correct])).toEqual([
      ['a-1', 'Q1?', 'A'],
      ['b-2', 'Q2?', 'B'],
    ]);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { isVerdictError } from '../../../lib/errors/index.ts';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-ds-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const spec = (path: string | string[], extra: Record<string, unknown> = {}) =>
  ({ path, format: 'jsonl', idField: 'id', ...extra }) as Parameters<typeof loadDataset>[0];

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isVerdictError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('loadDataset', () => {
  it('reads JSONL rows with their own ids, skipping blank lines, and hashes the file bytes', async () => {
    const text = '{"id":"a","q":1}\n\n{"id":"b","q":2}\n';
    const dir = folderWith({ 'qa.jsonl': text });
    const dataset = await loadDataset(spec('qa.jsonl'), dir);
    expect([...dataset.samples].map((sample) => [sample.id, sample.source.line])).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
    expect(dataset.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('numbers rows by line when they have no id field', async () => {
    const dir = folderWith({ 'qa.jsonl': '{"q":1}\n{"q":2}\n' });
    expect((await loadDataset(spec('qa.jsonl'), dir)).sampleIds).toEqual(['1', '2']);
  });

  it('stops at a broken line naming the file and line', async () => {
    const dir = folderWith({ 'qa.jsonl': '{"id":"a"}\n{"id": "b",}\n' });
    const failure = await failureOf(loadDataset(spec('qa.jsonl'), dir));
    expect(failure.code).toBe('DATASET_INVALID');
    expect(failure.message).toMatch(/qa\.jsonl:2: not valid JSON/);
  });

  it('reads CRLF line ends, and says so when a file has bare-CR line ends (read as one line)', async () => {
    const crlf = await loadDataset(spec('qa.jsonl'), folderWith({ 'qa.jsonl': '{"id":"a"}\r\n{"id":"b"}\r\n' }));
    expect([...crlf.samples].map((sample) => [sample.id, sample.source.line])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const failure = await failureOf(loadDataset(spec('qa.jsonl'), folderWith({ 'qa.jsonl': '{"id":"a"}\r{"id":"b"}\r' })));
    expect(failure.code).toBe('DATASET_INVALID');
    expect(failure.message).toMatch(/qa\.jsonl:1: not valid JSON \(.*\); the line holds a bare CR: JSONL lines end with LF or CRLF/);
  });

  it('rejects a line that is JSON but not an object', async () => {
    const dir = folderWith({ 'qa.jsonl': '[1,2]\n' });
    expect((await failureOf(loadDataset(spec('qa.jsonl'), dir))).message).toMatch(/qa\.jsonl:1: expected a JSON object per line, got an array/);
  });

  it('rejects duplicate ids, naming both places', async () => {
    const dir = folderWith({ 'qa.jsonl': '{"id":"a"}\n{"id":"b"}\n{"id":"a"}\n' });
    expect((await failureOf(loadDataset(spec('qa.jsonl'), dir))).message).toMatch(/qa\.jsonl:3: duplicate sample id "a" \(first at .*qa\.jsonl:1\)/);
  });

  it('rejects a dataset without rows', async () => {
    const failure = await failureOf(loadDataset(spec('empty.jsonl'), folderWith({ 'empty.jsonl': '\n\n' })));
    expect(failure.code).toBe('DATASET_INVALID');
    expect(failure.message).toMatch(/empty\.jsonl has no rows/);
  });

  it('names a missing file', async () => {
    const failure = await failureOf(loadDataset(spec('nope.jsonl'), folderWith({})));
    expect(failure.code).toBe('DATASET_NOT_FOUND');
    expect(failure.message).toContain('nope.jsonl');
  });

  it('takes the first N rows with a limit but still hashes the whole file', async () => {
    const text = '{"id":"a"}\n{"id":"b"}\n{"id":"c"}\n';
    const dir = folderWith({ 'qa.jsonl': text });
    const dataset = await loadDataset(spec('qa.jsonl', { limit: 2 }), dir);
    expect([...dataset.samples].map((sample) => sample.id)).toEqual(['a', 'b']);
    expect(dataset.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('reads CSV with a header, quoted fields and the line each record starts on', async () => {
    const dir = folderWith({ 'qa.csv': 'id,question,answer\nq1,"Two, words",2\nq2,"multi\nline",3\n' });
    const dataset = await loadDataset(spec('qa.csv', { format: 'csv' }), dir);
    expect([...dataset.samples].map((sample) => [sample.id, sample.data.question, sample.source.line])).toEqual([
      ['q1', 'Two, words', 2],
      ['q2', 'multi\nline', 3],
    ]);
  });

  it('expands globs in order and sets category and cluster from the named fields', async () => {
    const dir = folderWith({
      'b.jsonl': '{"id":"b1","topic":"y","template":"t1"}\n',
      'a.jsonl': '{"id":"a1","topic":"x","template":"t1"}\n',
    });
    const dataset = await loadDataset(spec('*.jsonl', { categoryField: 'topic', clusterField: 'template' }), dir);
    expect([...dataset.samples].map((sample) => [sample.id, sample.category, sample.cluster])).toEqual([
      ['a1', 'x', 'x/t1'],
      ['b1', 'y', 'y/t1'],
    ]);
  });

  it('adds ground_truth to GSM8K rows from the #### line', async () => {
    const dir = folderWith({ 'gsm.jsonl': '{"question":"2+2?","answer":"2+2=4\\n#### 4"}\n' });
    const dataset = await loadDataset(spec('gsm.jsonl', { format: 'gsm8k' }), dir);
    expect(dataset.samples.at(0)!.data.ground_truth).toBe('4');
  });
});

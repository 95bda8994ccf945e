import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionRequest, Provider } from '../../../lib/ports/index.ts';
import { CompletionFailure, VerdictError } from '../../../lib/errors/index.ts';
import { replayProvider, systemClock } from '../../../lib/providers/index.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verdict-replay-'));
  await writeFile(join(dir, 'run-a.jsonl'), lines({ id: 1, lang: 'en', output: { text: 'Paris' } }, { id: 1, lang: 'fr', output: { text: 'Paris (fr)' } }));
  await writeFile(join(dir, 'run-b.jsonl'), `${lines({ id: 2, lang: 'en', output: { text: 42 } }, { id: 3, lang: 'en', output: { text: null } })}\n\n`);
  await writeFile(join(dir, 'repeats.jsonl'), lines({ id: 'q', output: 'first' }, { id: 'q', output: 'second' }));
  await writeFile(join(dir, 'broken.jsonl'), `${lines({ id: 'ok', output: 'fine' })}{"id": "bad", "output": \n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function lines(...rows: unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

async function createReplay(params: Record<string, unknown>): Promise<Provider> {
  return replayProvider.create(replayProvider.params.parse(params), {
    id: 'recorded',
    baseDir: dir,
    env: {},
    clock: systemClock,
    timeoutMs: 1_000,
    retries: 0,
  });
}

function sampleRequest(data: Record<string, unknown>, repeat = 0): CompletionRequest {
  return { sample: { id: `sample-${String(data.id)}`, data, source: { file: 'qa.jsonl', line: 1 } }, messages: [], repeat, seed: 0 };
}

async function failureOf(promise: Promise<unknown>): Promise<VerdictError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(VerdictError);
  return error as VerdictError;
}

describe('replay provider', () => {
  it('reads each row back by its byte offset: multi-byte text, CRLF, a BOM and blank lines before it, with the right file:line', async () => {
    const rows = [{ id: 'ü', output: 'ünïcödé 東京 🚀' }, { id: 'after', output: 'after the emoji' }, { id: 'last', output: 'no newline at the end' }];
    await writeFile(join(dir, 'offsets.jsonl'), `\uFEFF${JSON.stringify(rows[0])}\r\n\r\n${JSON.stringify(rows[1])}\r\n${JSON.stringify({ id: 'after', output: 'second take' })}\n${JSON.stringify(rows[2])}`);
    const provider = await createReplay({ file: 'offsets.jsonl', key: 'id', field: 'output' });
    expect((await provider.complete(sampleRequest({ id: 'ü' }))).text).toBe('ünïcödé 東京 🚀');
    expect((await provider.complete(sampleRequest({ id: 'after' }))).text).toBe('after the emoji');
    expect((await provider.complete(sampleRequest({ id: 'after' }, 1))).text).toBe('second take');
    expect((await provider.complete(sampleRequest({ id: 'last' }))).text).toBe('no newline at the end');
    // The line number in messages counts the blank line: the third row is on line 5.
    const missing = await createReplay({ file: 'offsets.jsonl', key: 'id', field: 'nothing' });
    const failure = await failureOf(missing.complete(sampleRequest({ id: 'last' })));
    expect(failure.message).toContain('offsets.jsonl:5');
    await provider.close?.();
    await missing.close?.();
  });

  it('keeps where rows are, not the rows: a row changed on disk after loading is read as it is now', async () => {
    const file = join(dir, 'lazy.jsonl');
    await writeFile(file, lines({ id: 'q', output: 'AAAA' }));
    const provider = await createReplay({ file: 'lazy.jsonl', key: 'id', field: 'output' });
    await writeFile(file, lines({ id: 'q', output: 'BBBB' }));
    expect((await provider.complete(sampleRequest({ id: 'q' }))).text).toBe('BBBB');
    await provider.close?.();
  });

  it('joins on a list of key fields, treating numbers and strings alike', async () => {
    const provider = await createReplay({ file: 'run-a.jsonl', key: ['id', 'lang'], field: 'output.text' });
    const french = await provider.complete(sampleRequest({ id: '1', lang: 'fr' }));
    expect(french).toEqual({ text: 'Paris (fr)', latencyMs: 0, ttftMs: null, usage: null, attempts: 1, meta: { replay: true } });
  });

  it('loads every file a glob matches, and turns a non-string output into JSON', async () => {
    const provider = await createReplay({ file: 'run-*.jsonl', key: 'id', field: 'output.text' });
    expect((await provider.complete(sampleRequest({ id: 1 }))).text).toBe('Paris');
    expect((await provider.complete(sampleRequest({ id: 2 }))).text).toBe('42');
  });

  it('accepts a list of paths and globs', async () => {
    const provider = await createReplay({ file: ['run-a.jsonl', join(dir, 'run-b*.jsonl')], key: 'id', field: 'output.text' });
    expect((await provider.complete(sampleRequest({ id: 2 }))).text).toBe('42');
  });

  it('fails a sample whose key is not recorded with REPLAY_MISSING_KEY naming the key', async () => {
    const provider = await createReplay({ file: 'run-a.jsonl', key: ['id', 'lang'], field: 'output.text' });
    const error = await failureOf(provider.complete(sampleRequest({ id: 9, lang: 'de' })));
    expect(error).toBeInstanceOf(CompletionFailure);
    expect(error).toMatchObject({ code: 'REPLAY_MISSING_KEY', attempts: 0 });
    expect(error.message).toContain('id=9, lang="de"');
  });

  it('fails a recorded row whose output field is null with PROVIDER_RESPONSE', async () => {
    const provider = await createReplay({ file: 'run-b.jsonl', key: 'id', field: 'output.text' });
    const error = await failureOf(provider.complete(sampleRequest({ id: 3 })));
    expect(error.code).toBe('PROVIDER_RESPONSE');
    expect(error.message).toContain('run-b.jsonl:2');
  });

  it('gives repeat r the r-th recorded row of a key, cycling', async () => {
    const provider = await createReplay({ file: 'repeats.jsonl', key: 'id', field: 'output' });
    const texts = await Promise.all([0, 1, 2].map(async (repeat) => (await provider.complete(sampleRequest({ id: 'q' }, repeat))).text));
    expect(texts).toEqual(['first', 'second', 'first']);
  });

  it('keys whose hashes collide still find their own rows (and repeats), and an unrecorded key with that hash finds none', async () => {
    // "q562789" and "q779192" have the same 32-bit FNV-1a hash, the index's bucket key; 1,500 rows make it rehash.
    const filler = Array.from({ length: 1_500 }, (_, index) => ({ id: `f${index}`, output: `filler ${index}` }));
    await writeFile(join(dir, 'collide.jsonl'), lines({ id: 'q562789', output: 'first key' }, ...filler, { id: 'q779192', output: 'second key' }, { id: 'q562789', output: 'first key again' }));
    const provider = await createReplay({ file: 'collide.jsonl', key: 'id', field: 'output' });
    expect((await provider.complete(sampleRequest({ id: 'q562789' }))).text).toBe('first key');
    expect((await provider.complete(sampleRequest({ id: 'q562789' }, 1))).text).toBe('first key again');
    expect((await provider.complete(sampleRequest({ id: 'q779192' }))).text).toBe('second key');
    expect((await provider.complete(sampleRequest({ id: 'q779192' }, 1))).text).toBe('second key');
    expect((await provider.complete(sampleRequest({ id: 'f1499' }))).text).toBe('filler 1499');
    const failure = await failureOf(provider.complete(sampleRequest({ id: 'q1' })));
    expect(failure.code).toBe('REPLAY_MISSING_KEY');
    await provider.close?.();
  });

  it('indexes a file streamed in chunks: a row longer than a chunk, split across several, reads back whole', async () => {
    // A read stream hands over 64 KiB at a time; this row spans four chunks and starts mid-chunk.
    const long = `${'長'.repeat(70_000)}-end`;
    await writeFile(join(dir, 'chunks.jsonl'), lines({ id: 'short', output: 'x'.repeat(40_000) }, { id: 'long', output: long }, { id: 'after', output: 'after the long row' }));
    const provider = await createReplay({ file: 'chunks.jsonl', key: 'id', field: 'output' });
    expect((await provider.complete(sampleRequest({ id: 'long' }))).text).toBe(long);
    expect((await provider.complete(sampleRequest({ id: 'after' }))).text).toBe('after the long row');
    await provider.close?.();
  });

  it('fails at create time on a replay file that is not UTF-8, naming file:line', async () => {
    await writeFile(join(dir, 'latin1.jsonl'), Buffer.concat([Buffer.from(lines({ id: 'a', output: 'fine' })), Buffer.from('{"id": "b", "output": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    const error = await failureOf(createReplay({ file: 'latin1.jsonl', key: 'id', field: 'output' }));
    expect(error.code).toBe('DATASET_INVALID');
    expect(error.message).toMatch(/^latin1\.jsonl:2: not valid UTF-8/);
  });

  it('fails at create time on a line that is not JSON, naming file:line', async () => {
    const error = await failureOf(createReplay({ file: 'broken.jsonl', key: 'id', field: 'output' }));
    expect(error.code).toBe('DATASET_INVALID');
    expect(error.message).toMatch(/^broken\.jsonl:2: not valid JSON/);
  });

  it('fails at create time when a file or a glob finds nothing', async () => {
    expect((await failureOf(createReplay({ file: 'nope.jsonl', key: 'id', field: 'output' }))).code).toBe('DATASET_NOT_FOUND');
    expect((await failureOf(createReplay({ file: 'nope-*.jsonl', key: 'id', field: 'output' }))).code).toBe('DATASET_NOT_FOUND');
  });
});

describe('replay with repeatField (n recorded samples per task replay as n repeats)', () => {
  it('gives repeat r the row whose repeat field is r, whatever the file order, and fails a missing r on that item', async () => {
    await writeFile(join(dir, 'samples.jsonl'), lines({ id: 's', sample_index: 2, output: 'third' }, { id: 's', sample_index: 0, output: 'first' }, { id: 's', sample_index: 1, output: 'second' }));
    const replay = await createReplay({ file: 'samples.jsonl', key: 'id', field: 'output', repeatField: 'sample_index' });
    const texts = await Promise.all([0, 1, 2].map(async (repeat) => (await replay.complete(sampleRequest({ id: 's' }, repeat))).text));
    expect(texts).toEqual(['first', 'second', 'third']);
    const missing = await replay.complete(sampleRequest({ id: 's' }, 3)).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(CompletionFailure);
    expect((missing as CompletionFailure).message).toMatch(/no replay row with sample_index = 3 for id="s"/);
  });
});

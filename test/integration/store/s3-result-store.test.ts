import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVerdictError } from '../../../lib/errors/index.ts';
import { createS3Client, S3ResultStore, SHA256_METADATA_KEY } from '../../../lib/store/index.ts';
import { MULTIPART_PART_BYTES } from '../../../lib/store/s3-object-io.ts';
import { fakeManifest, fakeRecord, fakeSummary } from '../../fixtures/result-set.ts';
import { FAKE_CREDENTIALS, startS3Server, type S3Server } from '../../fixtures/s3-server.ts';

const BUCKET = 'verdict-results';
let server: S3Server;
let client: S3Client;
let store: S3ResultStore;

beforeAll(async () => {
  server = await startS3Server({ buckets: [BUCKET] });
  client = createS3Client({ endpoint: server.endpoint, credentials: FAKE_CREDENTIALS });
  store = new S3ResultStore({ client, bucket: BUCKET, prefix: 'runs/' });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

async function rawText(key: string): Promise<string> {
  const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return response.Body!.transformToString();
}

describe('the local S3 server is atomic per object, as S3 is', () => {
  it('never serves a cut-short or mixed object while the key is replaced by objects of other sizes', async () => {
    // Replacing an object rewrites its content, .md5 and metadata (with the length) as three files;
    // a reader that paired the new length with the old content got a cut-short body.
    const versions = Array.from({ length: 6 }, (_, index) => JSON.stringify({ index, padding: 'x'.repeat(index % 2 === 0 ? 10 : 200_000) }));
    const key = 'runs/overwritten/summary.json';
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: versions[0] }));
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 30; round++) await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: versions[round % versions.length] }));
      writing = false;
    })();
    const seen: string[] = [];
    const reader = async () => {
      while (writing) seen.push(await rawText(key));
    };
    await Promise.all([writer, reader(), reader(), reader()]);
    expect(seen.length).toBeGreaterThan(10);
    const broken = seen.filter((text) => !versions.includes(text));
    expect(broken.map((text) => `${text.length} chars`)).toEqual([]);
  });
});

describe('S3ResultStore against a local S3 server', () => {
  it('round-trips a 12 MB shard (a multipart upload) byte for byte, with its SHA-256 in the metadata', async () => {
    // 24 records of 256 Ki characters, mostly the two-byte "é": ~12.6 MB of JSON, so 2 parts of 8 MiB.
    const records = Array.from({ length: 24 }, (_, index) => fakeRecord(index, { outputBytes: 256 * 1024 }));
    await store.writeShard('big', 'shard-00000', records);
    const read = [];
    for await (const record of store.readRecords('big')) read.push(record);
    expect(read).toEqual(records);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'runs/big/records/shard-00000.jsonl' }));
    expect(head.Metadata?.[SHA256_METADATA_KEY]).toMatch(/^[0-9a-f]{64}$/);
    expect(head.ContentLength).toBeGreaterThan(MULTIPART_PART_BYTES);
    // The stored bytes are the JSON lines, not an aws-chunked envelope.
    expect((await rawText('runs/big/records/shard-00000.jsonl')).split('\n')[0]).toBe(JSON.stringify(records[0]));
  });

  it('rejects a shard whose bytes do not match their recorded SHA-256', async () => {
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'runs/corrupt/records/shard-00000.jsonl',
        Body: `${JSON.stringify(fakeRecord(1))}\n`,
        Metadata: { [SHA256_METADATA_KEY]: '0'.repeat(64) },
      }),
    );
    const read = async () => {
      for await (const _record of store.readRecords('corrupt')) void _record;
    };
    await expect(read()).rejects.toThrow(/does not match its SHA-256/);
  });

  it('skips a torn final line and reports a broken middle line with its line number', async () => {
    const good = JSON.stringify(fakeRecord(1));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'runs/torn/records/shard-00000.jsonl', Body: `${good}\n{"schemaVer` }));
    const read = [];
    for await (const record of store.readRecords('torn')) read.push(record);
    expect(read.map((record) => record.itemId)).toEqual(['s1|oracle|0']);

    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'runs/broken/records/shard-00000.jsonl', Body: `${good}\n{oops\n${good}\n` }));
    const broken = async () => {
      for await (const _record of store.readRecords('broken')) void _record;
    };
    await expect(broken()).rejects.toThrow('s3://verdict-results/runs/broken/records/shard-00000.jsonl:2: record is not valid JSON');
  });

  it('lists runs that have a manifest and a run’s shards in order', async () => {
    await store.writeManifest(fakeManifest('run-b'));
    await store.writeManifest(fakeManifest('run-a', 3));
    await store.writeShard('run-a', 'shard-00002', [fakeRecord(5, { shard: 'shard-00002' })]);
    await store.writeShard('run-a', 'shard-00000', [fakeRecord(1)]);
    await store.appendRecords('run-a', 'shard-00000', [fakeRecord(2)]);
    const runs = await store.listRuns();
    expect(runs).toContain('run-a');
    expect(runs).toContain('run-b');
    expect(runs).not.toContain('big'); // records but no manifest
    expect(await store.listShards('run-a')).toEqual(['shard-00000', 'shard-00002']);
    const ids = [];
    for await (const record of store.readRecords('run-a')) ids.push(record.sampleId);
    expect(ids).toEqual(['s1', 's2', 's5']);
    expect((await store.readManifest('run-a'))?.plan.shards).toHaveLength(3);
    expect(store.locate('run-a')).toBe('s3://verdict-results/runs/run-a');
  });

  it('answers null or nothing for missing keys', async () => {
    expect(await store.readManifest('nope')).toBeNull();
    expect(await store.readSummary('nope')).toBeNull();
    expect(await store.listShards('nope')).toEqual([]);
    const read = [];
    for await (const record of store.readRecords('nope')) read.push(record);
    expect(read).toEqual([]);
  });

  it('seals a run: summary.json is written once, even though this server ignores If-None-Match', async () => {
    await store.writeSummary(fakeSummary('sealed'));
    const second = { ...fakeSummary('sealed'), passed: false };
    const error = await store.writeSummary(second).catch((caught: unknown) => caught);
    expect(isVerdictError(error, 'RUN_SEALED')).toBe(true);
    expect((await store.readSummary('sealed'))?.passed).toBe(true);
  });

  it('fails with STORE_READ naming the bucket when the bucket does not exist', async () => {
    const missing = new S3ResultStore({ client, bucket: 'no-such-bucket' });
    const error = await missing.listShards('x').catch((caught: unknown) => caught);
    expect(isVerdictError(error, 'STORE_READ')).toBe(true);
    expect((error as Error).message).toContain('s3://no-such-bucket/runs/x/records/');
  });
});

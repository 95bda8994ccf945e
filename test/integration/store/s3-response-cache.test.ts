import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCacheKey, S3ResponseCache, type CachedResponse } from '../../../lib/cache/index.ts';
import { createS3Client } from '../../../lib/store/index.ts';
import { FAKE_CREDENTIALS, startS3Server, type S3Server } from '../../fixtures/s3-server.ts';
import { runCli } from '../../fixtures/workspace.ts';

/** The S3 response cache's stats and clear, against s3rver through the real @aws-sdk/client-s3. */
const BUCKET = 'verdict-cache-test';
let server: S3Server;
let client: S3Client;

beforeAll(async () => {
  server = await startS3Server({ buckets: [BUCKET] });
  client = createS3Client({ endpoint: server.endpoint, credentials: FAKE_CREDENTIALS });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

function answer(index: number): CachedResponse {
  return { schemaVersion: 1, text: `answer ${index}`, usage: null, latencyMs: 12, ttftMs: null, storedAt: '2026-12-02T00:00:00.000Z' };
}

function keyOf(index: number): string {
  return responseCacheKey({ provider: 'openai', params: { model: 'm' }, messages: [{ role: 'user', content: `q${index}` }], repeat: 0, seed: 1 });
}

/** Fills a cache with `count` entries and drops two objects beside them that are not entries. */
async function fill(prefix: string, count: number): Promise<S3ResponseCache> {
  const cache = new S3ResponseCache({ client, bucket: BUCKET, prefix });
  await Promise.all(Array.from({ length: count }, (_, index) => cache.put(keyOf(index), answer(index))));
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}README.txt`, Body: 'not an entry' }));
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `runs/r1/manifest.json`, Body: '{}' }));
  return cache;
}

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

describe('S3ResponseCache stats and clear', () => {
  // One page only: s3rver cannot paginate ListObjectsV2 on Node 20 (its continuation token uses
  // DES, which OpenSSL 3 refuses), so listing past 1000 keys is not exercised here.
  it('counts the entries and their bytes, and clears them and nothing else (not a foreign file beside them, not runs/)', async () => {
    const cache = await fill('some-cache/', 7);
    const stats = await cache.stats();
    expect(stats.entries).toBe(7);
    const sizes = Array.from({ length: 7 }, (_, index) => Buffer.byteLength(JSON.stringify(answer(index))));
    expect(stats.bytes).toBe(sizes.reduce((sum, size) => sum + size, 0));
    expect(await cache.clear()).toBe(7);
    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0 });
    expect(await keysUnder('some-cache/')).toEqual(['some-cache/README.txt']);
    expect(await keysUnder('runs/')).toEqual(['runs/r1/manifest.json']);
  });

  it('adds the final "/" to a prefix, so a sibling prefix is never counted or cleared', async () => {
    await fill('shared/', 2);
    await fill('shared-other/', 3);
    const cache = new S3ResponseCache({ client, bucket: BUCKET, prefix: 'shared' });
    expect(cache.location).toBe(`s3://${BUCKET}/shared/`);
    expect((await cache.stats()).entries).toBe(2);
    expect(await cache.clear()).toBe(2);
    expect((await new S3ResponseCache({ client, bucket: BUCKET, prefix: 'shared-other/' }).stats()).entries).toBe(3);
  });
});

describe('verdict cache stats|clear on an S3 prefix (the real CLI)', () => {
  const env = { AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' };

  it('--s3 s3://bucket/prefix and --cloud (the stack bucket\'s response-cache/) count and clear the same entries', async () => {
    await fill('response-cache/', 4);
    const endpoint = ['--s3-endpoint', server.endpoint];
    const byUrl = await runCli(['cache', 'stats', '--s3', `s3://${BUCKET}/response-cache/`, '--json', ...endpoint], { env });
    expect(byUrl.code).toBe(0);
    const stats = JSON.parse(byUrl.stdout) as { location: string; entries: number; bytes: number };
    expect(stats).toMatchObject({ location: `s3://${BUCKET}/response-cache/`, entries: 4 });
    const byStack = await runCli(['cache', 'stats', '--cloud', '--bucket', BUCKET, '--json', ...endpoint], { env });
    expect(JSON.parse(byStack.stdout)).toEqual(stats);

    const cleared = await runCli(['cache', 'clear', '--cloud', '--bucket', BUCKET, ...endpoint], { env });
    expect(cleared).toMatchObject({ code: 0, stdout: `s3://${BUCKET}/response-cache/: removed 4 cached answers\n` });
    expect(await keysUnder('response-cache/')).toEqual(['response-cache/README.txt']);
    const readme = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'response-cache/README.txt' }));
    expect(await readme.Body!.transformToString()).toBe('not an entry');
  }, 120_000); // three CLI processes on a loaded machine

  it('refuses two caches at once and a malformed URL with exit 2', async () => {
    const both = await runCli(['cache', 'clear', '--cache-dir', 'x', '--s3', `s3://${BUCKET}/p/`], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--cache-dir and --s3: name one cache');
    const malformed = await runCli(['cache', 'stats', '--s3', 'bucket/prefix'], { env });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--s3 bucket/prefix: expected s3://bucket/prefix/');
  }, 120_000);
});

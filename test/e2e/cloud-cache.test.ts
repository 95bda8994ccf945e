import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeOrchestrator, submitRunInput } from '../../lib/cloud/index.ts';
import { loadDataset } from '../../lib/datasets/index.ts';
import type { ResultRecord, Summary } from '../../lib/results/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { BUCKET, CACHE_PREFIX, FUNCTIONS, startCloudHarness, writeSumsEval, type CloudHarness } from './cloud-harness.ts';

/**
 * The workers' shared response cache: real workers behind the local Lambda endpoint, the cache in
 * s3rver through @aws-sdk/client-s3, the model the local OpenAI-compatible server.
 */
let harness: CloudHarness;
let specPath: string;
let env: Record<string, string>;

beforeAll(async () => {
  harness = await startCloudHarness();
  specPath = await writeSumsEval(harness.dir, 12, { cache: 'on', name: 'cached-sums' });
  env = { E2E_OPENAI_URL: harness.openai.url };
});

afterAll(async () => {
  await harness?.close();
});

async function runInCloud(runId: string): Promise<{ summary: Summary; records: ResultRecord[]; asked: number }> {
  const before = harness.openai.requestCount;
  const loaded = await loadEvalSpec(specPath, env);
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  await submitRunInput({ store: harness.store, runId, loaded, dataset, env, now: new Date().toISOString() });
  expect(await invokeOrchestrator(harness.lambdaClient, FUNCTIONS.orchestrator, runId)).toMatchObject({ ok: true, shards: 5 });
  const deadline = Date.now() + 30_000;
  let summary: Summary | null = null;
  while (!summary) {
    await harness.lambda.idle();
    summary = await harness.store.readSummary(runId);
    if (!summary && Date.now() > deadline) throw new Error(`run ${runId} not sealed`);
    if (!summary) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const records: ResultRecord[] = [];
  for await (const record of harness.store.readRecords(runId)) records.push(record);
  return { summary, records: records.filter((record) => record.candidate === 'model-a'), asked: harness.openai.requestCount - before };
}

async function cacheKeys(): Promise<string[]> {
  const listed = await harness.s3Client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: CACHE_PREFIX }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

describe('the response cache on Lambda (workers share an S3 prefix)', () => {
  it('stores every answer of the first run in S3 and serves an identical second run from it, on every shard', async () => {
    const first = await runInCloud('cache-first');
    expect(first.asked).toBe(12);
    expect(first.records.every((record) => record.cache === undefined && record.latencyMs !== null)).toBe(true);
    // One entry per answer, laid out as the local folder is: <2 hex>/<sha-256>.json.
    const keys = await cacheKeys();
    expect(keys).toHaveLength(12);
    for (const key of keys) expect(key).toMatch(/^response-cache\/([0-9a-f]{2})\/\1[0-9a-f]{62}\.json$/);

    const second = await runInCloud('cache-second');
    expect(second.asked).toBe(0);
    expect(new Set(second.records.map((record) => record.shard)).size).toBeGreaterThan(1);
    for (const record of second.records) {
      expect(record).toMatchObject({ latencyMs: null, attempts: 0 });
      expect(keys).toContain(`${CACHE_PREFIX}${record.cache!.key.slice(0, 2)}/${record.cache!.key}.json`);
    }
    // The same answers: the cached run scores exactly as the first did.
    const outputs = (records: ResultRecord[]) => Object.fromEntries(records.map((record) => [record.itemId, record.output]));
    expect(outputs(second.records)).toEqual(outputs(first.records));
    expect(second.summary.candidates['model-a']!.metrics.accuracy).toEqual(first.summary.candidates['model-a']!.metrics.accuracy);
    expect(second.summary.candidates['model-a']!.metrics['latency.p50_ms']).toBeUndefined();
  });
});

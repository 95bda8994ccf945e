import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRunInput } from '../../lib/cloud-client/index.ts';
import { loadDataset } from '../../lib/datasets/index.ts';
import type { ResultRecord, Summary } from '../../lib/results/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { FAKE_CREDENTIALS } from '../fixtures/s3-server.ts';
import { runCli, type CliResult } from '../fixtures/workspace.ts';
import { BUCKET, CACHE_PREFIX, startCloudHarness, writeSumsEval, type CloudHarness } from './cloud-harness.ts';

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
  const { execution, summary } = await harness.runWorkflow(runId);
  expect(execution.status).toBe('SUCCEEDED');
  if (!summary) throw new Error(`run ${runId} not sealed`);
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

  it('`verdict run --cloud --no-cache` asks the model for every item and leaves the shared cache as it was', { timeout: 240_000 }, async () => {
    // The earlier test filled the cache with every answer of this spec.
    const keysBefore = await cacheKeys();
    expect(keysBefore).toHaveLength(12);
    const before = harness.openai.requestCount;
    const result = await cloudCli(['run', specPath, '--cloud', '--no-cache', '--run-id', 'cache-skipped', '--quiet']);
    expect(result.stderr).toContain('verdict: PASS');
    expect(result.code).toBe(0);
    expect(harness.openai.requestCount - before).toBe(12);
    const records: ResultRecord[] = [];
    for await (const record of harness.store.readRecords('cache-skipped')) records.push(record);
    const modelRecords = records.filter((record) => record.candidate === 'model-a');
    expect(modelRecords).toHaveLength(12);
    expect(modelRecords.every((record) => record.cache === undefined && record.attempts > 0)).toBe(true);
    // The flag travels in the run input the workers read, not in the spec.
    const request = await harness.s3Client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'runs/cache-skipped/input/request.json' }));
    expect(JSON.parse(await request.Body!.transformToString())).toMatchObject({ noCache: true });
    expect(await cacheKeys()).toEqual(keysBefore);
  });

  it('`--cloud --cache-dir` is refused with exit 2: the workers have no local folder', { timeout: 240_000 }, async () => {
    const result = await cloudCli(['run', specPath, '--cloud', '--cache-dir', 'here', '--run-id', 'cache-dir-refused']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--cloud: --cache-dir names a local folder');
    expect(await harness.store.readManifest('cache-dir-refused')).toBeNull();
  });
});

/** The real CLI in a child process against the harness's local S3 and Step Functions endpoints. */
function cloudCli(args: string[]): Promise<CliResult> {
  const env = {
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    VERDICT_POLL_MS: '100',
    E2E_OPENAI_URL: harness.openai.url,
  };
  const endpoints = ['--bucket', BUCKET, '--s3-endpoint', harness.s3.endpoint, '--sfn-endpoint', harness.sfn.endpoint, '--state-machine', harness.sfn.stateMachineArn];
  return runCli([...args, ...endpoints], { cwd: harness.dir, env });
}

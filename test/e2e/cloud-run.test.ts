import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeOrchestrator, submitRunInput } from '../../lib/cloud-client/index.ts';
import { loadDataset } from '../../lib/datasets/index.ts';
import { planFromManifest, workItemAt } from '../../lib/engine/index.ts';
import type { Summary } from '../../lib/results/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { type S3ResultStore } from '../../lib/store/index.ts';
import { comparable, FAKE_API_KEY, FUNCTIONS, readAll, runLocally, startCloudHarness, timeless, writeSumsEval, type CloudHarness } from './cloud-harness.ts';

let harness: CloudHarness;
let specPath: string;
let env: Record<string, string>;

beforeAll(async () => {
  harness = await startCloudHarness();
  specPath = await writeSumsEval(harness.dir);
  env = { E2E_OPENAI_URL: harness.openai.url };
});

afterAll(async () => {
  await harness?.close();
});

async function waitForSummary(store: S3ResultStore, runId: string, timeoutMs = 30_000): Promise<Summary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await harness.lambda.idle();
    const summary = await store.readSummary(runId);
    if (summary) return summary;
    if (Date.now() > deadline) throw new Error(`run ${runId} not sealed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function submitAndStart(runId: string) {
  const loaded = await loadEvalSpec(specPath, env);
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  await submitRunInput({ store: harness.store, runId, loaded, dataset, env, now: new Date().toISOString() });
  return invokeOrchestrator(harness.lambdaClient, FUNCTIONS.orchestrator, runId);
}

describe('Verdict on Lambda, end to end (orchestrator → workers → S3 → aggregator)', () => {
  it('produces the same result set as a local run, item for item and score for score', async () => {
    const loaded = await loadEvalSpec(specPath, env);
    const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
    const local = await runLocally(harness, loaded, dataset);
    const localStore = local.store;

    const started = await submitAndStart('cloud-same');
    expect(started).toMatchObject({ ok: true, runId: 'cloud-same', items: 24, shardSize: 5, shards: 5, dispatched: 5 });
    const summary = await waitForSummary(harness.store, 'cloud-same');

    const cloudRecords = await readAll(harness.store, 'cloud-same');
    const localRecords = await readAll(localStore, 'local');
    expect(cloudRecords).toHaveLength(24);
    expect(comparable(cloudRecords)).toEqual(comparable(localRecords));
    expect(cloudRecords.some((record) => record.scores.exact?.pass === false)).toBe(true); // the model is wrong sometimes
    expect(timeless(summary)).toEqual(timeless(local.summary));
    expect(summary.gates).toEqual(local.summary.gates);
    expect(summary.passed).toBe(local.summary.passed);

    const manifest = (await harness.store.readManifest('cloud-same'))!;
    expect(manifest.spec.sha256).toBe(local.manifest.spec.sha256);
    expect(manifest.dataset.sha256).toBe(local.manifest.dataset.sha256);
    expect(manifest.plan.shards.map((shard) => shard.id)).toEqual(['shard-00000', 'shard-00001', 'shard-00002', 'shard-00003', 'shard-00004']);
    // The key reached the model server; it never reached the result set.
    expect(harness.openai.requests.every((request) => request.headers.authorization === `Bearer ${FAKE_API_KEY}`)).toBe(true);
    expect(JSON.stringify({ manifest, summary, cloudRecords })).not.toContain(FAKE_API_KEY);
    // Fan-out went through the Lambda Invoke API: one async invocation per shard.
    const workerCalls = harness.lambda.invocations.filter((call) => call.name === FUNCTIONS.worker && (call.payload as { runId: string }).runId === 'cloud-same');
    expect(workerCalls.map((call) => call.type)).toEqual(['Event', 'Event', 'Event', 'Event', 'Event']);
  });

  it('reads the API key secret once per worker container, not once per shard', () => {
    expect(harness.secrets.reads).toBe(1);
  });

  it('a worker that keeps crashing leaves an error shard with every one of its items, and the run still seals', async () => {
    harness.crashShards.add('shard-00002');
    const started = await submitAndStart('cloud-crash');
    expect(started.ok).toBe(true);
    const summary = await waitForSummary(harness.store, 'cloud-crash');
    harness.crashShards.clear();

    const manifest = (await harness.store.readManifest('cloud-crash'))!;
    const plan = planFromManifest(manifest);
    const failed = (await readAll(harness.store, 'cloud-crash')).filter((record) => record.shard === 'shard-00002');
    const expectedIds = Array.from({ length: 5 }, (_, offset) => workItemAt(plan, 10 + offset).itemId);
    expect(failed.map((record) => record.itemId)).toEqual(expectedIds);
    for (const record of failed) {
      expect(record.error?.code).toBe('WORKER_FAILED');
      expect(record.error?.message).toContain('after 3 attempts');
      expect(record.output).toBeNull();
      expect(record.prompt.at(-1)?.content).toMatch(/^What is \d+ \+ \d+\?$/);
    }
    const errors = Object.values(summary.candidates).reduce((total, candidate) => total + candidate.errors, 0);
    expect(errors).toBe(5);
    expect(summary.candidates['model-a']!.n + summary.candidates.oracle!.n).toBe(24);
    // Three attempts of the crashing shard, then the failure handler; the others once each.
    const crashCalls = harness.lambda.invocations.filter(
      (call) => call.name === FUNCTIONS.worker && (call.payload as { runId: string; shardId: string }).runId === 'cloud-crash',
    );
    expect(crashCalls).toHaveLength(5);
  });

  it('starting a run twice dispatches only the shards that have no records, and aggregating again changes nothing', async () => {
    const again = await invokeOrchestrator(harness.lambdaClient, FUNCTIONS.orchestrator, 'cloud-same');
    expect(again).toMatchObject({ ok: true, shards: 5, dispatched: 0 });
    const before = await harness.store.readSummary('cloud-same');
    const event = { Records: [{ s3: { bucket: { name: 'verdict-e2e' }, object: { key: 'runs/cloud-same/records/shard-00000.jsonl' } } }] };
    const response = await harness.lambdaClient.send(
      new InvokeCommand({ FunctionName: FUNCTIONS.aggregator, Payload: Buffer.from(JSON.stringify(event)) }),
    );
    expect(JSON.parse(Buffer.from(response.Payload!).toString())).toEqual({ 'cloud-same': 'already-sealed' });
    expect(await harness.store.readSummary('cloud-same')).toEqual(before);
  });

  it('answers a bad spec with ok: false and the error, without writing a manifest', async () => {
    const response = await invokeOrchestrator(harness.lambdaClient, FUNCTIONS.orchestrator, 'never-submitted');
    expect(response).toMatchObject({ ok: false, error: { code: 'RUN_NOT_FOUND' } });
    expect(await harness.store.readManifest('never-submitted')).toBeNull();
  });
});

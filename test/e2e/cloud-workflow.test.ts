import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ExecutionAlreadyExists,
  ListMapRunsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRunInput } from '../../lib/cloud-client/index.ts';
import { writeShardOnce } from '../../lib/cloud-lambda/index.ts';
import { loadDataset } from '../../lib/datasets/index.ts';
import { planFromManifest, workItemAt } from '../../lib/engine/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { getObjectText, putObject } from '../../lib/store/index.ts';
import { FAKE_CREDENTIALS } from '../fixtures/s3-server.ts';
import {
  BUCKET,
  comparable,
  FAKE_API_KEY,
  FUNCTIONS,
  readAll,
  runLocally,
  startCloudHarness,
  timeless,
  writeSumsEval,
  type CloudHarness,
} from './cloud-harness.ts';

let harness: CloudHarness;
let sfn: SFNClient;
let env: Record<string, string>;

beforeAll(async () => {
  harness = await startCloudHarness();
  env = { E2E_OPENAI_URL: harness.openai.url };
  sfn = new SFNClient({ endpoint: harness.sfn.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
});

afterAll(async () => {
  sfn?.destroy();
  await harness?.close();
});

async function submit(runId: string, options: Parameters<typeof writeSumsEval>[2] & { noCache?: boolean; workersFlag?: number } = {}) {
  const { noCache, workersFlag, ...spec } = options;
  const specPath = await writeSumsEval(harness.dir, 12, { name: runId, ...spec });
  const loaded = await loadEvalSpec(specPath, env);
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  await submitRunInput({ store: harness.store, runId, loaded, dataset, env, now: new Date().toISOString(), ...(noCache && { noCache }), ...(workersFlag !== undefined && { workers: workersFlag }) });
  return { loaded, dataset };
}

async function start(runId: string): Promise<string> {
  const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: harness.sfn.stateMachineArn, name: runId, input: JSON.stringify({ runId }) }));
  return started.executionArn!;
}

async function finished(executionArn: string) {
  await harness.sfn.idle();
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

/** Runs the state machine's Prepare function alone, as its first state does. */
async function prepareOnly(runId: string): Promise<void> {
  const response = await harness.lambdaClient.send(new InvokeCommand({ FunctionName: FUNCTIONS.prepare, Payload: Buffer.from(JSON.stringify({ runId })) }));
  expect(response.FunctionError).toBeUndefined();
}

/** Model requests a started run made before its execution ended. */
async function modelRequestsOf(runId: string): Promise<number> {
  const before = harness.openai.requestCount;
  expect((await finished(await start(runId))).status).toBe('SUCCEEDED');
  return harness.openai.requestCount - before;
}

async function mapRunCounts(executionArn: string) {
  const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
  expect(mapRuns).toHaveLength(1);
  return sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0]!.mapRunArn }));
}

function workerCalls(runId: string) {
  return harness.lambda.invocations.filter((call) => call.name === FUNCTIONS.worker && (call.payload as { runId: string }).runId === runId);
}

describe('the run state machine, executed locally (Prepare → Distributed Map → Seal) through @aws-sdk/client-sfn', () => {
  it('seals a run equal to a local run, item for item and score for score', async () => {
    const { loaded, dataset } = await submit('sfn-same');
    const local = await runLocally(harness, loaded, dataset);
    const localStore = local.store;

    const executionArn = await start('sfn-same');
    const execution = await finished(executionArn);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', name: 'sfn-same' });
    expect(JSON.parse(execution.output!)).toMatchObject({ prepared: { runId: 'sfn-same', bucket: BUCKET, shardIndexKey: 'runs/sfn-same/shards.json', shards: 5 }, sealed: { outcome: 'sealed' } });

    const summary = (await harness.store.readSummary('sfn-same'))!;
    const cloudRecords = await readAll(harness.store, 'sfn-same');
    expect(cloudRecords).toHaveLength(24);
    expect(comparable(cloudRecords)).toEqual(comparable(await readAll(localStore, 'local')));
    expect(cloudRecords.some((record) => record.scores.exact?.pass === false)).toBe(true);
    expect(timeless(summary)).toEqual(timeless(local.summary));
    expect(summary.gates).toEqual(local.summary.gates);

    // The map read Prepare's shard index and ran each shard once, as many at once as Prepare said.
    const index = JSON.parse((await getObjectText(harness.s3Client, BUCKET, 'runs/sfn-same/shards.json'))!) as { id: string }[];
    expect(index.map((entry) => entry.id)).toEqual(['shard-00000', 'shard-00001', 'shard-00002', 'shard-00003', 'shard-00004']);
    const mapRun = await mapRunCounts(executionArn);
    expect(mapRun.itemCounts).toMatchObject({ total: 5, succeeded: 5, failed: 0 });
    expect(mapRun.maxConcurrency).toBe(5); // 40 workers by default, no more than there are shards
    // The children's results went to the run's map-results/ prefix (ResultWriter), not into the execution's payload.
    const mapRunId = mapRun.mapRunArn!.split(':').at(-1);
    const results = JSON.parse((await getObjectText(harness.s3Client, BUCKET, `runs/sfn-same/map-results/${mapRunId}/manifest.json`))!) as { ResultFiles: { SUCCEEDED: unknown[] } };
    expect(results.ResultFiles.SUCCEEDED).toHaveLength(1);
    expect(workerCalls('sfn-same').map((call) => (call.payload as { shardId: string }).shardId).sort()).toEqual(index.map((entry) => entry.id));
    // Transitions as billed: Prepare, Shards, Seal in the parent; each child's start and its WorkShard state.
    const counted = harness.sfn.executions.get('sfn-same')!;
    expect({ parent: counted.transitions - counted.childTransitions, children: counted.childTransitions }).toEqual({ parent: 3, children: 10 });
    expect(harness.s3.requests).toMatchObject({ PUT: expect.any(Number), GET: expect.any(Number), LIST: expect.any(Number) });

    const manifest = (await harness.store.readManifest('sfn-same'))!;
    expect(manifest.spec.sha256).toBe(local.manifest.spec.sha256);
    expect(manifest.dataset.sha256).toBe(local.manifest.dataset.sha256);
    // The key reached the model server; it never reached the result set.
    expect(harness.openai.requests.length).toBeGreaterThan(0);
    expect(harness.openai.requests.every((request) => request.headers.authorization === `Bearer ${FAKE_API_KEY}`)).toBe(true);
    expect(JSON.stringify({ manifest, summary, cloudRecords })).not.toContain(FAKE_API_KEY);
    // One worker "container" ran all five shards and read the secret at its cold start only.
    expect(harness.secrets.reads).toBe(1);
  });

  it('sealing a sealed run again changes nothing', async () => {
    const before = await getObjectText(harness.s3Client, BUCKET, 'runs/sfn-same/summary.json');
    const response = await harness.lambdaClient.send(new InvokeCommand({ FunctionName: FUNCTIONS.seal, Payload: Buffer.from(JSON.stringify({ runId: 'sfn-same' })) }));
    expect(JSON.parse(Buffer.from(response.Payload!).toString())).toEqual({ runId: 'sfn-same', outcome: 'already-sealed', filledShards: 0 });
    expect(await getObjectText(harness.s3Client, BUCKET, 'runs/sfn-same/summary.json')).toBe(before);
  });

  it('fails a run that was never submitted in Prepare, naming the missing input, and writes no manifest', async () => {
    const execution = await finished(await start('never-submitted'));
    expect(execution.status).toBe('FAILED');
    expect(execution.cause).toContain('runs/never-submitted/input/request.json: no such run input');
    expect(await harness.store.readManifest('never-submitted')).toBeNull();
    expect(workerCalls('never-submitted')).toHaveLength(0);
  });

  it('refuses a second start of the same run (execution name = run id)', async () => {
    await expect(start('sfn-same')).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('a worker that keeps failing: its items end as error records (via the Catch) and the run seals', async () => {
    await submit('sfn-crash');
    harness.crashShards.add('shard-00002');
    const execution = await finished(await start('sfn-crash'));
    harness.crashShards.clear();
    expect(execution.status).toBe('SUCCEEDED');

    const manifest = (await harness.store.readManifest('sfn-crash'))!;
    const plan = planFromManifest(manifest);
    const failed = (await readAll(harness.store, 'sfn-crash')).filter((record) => record.shard === 'shard-00002');
    expect(failed.map((record) => record.itemId)).toEqual(Array.from({ length: 5 }, (_, offset) => workItemAt(plan, 10 + offset).itemId));
    for (const record of failed) {
      expect(record.error).toMatchObject({ code: 'WORKER_FAILED', message: expect.stringContaining('signal: killed') });
      expect(record.prompt.at(-1)?.content).toMatch(/^What is \d+ \+ \d+\?$/);
    }
    const summary = (await harness.store.readSummary('sfn-crash'))!;
    expect(Object.values(summary.candidates).reduce((total, candidate) => total + candidate.errors, 0)).toBe(5);
    // The first attempt and two retries of the worker's own error, then the Catch's failure record.
    const calls = workerCalls('sfn-crash').filter((call) => (call.payload as { shardId: string }).shardId === 'shard-00002');
    expect(calls.map((call) => ('failure' in (call.payload as object) ? 'failure' : 'work'))).toEqual(['work', 'work', 'work', 'failure']);
  });

  it('a shard whose failure record fails too is filled in by Seal, so every item is still accounted for', async () => {
    await submit('sfn-lost');
    harness.crashShards.add('shard-00001');
    harness.crashFailureRecords.add('shard-00001');
    const execution = await finished(await start('sfn-lost'));
    harness.crashShards.clear();
    harness.crashFailureRecords.clear();
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).sealed).toEqual({ runId: 'sfn-lost', outcome: 'sealed', filledShards: 1 });
    expect((await mapRunCounts(execution.executionArn!)).itemCounts).toMatchObject({ total: 5, succeeded: 4, failed: 1 });
    const records = await readAll(harness.store, 'sfn-lost');
    expect(records).toHaveLength(24);
    expect(records.filter((record) => record.error?.code === 'WORKER_FAILED').map((record) => record.shard)).toEqual(Array(5).fill('shard-00001'));
  });

  it('a redrive after an abort runs only the unfinished shards: no item reaches the model twice', async () => {
    await submit('sfn-abort', { workers: 1 });
    const before = harness.openai.requestCount;
    const executionArn = await start('sfn-abort');
    // One shard at a time (workers: 1): abort once the first shard's records are in.
    while ((await harness.store.listShards('sfn-abort')).length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Test.Abort', cause: 'stopped by the test' }));
    const aborted = await finished(executionArn);
    expect(aborted.status).toBe('ABORTED');
    const doneAtAbort = (await harness.store.listShards('sfn-abort')).length;
    expect(doneAtAbort).toBeLessThan(5);
    expect(await harness.store.readSummary('sfn-abort')).toBeNull();

    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const redriven = await finished(executionArn);
    expect(redriven).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    const mapRun = await mapRunCounts(executionArn);
    expect(mapRun).toMatchObject({ redriveCount: 1, maxConcurrency: 1, itemCounts: expect.objectContaining({ total: 5, succeeded: 5 }) });
    // Shards that succeeded before the abort were not invoked again; at most the one in flight was.
    const calls = workerCalls('sfn-abort').map((call) => (call.payload as { shardId: string }).shardId);
    expect(calls.filter((shardId) => shardId === 'shard-00000')).toHaveLength(1);
    expect(calls.length).toBeLessThanOrEqual(6);
    expect(new Set(calls).size).toBe(5);
    // model-a has 12 items; each reached the model once although the run was started twice.
    expect(harness.openai.requestCount - before).toBe(12);
    const records = await readAll(harness.store, 'sfn-abort');
    expect(records).toHaveLength(24);
    expect(new Set(records.map((record) => record.itemId)).size).toBe(24);
    expect((await harness.store.readSummary('sfn-abort'))?.runId).toBe('sfn-abort');
  });

  it('records `--no-cache` in the run description Prepare writes', async () => {
    await submit('sfn-no-cache', { cache: 'on', noCache: true });
    await prepareOnly('sfn-no-cache');
    expect((await harness.store.readManifest('sfn-no-cache'))?.run?.cache).toEqual({ mode: 'off', overrides: { enabled: false } });
  });

  it('records `--concurrency` (the map width) in the run description Prepare writes, as a local run records its flags', async () => {
    await submit('sfn-workers-flag', { workers: 4, workersFlag: 2 });
    await prepareOnly('sfn-workers-flag');
    const manifest = await harness.store.readManifest('sfn-workers-flag');
    expect(manifest?.cloud?.workers).toBe(2);
    expect(manifest?.run?.execution).toMatchObject({ concurrency: 4, workers: 2, overrides: { workers: 2 } });
    // Without the flag nothing is listed: the spec's workers are the run's.
    await submit('sfn-workers-spec', { workers: 4 });
    await prepareOnly('sfn-workers-spec');
    expect((await harness.store.readManifest('sfn-workers-spec'))?.run?.execution).toMatchObject({ workers: 4, overrides: {} });
  });

  it('runs the workers as the manifest\'s run description says, not as the uploaded spec would', async () => {
    // The shared cache holds this spec's answers (cache: on): a second run asks the model nothing.
    await submit('sfn-cache-fill', { cache: 'on' });
    expect(await modelRequestsOf('sfn-cache-fill')).toBe(12);
    await submit('sfn-cache-hit', { cache: 'on' });
    expect(await modelRequestsOf('sfn-cache-hit')).toBe(0);
    // The same spec once more, its description saying "cache off" while the uploaded spec still
    // says `cache: on` and request.json has no --no-cache: the workers must follow the description.
    await submit('sfn-described', { cache: 'on' });
    await prepareOnly('sfn-described');
    const manifest = (await harness.store.readManifest('sfn-described'))!;
    expect(manifest.run?.cache?.mode).toBe('on');
    const described = { ...manifest, run: { ...manifest.run!, cache: { mode: 'off', overrides: { enabled: false } } } };
    await putObject(harness.s3Client, { bucket: BUCKET, key: 'runs/sfn-described/manifest.json', body: JSON.stringify(described), contentType: 'application/json' });
    expect(await modelRequestsOf('sfn-described')).toBe(12);
  });

  it('refuses a duplicate shard write (If-None-Match): the first records stay', async () => {
    const original = await getObjectText(harness.s3Client, BUCKET, 'runs/sfn-same/records/shard-00000.jsonl');
    const records = await readAll(harness.store, 'sfn-same');
    const forged = records.slice(0, 1).map((record) => ({ ...record, output: 'forged' }));
    expect(await writeShardOnce(harness.store, 'sfn-same', 'shard-00000', forged)).toBe('exists');
    expect(await getObjectText(harness.s3Client, BUCKET, 'runs/sfn-same/records/shard-00000.jsonl')).toBe(original);
  });
});

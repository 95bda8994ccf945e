import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRunInput } from '../../../lib/cloud-client/index.ts';
import {
  createPrepareHandler,
  createSealHandler,
  createWorkerHandler,
  loadRunContext,
  runContextCache,
  WORKER_SAFETY_MARGIN_MS,
  type CloudDeps,
} from '../../../lib/cloud-lambda/index.ts';
import { shardRuntimes } from '../../../lib/cloud-lambda/shard-runtime.ts';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { planFromManifest, workItemAt } from '../../../lib/engine/index.ts';
import type { Clock, CompletionRequest } from '../../../lib/ports/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { createS3Client, S3ResultStore } from '../../../lib/store/index.ts';
import { comparable, readAll } from '../../e2e/cloud-harness.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { FAKE_CREDENTIALS, startS3Server, type S3Server } from '../../fixtures/s3-server.ts';

/**
 * The worker's shard runtime: the real Prepare and worker handlers against s3rver, a model on the
 * local OpenAI-compatible server and a replay recording. Shards are invoked one after the other,
 * as a warm container receives them.
 */
const SAMPLES = 8;
const SHARD_SIZE = 4;
const RPM = 600;
const INTERVAL_MS = 60_000 / RPM;

/**
 * A virtual clock: sleeping moves time on at once, so the rate limiter's schedule is exact
 * whatever the machine's load. (The limiter reads the time and sleeps until its booking in one
 * step, so the clock ends at the last booking.)
 */
function virtualClock(): Clock {
  let time = 0;
  return {
    now: () => time,
    isoNow: () => new Date(Date.UTC(2026, 0, 1) + time).toISOString(),
    sleep: async (ms) => {
      time += ms;
    },
  };
}

let s3: S3Server;
let openai: OpenAIServer;
let store: S3ResultStore;
let dir: string;
let specPath: string;
/** The same eval one item at a time, for the time budget. */
let slowSpecPath: string;
/** A model that takes a second per answer while `slow` is set. */
let slowOpenai: OpenAIServer;
let slow = false;
/** Four items at once, with a request timeout far beyond the worker's deadline. */
let hungSpecPath: string;
/** A model that does not answer for a minute while `hung` is set. */
let hungOpenai: OpenAIServer;
let hung = false;

/** The model (its URL from the environment, like a real spec's), a replay recording and a rate limit the workers share. */
async function writeRuntimeSpec(name: string, concurrency: number, timeoutMs = 5000): Promise<string> {
  const path = join(dir, `${name}.yaml`);
  const lines = [
    `name: ${name}`,
    'dataset: { path: data/rows.jsonl }',
    'prompt: "What is 2 + 2?"',
    'candidates:',
    `  - { id: model, provider: openai, model: fake-model, transport: http, baseURL: "\${RUNTIME_MODEL_URL}", apiKeyEnv: RUNTIME_API_KEY, rateLimit: { rpm: ${RPM} } }`,
    '  - { id: recorded, provider: replay, file: data/recorded.jsonl, key: id, field: text }',
    'scorers:',
    '  - { type: exact, reference: "{{answer}}" }',
    `execution: { concurrency: ${concurrency}, timeoutMs: ${timeoutMs}, retries: 0, shardSize: ${SHARD_SIZE}, seed: 1, workers: 1 }`,
  ];
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verdict-shard-runtime-'));
  s3 = await startS3Server({ buckets: ['runtime'] });
  openai = await startOpenAIServer({ answer: () => '4' });
  slowOpenai = await startOpenAIServer({ answer: () => '4', latencyMs: () => (slow ? 1_000 : 0) });
  hungOpenai = await startOpenAIServer({ answer: () => '4', latencyMs: () => (hung ? 60_000 : 0) });
  store = new S3ResultStore({ client: createS3Client({ endpoint: s3.endpoint, credentials: FAKE_CREDENTIALS }), bucket: 'runtime', prefix: 'runs/' });
  await mkdir(join(dir, 'data'));
  const rows = Array.from({ length: SAMPLES }, (_, index) => JSON.stringify({ id: `s${index}`, answer: '4' }));
  await writeFile(join(dir, 'data', 'rows.jsonl'), `${rows.join('\n')}\n`);
  const recorded = Array.from({ length: SAMPLES }, (_, index) => JSON.stringify({ id: `s${index}`, text: index % 2 === 0 ? '4' : '5' }));
  await writeFile(join(dir, 'data', 'recorded.jsonl'), `${recorded.join('\n')}\n`);
  specPath = await writeRuntimeSpec('runtime', 4);
  slowSpecPath = await writeRuntimeSpec('slow-runtime', 1);
  hungSpecPath = await writeRuntimeSpec('hung-runtime', 4, 30_000);
});

afterAll(async () => {
  await openai?.close();
  await slowOpenai?.close();
  await hungOpenai?.close();
  await s3?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** One container's deps: its own download folder and run-context cache. */
function containerDeps(clock: Clock, name: string): CloudDeps {
  const workDir = join(dir, `container-${name}`);
  return {
    store,
    secrets: async () => ({ RUNTIME_API_KEY: 'sk-runtime' }),
    clock,
    logger: new Logger({ serviceName: 'verdict-test', logLevel: 'SILENT' }),
    workDir,
    runContext: runContextCache((runId) => loadRunContext(store, runId, workDir)),
  };
}

/** Submits and prepares a run; returns its shard tasks in plan order. */
async function preparedRun(runId: string, spec = specPath, model = openai) {
  const env = { RUNTIME_MODEL_URL: model.url };
  const loaded = await loadEvalSpec(spec, env);
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  await submitRunInput({ store, runId, loaded, dataset, env, now: new Date().toISOString() });
  await createPrepareHandler(containerDeps(virtualClock(), 'prepare'))({ runId });
  const manifest = (await store.readManifest(runId))!;
  return manifest.plan.shards.map((shard) => ({ schemaVersion: 1 as const, runId, shardId: shard.id, start: shard.start, size: shard.size }));
}

async function findFile(root: string, name: string): Promise<string> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const found = entries.find((entry) => entry.isFile() && entry.name === name);
  if (!found) throw new Error(`${name} not under ${root}`);
  return join(found.parentPath, found.name);
}

describe('the shard runtime of a warm worker', () => {
  it('builds candidates, replay index and rate limiters once for consecutive shards of a run, with the same records as cold workers', async () => {
    const warmTasks = await preparedRun('warm-run');
    expect(warmTasks).toHaveLength((SAMPLES * 2) / SHARD_SIZE);
    const clock = virtualClock();
    const warm = containerDeps(clock, 'warm');
    const worker = createWorkerHandler(warm);
    await worker(warmTasks[0]);
    // The replay recording as the worker downloaded it: a second index of it would now fail the shard.
    await rm(await findFile(join(warm.workDir, 'warm-run'), 'recorded.jsonl'));
    for (const task of warmTasks.slice(1)) await worker(task);
    const warmRecords = await readAll(store, 'warm-run');
    expect(warmRecords.filter((record) => record.error)).toEqual([]);
    // One limiter for every shard: calls start at the rpm from the first shard's first call to the
    // last shard's last (a burst of two, then one per interval); limiters built per shard would
    // each allow their own burst and end 2 intervals earlier per extra shard.
    const modelCalls = warmRecords.filter((record) => record.candidate === 'model').length;
    expect(modelCalls).toBe(SAMPLES);
    expect(clock.now()).toBe((modelCalls - 2) * INTERVAL_MS);

    // The same run in cold containers, one per shard: identical records.
    const coldTasks = await preparedRun('cold-run');
    for (const [index, task] of coldTasks.entries()) await createWorkerHandler(containerDeps(virtualClock(), `cold-${index}`))(task);
    const coldRecords = await readAll(store, 'cold-run');
    expect(comparable(warmRecords)).toEqual(comparable(coldRecords));
    expect(warmRecords.map((record) => record.output)).toContain('5');
  });

  it('replaces the runtime for another run and closes the replaced providers', async () => {
    await preparedRun('first-run');
    await preparedRun('second-run');
    const runtimes = shardRuntimes();
    const deps = containerDeps(virtualClock(), 'replace');
    const first = await runtimes(deps, 'first-run', async (runtime) => runtime);
    expect(await runtimes(deps, 'first-run', async (runtime) => runtime)).toBe(first);
    const model = first.candidates.get('model')!.provider;
    const request: CompletionRequest = {
      sample: { id: 's0', data: {}, source: { file: 'rows.jsonl', line: 1 } },
      messages: [{ role: 'user', content: 'What is 2 + 2?' }],
      repeat: 0,
      seed: 0,
    };
    expect((await model.complete(request)).text).toBe('4');
    const second = await runtimes(deps, 'second-run', async (runtime) => runtime);
    expect(second).not.toBe(first);
    // The first run's HTTP pool is closed: its provider cannot call the model any more.
    await expect(model.complete(request)).rejects.toThrow();
  });
});

describe('the worker near its Lambda timeout', () => {
  it('starts no item within the safety margin and writes those it did not start as WORKER_OUT_OF_TIME, so the run seals whole', async () => {
    const tasks = await preparedRun('late-run', slowSpecPath, slowOpenai);
    const worker = createWorkerHandler(containerDeps(systemClock, 'late'));
    // A first shard with time to spare, so the second finds the runtime built.
    await worker(tasks[0]);
    // 1.5 s before the margin, one item at a time, each model answer 1 s: the shard's second
    // model item starts too late (on a loaded machine, maybe its first already).
    slow = true;
    const outcome = await worker(tasks[1], { getRemainingTimeInMillis: () => WORKER_SAFETY_MARGIN_MS + 1_500 });
    slow = false;
    const shardRecords = (await readAll(store, 'late-run')).filter((record) => record.shard === tasks[1]!.shardId);
    const plan = planFromManifest((await store.readManifest('late-run'))!);
    // Every item of the shard, in plan order.
    expect(shardRecords.map((record) => record.itemId)).toEqual(Array.from({ length: SHARD_SIZE }, (_, index) => workItemAt(plan, tasks[1]!.start + index).itemId));
    const outOfTime = shardRecords.filter((record) => record.error?.code === 'WORKER_OUT_OF_TIME');
    const answered = shardRecords.filter((record) => !record.error);
    expect(outOfTime.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.length + outOfTime.length).toBe(SHARD_SIZE);
    expect(outcome).toMatchObject({ status: 'written', records: SHARD_SIZE, errors: outOfTime.length });
    for (const record of outOfTime) {
      expect(record).toMatchObject({ output: null, attempts: 0, latencyMs: null, prompt: [{ role: 'user', content: 'What is 2 + 2?' }] });
      expect(record.error!.message).toContain('safety margin');
    }

    for (const task of tasks.slice(2)) await worker(task);
    await createSealHandler(containerDeps(systemClock, 'seal'))({ runId: 'late-run' });
    const summary = (await store.readSummary('late-run'))!;
    expect(Object.values(summary.candidates).reduce((sum, candidate) => sum + candidate.n, 0)).toBe(SAMPLES * 2);
    const causes = Object.values(summary.candidates).flatMap((candidate) => candidate.errorCauses ?? []);
    expect(causes.filter((cause) => cause.code === 'WORKER_OUT_OF_TIME').reduce((sum, cause) => sum + cause.count, 0)).toBe(outOfTime.length);
  });

  it('aborts the items still running at the safety margin and writes them as WORKER_OUT_OF_TIME, well before their request timeout', async () => {
    const tasks = await preparedRun('hung-run', hungSpecPath, hungOpenai);
    const worker = createWorkerHandler(containerDeps(systemClock, 'hung'));
    await worker(tasks[0]);
    // Every item starts at once; the model's never answer, and its request timeout (30 s) is far
    // past the worker's deadline (2 s): only the worker's own abort can end them in time.
    hung = true;
    const before = hungOpenai.requestCount;
    const started = performance.now();
    const outcome = await worker(tasks[1], { getRemainingTimeInMillis: () => WORKER_SAFETY_MARGIN_MS + 2_000 });
    const elapsedMs = performance.now() - started;
    hung = false;
    expect(hungOpenai.requestCount - before).toBeGreaterThanOrEqual(1);
    expect(elapsedMs).toBeLessThan(15_000);
    const shardRecords = (await readAll(store, 'hung-run')).filter((record) => record.shard === tasks[1]!.shardId);
    const plan = planFromManifest((await store.readManifest('hung-run'))!);
    expect(shardRecords.map((record) => record.itemId)).toEqual(Array.from({ length: SHARD_SIZE }, (_, index) => workItemAt(plan, tasks[1]!.start + index).itemId));
    const models = shardRecords.filter((record) => record.candidate === 'model');
    expect(models).toHaveLength(SHARD_SIZE / 2);
    for (const record of models) {
      expect(record).toMatchObject({ output: null, attempts: 0, scores: {}, error: { code: 'WORKER_OUT_OF_TIME' } });
      expect(record.error!.message).toContain('cut short');
    }
    const errors = shardRecords.filter((record) => record.error).length;
    expect(outcome).toMatchObject({ status: 'written', records: SHARD_SIZE, errors });
  });
});

describe('a manifest whose shards split the samples of a pairwise run (an older Prepare)', () => {
  it('writes the items whose baseline answer is in another shard as WORKER_SPLIT_SAMPLE, and judges the others', async () => {
    // Three samples, two candidates: 2 items a sample, judged against the oracle's answer.
    const path = join(dir, 'split-pairwise.yaml');
    const lines = [
      'name: split-pairwise',
      'dataset: { path: data/rows.jsonl }',
      'prompt: "What is 2 + 2?"',
      'candidates:',
      '  - { id: echo, provider: control, kind: echo }',
      '  - { id: oracle, provider: control, kind: oracle }',
      'judges:',
      '  - { id: first, provider: control, kind: prefers-first }',
      'scorers:',
      '  - { type: exact, reference: "{{answer}}" }',
      '  - { id: vs-oracle, type: judge, kind: pairwise, judge: first, baseline: { candidate: oracle } }',
      'execution: { concurrency: 2, timeoutMs: 5000, retries: 0, shardSize: 2, seed: 1, workers: 1 }',
      'cache: { mode: off }',
    ];
    await writeFile(path, `${lines.join('\n')}\n`);
    // Prepare plans whole-sample shards; the manifest an older one wrote instead cuts shards of 3 items.
    const wholeTasks = await preparedRun('whole-pairwise', path);
    expect(wholeTasks.map((task) => task.size)).toEqual(Array.from({ length: SAMPLES }, () => 2));
    const runId = 'split-pairwise';
    const loaded = await loadEvalSpec(path, {});
    const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
    await submitRunInput({ store, runId, loaded, dataset, env: {}, now: new Date().toISOString() });
    const whole = (await store.readManifest('whole-pairwise'))!;
    const items = whole.plan.items;
    const shards = Array.from({ length: Math.ceil(items / 3) }, (_, index) => ({ id: `shard-${String(index).padStart(5, '0')}`, start: index * 3, size: Math.min(3, items - index * 3) }));
    await store.writeManifest({ ...whole, runId, plan: { ...whole.plan, shardSize: 3, shards } });
    // Prepare keeps a manifest it finds (a redrive) and lists its shards for the map.
    await createPrepareHandler(containerDeps(virtualClock(), 'split-prepare'))({ runId });
    const worker = createWorkerHandler(containerDeps(virtualClock(), 'split'));
    for (const shard of shards) await worker({ schemaVersion: 1, runId, shardId: shard.id, start: shard.start, size: shard.size });

    const records = await readAll(store, runId);
    expect(records).toHaveLength(items);
    // Shards of 3 over 2 items a sample split every sample that straddles a multiple of 3
    // (s1, s4, s7): its echo item and the oracle's answer it is judged against lie in two shards.
    const plan = planFromManifest((await store.readManifest(runId))!);
    const shardOf = (itemId: string) => Math.floor(Array.from({ length: items }, (_, index) => workItemAt(plan, index).itemId).indexOf(itemId) / 3);
    const apart = records.filter((record) => record.candidate === 'echo' && shardOf(record.itemId) !== shardOf(`${record.sampleId}|oracle|0`));
    expect(apart.map((record) => record.sampleId).sort()).toEqual(['s1', 's4', 's7']);
    const split = records.filter((record) => record.error);
    expect(split.map((record) => record.itemId).sort()).toEqual(apart.map((record) => record.itemId).sort());
    for (const record of split) {
      expect(record).toMatchObject({ output: null, scores: {}, error: { code: 'WORKER_SPLIT_SAMPLE' } });
      expect(record.error!.message).toContain('scorer "vs-oracle" judges it against candidate "oracle", whose answer to the same sample and repeat is in another shard');
    }
    // The others are judged against a real baseline answer, none left unscored.
    const judged = records.filter((record) => !record.error && record.candidate === 'echo');
    expect(judged).toHaveLength(SAMPLES - 3);
    for (const record of judged) expect(record.scores['vs-oracle']).toMatchObject({ detail: { outcome: 'tie', baseline: 'oracle' } });
    expect(records.filter((record) => record.candidate === 'oracle' && record.error)).toEqual([]);

    await createSealHandler(containerDeps(virtualClock(), 'split-seal'))({ runId });
    const causes = (await store.readSummary(runId))!.candidates.echo!.errorCauses ?? [];
    expect(causes).toEqual([expect.objectContaining({ code: 'WORKER_SPLIT_SAMPLE', count: 3 })]);
  });
});

import { createLambdaSandbox, handleSandboxEvent } from '../../lib/sandbox/index.ts';
import { pythonSandboxFunction } from '../fixtures/python-sandbox-function.ts';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  cachedSecrets,
  createPrepareHandler,
  createSealHandler,
  createWorkerHandler,
  loadRunContext,
  runContextCache,
  type CloudDeps,
  type SecretsReader,
  type ShardTask,
} from '../../lib/cloud-lambda/index.ts';
import { S3ResponseCache } from '../../lib/cache/index.ts';
import type { ResultRecord, Summary } from '../../lib/results/index.ts';
import { systemClock } from '../../lib/providers/index.ts';
import { createProgressReporter, runLocal } from '../../lib/local/index.ts';
import { prepareRun } from '../../lib/run/index.ts';
import { createS3Client, FsResultStore, S3ResultStore } from '../../lib/store/index.ts';
import { FAKE_CREDENTIALS, startS3Server, type S3Server } from '../fixtures/s3-server.ts';
import { startLambdaServer, type LambdaServer, type LocalFunction } from '../fixtures/lambda-server.ts';
import { startOpenAIServer, type OpenAIServer } from '../fixtures/openai-server.ts';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import type { AslStatesBlock } from '../fixtures/asl-interpreter.ts';
import { startSfnServer, type SfnServer } from '../fixtures/sfn-server.ts';
import { renderDefinition, workflowFunctionIds } from '../fixtures/state-machine-definition.ts';
import { verdictTemplate } from '../infra/stack-fixture.ts';

export const BUCKET = 'verdict-e2e';
/** The workers' shared response cache, as the stack sets VERDICT_CACHE_PREFIX. */
export const CACHE_PREFIX = 'response-cache/';
export const API_KEY_ENV = 'E2E_API_KEY';
export const FAKE_API_KEY = 'sk-e2e-SECRET-4711';
export const FUNCTIONS = {
  worker: 'verdict-worker',
  prepare: 'verdict-prepare',
  seal: 'verdict-seal',
} as const;
/** The code sandbox functions (lib/infra/code-sandbox.ts), with their real handlers. */
export const SANDBOX_FUNCTIONS = { python: 'verdict-sandbox-python', javascript: 'verdict-sandbox-node' } as const;

/**
 * A fake Secrets Manager: no local Secrets Manager runs here, so the worker's secrets reader is
 * this in-process fake implementing the same `SecretsReader` port. It counts reads, so tests can
 * check the secret is read once per container (cold start), not per shard.
 */
export function fakeSecretsReader(values: Record<string, string>): SecretsReader & { reads: number } {
  const reader = {
    reads: 0,
    async read(secretId: string) {
      reader.reads++;
      if (secretId !== 'verdict/model-api-keys') throw new Error(`no secret ${secretId}`);
      return { ...values };
    },
  };
  return reader;
}

/** Everything the cloud tests run against: s3rver, the local Lambda endpoint, the OpenAI-compatible server. */
export interface CloudHarness {
  readonly s3: S3Server;
  readonly lambda: LambdaServer;
  /** The run state machine, as the stack synthesises it, on the local Step Functions endpoint. */
  readonly sfn: SfnServer;
  readonly sfnClient: SFNClient;
  readonly openai: OpenAIServer;
  readonly s3Client: S3Client;
  readonly lambdaClient: LambdaClient;
  readonly store: S3ResultStore;
  readonly secrets: ReturnType<typeof fakeSecretsReader>;
  readonly dir: string;
  /** Shard ids whose worker crashes on every attempt (as an out-of-memory worker would). */
  readonly crashShards: Set<string>;
  /** Shard ids whose failure record (the map's Catch) fails too, so Seal must fill them in. */
  readonly crashFailureRecords: Set<string>;
  /** Shard ids whose worker waits (before any work) while they are in the set: a run to cancel mid-way. */
  readonly heldShards: Set<string>;
  /** Starts the run's execution (name = run id) through @aws-sdk/client-sfn and waits until it ends. */
  runWorkflow(runId: string): Promise<{ execution: DescribeExecutionCommandOutput; summary: Summary | null }>;
  /** The local Lambda endpoint's functions, by name (a bench may wrap one to time it). */
  readonly functions: Record<string, LocalFunction>;
  close(): Promise<void>;
}

/** The scripted model: right on every sum except those divisible by 5. */
export function sumAnswer(question: string): string {
  const match = /What is (\d+) \+ (\d+)\?/.exec(question);
  if (!match) return 'no idea';
  const sum = Number(match[1]) + Number(match[2]);
  return String(sum % 5 === 0 ? sum + 1 : sum);
}

/** Starts the servers and wires the run state machine's handlers to the local Lambda endpoint the way the stack does. */
export async function startCloudHarness(): Promise<CloudHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'verdict-cloud-'));
  // Conditional writes on: a late duplicate shard write must be refused, as S3 does.
  const s3 = await startS3Server({ buckets: [BUCKET], conditionalWrites: true });
  const openai = await startOpenAIServer({ answer: (_body, info) => sumAnswer(info.lastUserMessage) });
  const s3Client = createS3Client({ endpoint: s3.endpoint, credentials: FAKE_CREDENTIALS });
  const store = new S3ResultStore({ client: s3Client, bucket: BUCKET, prefix: 'runs/' });
  const secrets = fakeSecretsReader({ [API_KEY_ENV]: FAKE_API_KEY });
  const crashShards = new Set<string>();
  const crashFailureRecords = new Set<string>();
  const heldShards = new Set<string>();
  // Functions are looked up per request, so they can be registered once the endpoint is known.
  const functions: Record<string, LocalFunction> = {};
  const lambda = await startLambdaServer(functions);
  const lambdaClient = new LambdaClient({ endpoint: lambda.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
  const sandbox = createLambdaSandbox({ client: lambdaClient, functions: SANDBOX_FUNCTIONS });
  functions[SANDBOX_FUNCTIONS.python] = { handler: pythonSandboxFunction };
  functions[SANDBOX_FUNCTIONS.javascript] = { handler: (event) => handleSandboxEvent(event, { interpreter: process.execPath }) };
  const deps = (): CloudDeps => ({
    store,
    sandbox,
    secrets: cachedSecrets(secrets, 'verdict/model-api-keys'),
    clock: systemClock,
    logger: new Logger({ serviceName: 'verdict-test', logLevel: 'SILENT' }),
    workDir: join(dir, 'lambda-tmp'),
    runContext: runContextCache((runId) => loadRunContext(store, runId, join(dir, 'lambda-tmp'), sandbox)),
    responseCache: new S3ResponseCache({ client: s3Client, bucket: BUCKET, prefix: CACHE_PREFIX }),
  });
  // One deps object per "container": built once, like a Lambda module scope.
  const worker = createWorkerHandler(deps());
  functions[FUNCTIONS.worker] = {
    handler: async (event) => {
      const task = event as ShardTask & { failure?: unknown };
      while (heldShards.has(task.shardId)) await new Promise((resolve) => setTimeout(resolve, 10));
      if ((task.failure ? crashFailureRecords : crashShards).has(task.shardId)) throw new Error('Runtime exited with error: signal: killed');
      return worker(event);
    },
  };
  functions[FUNCTIONS.prepare] = { handler: createPrepareHandler(deps()) };
  functions[FUNCTIONS.seal] = { handler: createSealHandler(deps()) };
  const sfn = await startSfnServer(workflowDefinition(), { lambda: lambdaClient, s3: s3Client, timeScale: 0.001 });
  const sfnClient = new SFNClient({ endpoint: sfn.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
  return {
    s3,
    lambda,
    sfn,
    sfnClient,
    openai,
    s3Client,
    lambdaClient,
    store,
    secrets,
    dir,
    crashShards,
    crashFailureRecords,
    heldShards,
    async runWorkflow(runId) {
      const { executionArn } = await sfnClient.send(new StartExecutionCommand({ stateMachineArn: sfn.stateMachineArn, name: runId, input: JSON.stringify({ runId }) }));
      await sfn.idle();
      return { execution: await sfnClient.send(new DescribeExecutionCommand({ executionArn })), summary: await store.readSummary(runId) };
    },
    functions,
    async close() {
      heldShards.clear();
      await sfn.close();
      sfnClient.destroy();
      await lambda.close();
      lambdaClient.destroy();
      s3Client.destroy();
      await s3.close();
      await openai.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The run workflow's definition exactly as VerdictStack synthesises it, its functions named as the local endpoint knows them. */
export function workflowDefinition(): AslStatesBlock {
  const { stack, template } = verdictTemplate();
  const ids = workflowFunctionIds(stack);
  const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
  return renderDefinition(template, { [ids.prepare]: arn(FUNCTIONS.prepare), [ids.worker]: arn(FUNCTIONS.worker), [ids.seal]: arn(FUNCTIONS.seal) });
}

/** Writes the e2e spec (in `evals/`) and its dataset (in `data/`, reached through `..`). */
export async function writeSumsEval(
  dir: string,
  samples = 12,
  options: { gate?: number; name?: string; baseline?: boolean; cache?: 'on' | 'off'; workers?: number } = {},
): Promise<string> {
  await mkdir(join(dir, 'evals'), { recursive: true });
  await mkdir(join(dir, 'data'), { recursive: true });
  const rows = Array.from({ length: samples }, (_, index) => {
    const a = 3 + index * 7;
    const b = 11 + index * 2;
    return JSON.stringify({ id: `sum-${index}`, a, b, sum: String(a + b), parity: (a + b) % 2 === 0 ? 'even' : 'odd' });
  });
  await writeFile(join(dir, 'data', 'sums.jsonl'), `${rows.join('\n')}\n`);
  const spec = [
    'name: cloud-e2e',
    'dataset: { path: ../data/sums.jsonl, categoryField: parity }',
    'prompt: "What is {{a}} + {{b}}?"',
    'candidates:',
    `  - { id: model-a, provider: openai, model: fake-model, baseURL: "\${E2E_OPENAI_URL}", apiKeyEnv: ${API_KEY_ENV}, backoff: { baseMs: 5, capMs: 20 } }`,
    '  - { id: oracle, provider: control, kind: oracle }',
    'scorers:',
    '  - { type: exact, reference: "{{sum}}" }',
    '  - { type: numeric, reference: "{{sum}}" }',
    'gates:',
    `  - { metric: accuracy, op: ">=", value: ${options.gate ?? 0.5}, candidate: model-a }`,
    ...(options.baseline ? ['  - { metric: accuracy, maxDrop: 0.1, candidate: model-a }', 'baseline: latest'] : []),
    `execution: { concurrency: 4, timeoutMs: 2000, retries: 1, shardSize: 5, seed: 3${options.workers ? `, workers: ${options.workers}` : ''} }`,
    ...(options.cache ? [`cache: { mode: ${options.cache} }`] : []),
  ];
  const path = join(dir, 'evals', `${options.name ?? 'sums'}.yaml`);
  await writeFile(path, `${spec.join('\n')}\n`);
  return path;
}

/** Records without what legitimately differs between two runs: timings and timestamps. */
export function comparable(records: ResultRecord[]): Omit<ResultRecord, 'latencyMs' | 'ttftMs' | 'chunkTimesMs' | 'startedAt' | 'finishedAt'>[] {
  return records
    .map(({ latencyMs: _l, ttftMs: _t, chunkTimesMs: _c, startedAt: _s, finishedAt: _f, ...rest }) => rest)
    .sort((a, b) => a.itemId.localeCompare(b.itemId));
}

/** A summary's per-candidate figures that do not depend on wall-clock time. */
export function timeless(summary: Summary): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(summary.candidates).map(([id, candidate]) => [
      id,
      {
        n: candidate.n,
        errors: candidate.errors,
        metrics: Object.fromEntries(Object.entries(candidate.metrics).filter(([name]) => !/^(latency|ttft|throughput)\./.test(name))),
      },
    ]),
  );
}

/** Every record of a run, in store order. */
export async function readAll(store: { readRecords(runId: string): AsyncIterable<ResultRecord> }, runId: string): Promise<ResultRecord[]> {
  const records: ResultRecord[] = [];
  for await (const record of store.readRecords(runId)) records.push(record);
  return records;
}

/** The same eval run locally (run id `local`) in a folder of the harness, to compare a cloud run with. */
export async function runLocally(harness: CloudHarness, ...[loaded, dataset]: Parameters<typeof prepareRun>) {
  const store = new FsResultStore(await mkdtemp(join(harness.dir, 'local-')));
  const run = await runLocal({
    prepared: prepareRun(loaded, dataset),
    store,
    runId: 'local',
    env: { [API_KEY_ENV]: FAKE_API_KEY },
    clock: systemClock,
    progress: createProgressReporter({ quiet: true }),
  });
  return { store, summary: run.summary, manifest: run.manifest };
}

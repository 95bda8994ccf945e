import { z } from 'zod';
import { inputLayout, loadRunInput } from '../cloud-input/index.ts';
import { withShardSize } from '../engine/index.ts';
import { DEFAULT_CLOUD_WORKERS, partitionRateLimits, rateLimitsOf } from '../execution/index.ts';
import { RunIdSchema, type Manifest } from '../results/index.ts';
import { judgeRefsOf, pairwiseBaselineCandidates, prepareRun, runManifest, type PreparedRun } from '../run/index.ts';
import { cloudRunSandbox } from '../sandbox/index.ts';
import type { RetryPolicy } from '../spec/index.ts';
import { putObject, s3Error } from '../store/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import { judgeCallsOf, lambdaShardSize, slowestRetryPolicy, wholeSampleShardSize } from './shard-sizing.ts';

/** The Prepare state's event: the run whose input is already under `runs/<id>/input/`. */
export const PrepareEventSchema = z.object({ runId: RunIdSchema }).strict();

/** What Prepare hands the Distributed Map: where the shard index is, where its results go, and how many shards run at once. */
export interface PreparedCloudRun {
  readonly runId: string;
  readonly bucket: string;
  readonly shardIndexKey: string;
  /** The ResultWriter's prefix (`runs/<id>/map-results`), so the map's own output stays a few hundred bytes. */
  readonly resultPrefix: string;
  readonly maxConcurrency: number;
  readonly items: number;
  readonly shards: number;
}

/** One entry of `shards.json`, the Distributed Map's items. */
export interface ShardIndexEntry {
  readonly id: string;
  readonly start: number;
  readonly size: number;
}

/**
 * Validates and plans a submitted run (every prompt rendered before any model call), writes its
 * manifest once and its shard index. On a redrive the manifest is already there and is reused,
 * so the plan never changes under a run.
 */
export async function prepareCloudRun(deps: CloudDeps, event: unknown): Promise<PreparedCloudRun> {
  const { runId } = PrepareEventSchema.parse(event);
  const { store } = deps;
  const manifest = (await store.readManifest(runId)) ?? (await planSubmittedRun(deps, runId));
  const index: ShardIndexEntry[] = manifest.plan.shards.map((shard) => ({ id: shard.id, start: shard.start, size: shard.size }));
  const key = store.key(inputLayout.shardIndex(runId));
  try {
    await putObject(store.client, { bucket: store.bucket, key, body: JSON.stringify(index), contentType: 'application/json' });
  } catch (error) {
    throw s3Error('STORE_WRITE', `s3://${store.bucket}/${key}`, 'PutObject', error);
  }
  const maxConcurrency = Math.max(1, Math.min(manifest.cloud?.workers ?? DEFAULT_CLOUD_WORKERS, index.length || 1));
  deps.logger.info('run prepared', { runId, shards: index.length, maxConcurrency });
  return { runId, bucket: store.bucket, shardIndexKey: key, resultPrefix: store.key(inputLayout.mapResults(runId)), maxConcurrency, items: manifest.plan.items, shards: index.length };
}

/**
 * Loads and validates a submitted run (every prompt rendered before any model call), plans it in
 * shards sized for Lambda, partitions the rate limits over the map's width and writes the
 * manifest (once: a second writer is refused by the store).
 */
async function planSubmittedRun(deps: CloudDeps, runId: string): Promise<Manifest> {
  const { input, loaded, dataset } = await loadRunInput(deps.store, runId, deps.workDir);
  const sandbox = cloudRunSandbox(loaded.spec, deps.sandbox);
  // The flags are recorded in the run description, which is all a worker reads its settings from.
  const overrides = { ...(input.noCache && { cache: false as const }), ...(input.workers !== undefined && { workers: input.workers }) };
  const prepared = prepareRun(loaded, dataset, { candidateIds: input.candidateIds, sandbox, overrides });
  const { execution, candidates } = prepared.run;
  const judgeCalls = judgeCallsOf(prepared.run.scorers, prepared.run.judges);
  // A worker judges against a baseline candidate only with its answers in the same shard.
  const [pairwise] = pairwiseBaselineCandidates(judgeRefsOf(prepared.run.scorers));
  const sizeFor = (cloud: NonNullable<Manifest['cloud']>) => {
    const sizing = lambdaShardSize({
      timeoutMs: execution.timeoutMs,
      retries: execution.retries,
      concurrency: execution.concurrency,
      candidateConcurrency: candidates.map((candidate) => candidate.concurrency),
      requested: execution.shardSize,
      functionTimeoutMs: deps.workerTimeoutMs,
      candidateRpm: candidates.map((candidate) => cloud.rateLimits[candidate.id]?.rpm),
      judgeCallsPerItem: judgeCalls.perItem,
      judgeRpm: [...judgeCalls.byJudge].flatMap(([id, callsPerItem]) => {
        const rpm = cloud.judgeRateLimits?.[id]?.rpm;
        return rpm === undefined ? [] : [{ rpm, callsPerItem }];
      }),
      // Only model candidates and judges call out and retry; their providers' schemas parse `backoff:` into a RetryPolicy.
      retryPolicy: slowestRetryPolicy([
        ...candidates.filter((candidate) => candidate.kind === 'model').map((candidate) => prepared.providerParams.get(candidate.id)?.backoff as RetryPolicy | undefined),
        ...prepared.run.judges.filter((judge) => judge.kind === 'model').map((judge) => prepared.judgeParams.get(judge.id)?.backoff as RetryPolicy | undefined),
      ]),
    });
    const shardSize = pairwise ? wholeSampleShardSize(sizing.shardSize, prepared.run.plan.candidates.length * prepared.run.plan.repeats, pairwise) : sizing.shardSize;
    const run = withShardSize(prepared.run, shardSize);
    return { sizing, shardSize, run, shards: run.plan.shards.length };
  };
  // Shares go over the workers that run: min(requested, shards). The shard count itself depends on
  // the shares (rate caps), so partition once more at that width. Safe: the width only shrinks, so
  // shares only grow and shards only shrink or stay, and the map runs min(width, shards) ≤ width
  // workers: the shares of the workers running never sum past the whole (at worst some is unused).
  const requested = partitionFor(execution.workers, prepared.run);
  const first = sizeFor(requested);
  const cloud = first.shards < requested.workers ? partitionFor(Math.max(1, first.shards), prepared.run) : requested;
  const { sizing, shardSize, run } = cloud === requested ? first : sizeFor(cloud);
  deps.logger.info('shard sizing', { runId, ...sizing, shardSize });
  const manifest = runManifest(prepared, {
    runId,
    createdAt: deps.clock.isoNow(),
    specPath: input.spec.path,
    datasetPaths: input.datasetPaths,
    versions: { ...input.versions, node: process.version },
    git: input.git,
    run,
    cloud,
  });
  await deps.store.writeManifest(manifest);
  return manifest;
}

/** The map's width and each worker's share of the candidates' and judges' rate limits (lib/execution/rate-limit.ts). */
function partitionFor(workers: number | undefined, run: Pick<PreparedRun['run'], 'candidates' | 'judges'>): NonNullable<Manifest['cloud']> {
  const partition = partitionRateLimits(workers ?? DEFAULT_CLOUD_WORKERS, { candidates: rateLimitsOf(run.candidates), judges: rateLimitsOf(run.judges) });
  return { workers: partition.workers, rateLimits: partition.perWorker.candidates, judgeRateLimits: partition.perWorker.judges };
}

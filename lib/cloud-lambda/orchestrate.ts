import { cloudRunSandbox } from '../sandbox/index.ts';
import { withShardSize } from '../engine/index.ts';
import { isVerdictError } from '../errors/index.ts';
import { DEFAULT_CLOUD_WORKERS, partitionRateLimits, rateLimitsOf } from '../execution/index.ts';
import { prepareRun, runManifest } from '../run/index.ts';
import type { Manifest } from '../results/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import type { RunRequestEvent, RunResponse, ShardTask } from './events.ts';
import { loadRunInput } from '../cloud-input/index.ts';
import { lambdaShardSize } from './shard-sizing.ts';

/**
 * Starts a submitted run: loads and validates its input (every prompt rendered before any model
 * call), sizes shards for Lambda, writes the manifest, then invokes one worker per shard
 * asynchronously and returns at once. Running it again for the same run re-dispatches only the
 * shards that have no records yet (the manifest, once written, is never changed).
 * Bad input is an answer (`ok: false` with the error), not a crash, so the CLI exits 2.
 */
export async function orchestrateRun(deps: CloudDeps, event: RunRequestEvent): Promise<RunResponse> {
  const { store, logger } = deps;
  try {
    const manifest = (await store.readManifest(event.runId)) ?? (await startRun(deps, event.runId));
    const done = new Set(await store.listShards(event.runId));
    const tasks: ShardTask[] = manifest.plan.shards
      .filter((shard) => !done.has(shard.id))
      .map((shard) => ({ schemaVersion: 1, runId: event.runId, shardId: shard.id, start: shard.start, size: shard.size }));
    const dispatched = await deps.invoker.dispatch(tasks);
    logger.info('dispatched shards', { runId: event.runId, shards: manifest.plan.shards.length, dispatched });
    return {
      ok: true,
      runId: event.runId,
      location: store.locate(event.runId),
      items: manifest.plan.items,
      shardSize: manifest.plan.shardSize,
      shards: manifest.plan.shards.length,
      dispatched,
    };
  } catch (error) {
    if (!isVerdictError(error) || error.exitCode !== 2) throw error;
    logger.warn('run rejected', { runId: event.runId, code: error.code, message: error.message });
    return { ok: false, error: { code: error.code, message: error.message } };
  }
}

/** Loads, validates and plans a submitted run and writes its manifest (once). */
export async function startRun(deps: CloudDeps, runId: string): Promise<Manifest> {
  const { input, loaded, dataset } = await loadRunInput(deps.store, runId, deps.workDir);
  const sandbox = cloudRunSandbox(loaded.spec, deps.sandbox);
  const prepared = prepareRun(loaded, dataset, { candidateIds: input.candidateIds, sandbox });
  const { execution } = loaded.spec;
  const cloud = cloudPartition(input.workers ?? execution.workers, prepared.candidates);
  const sizing = lambdaShardSize({
    timeoutMs: execution.timeoutMs,
    retries: execution.retries,
    concurrency: execution.concurrency,
    candidateConcurrency: prepared.candidates.map((candidate) => candidate.concurrency),
    requested: execution.shardSize,
    functionTimeoutMs: deps.workerTimeoutMs,
    candidateRpm: prepared.candidates.map((candidate) => cloud.rateLimits[candidate.id]?.rpm),
  });
  deps.logger.info('shard sizing', { runId, ...sizing });
  const manifest = runManifest(prepared, {
    runId,
    createdAt: deps.clock.isoNow(),
    specPath: input.spec.path,
    datasetPaths: input.datasetPaths,
    versions: { ...input.versions, node: process.version },
    git: input.git,
    run: withShardSize(prepared.run, sizing.shardSize),
    cloud,
  });
  await deps.store.writeManifest(manifest);
  return manifest;
}

/** The map's width and each worker's share of the candidates' rate limits (rate-limit.ts). */
export function cloudPartition(workers: number | undefined, candidates: Parameters<typeof rateLimitsOf>[0]): NonNullable<Manifest['cloud']> {
  const partition = partitionRateLimits(workers ?? DEFAULT_CLOUD_WORKERS, rateLimitsOf(candidates));
  return { workers: partition.workers, rateLimits: partition.perWorker };
}

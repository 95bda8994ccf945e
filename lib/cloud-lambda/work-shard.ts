import { runShard, workItemAt } from '../engine/index.ts';
import { VerdictError } from '../errors/index.ts';
import {
  cachedCandidates,
  candidateLimitsOf,
  createJudgePort,
  createLevelScheduler,
  rateLimitedCandidates,
  runInJudgePhases,
  scorersWithJudges,
  workerRunCache,
} from '../execution/index.ts';
import { createCandidates } from '../run/index.ts';
import type { ResultRecord } from '../results/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import type { ShardTask } from './worker-event.ts';
import { shardWritten, writeShardOnce } from './shard-write.ts';

/** What a worker did. */
export interface ShardOutcome {
  readonly runId: string;
  readonly shardId: string;
  /** `already-written`: the records file was there before it ran; `duplicate-refused`: another delivery wrote it first. */
  readonly status: 'written' | 'skipped-sealed' | 'already-written' | 'duplicate-refused';
  readonly records: number;
  readonly errors: number;
}

/**
 * Runs one shard with the same `runShard()` as the local executor and writes
 * `<run>/records/<shard>.jsonl` whole, once (`If-None-Match`), records in plan order. A shard
 * whose file exists is not run again (a redrive reruns only what did not finish), and a sealed
 * run is never touched.
 */
export async function workShard(deps: CloudDeps, task: ShardTask): Promise<ShardOutcome> {
  const { store, logger } = deps;
  if (await store.readSummary(task.runId)) {
    logger.warn('run already sealed; shard not run', { runId: task.runId, shardId: task.shardId });
    return { runId: task.runId, shardId: task.shardId, status: 'skipped-sealed', records: 0, errors: 0 };
  }
  if (await shardWritten(store, task.runId, task.shardId)) {
    logger.info('shard already written; not run again', { runId: task.runId, shardId: task.shardId });
    return { runId: task.runId, shardId: task.shardId, status: 'already-written', records: 0, errors: 0 };
  }
  const context = await deps.runContext(task.runId);
  const shard = context.plan.shards.find((planned) => planned.id === task.shardId);
  if (!shard || shard.start !== task.start || shard.size !== task.size) {
    throw new VerdictError('USAGE', `${task.runId}/${task.shardId}: not a shard of the run's plan (start ${task.start}, size ${task.size})`);
  }
  // The run as Prepare recorded it (its overrides and shard size), not as the spec alone would give it.
  const { run } = context.prepared;
  const providerContext = {
    baseDir: context.prepared.loaded.baseDir,
    env: await deps.secrets(),
    clock: deps.clock,
    timeoutMs: run.execution.timeoutMs,
    retries: run.execution.retries,
  };
  const created = await createCandidates(context.prepared.candidates, providerContext, context.prepared.providerParams);
  // This worker's share of each candidate's rate limit, as the manifest records it (inside the cache, like a local run).
  const limited = rateLimitedCandidates(created, new Map(Object.entries(context.manifest.cloud?.rateLimits ?? {})), deps.clock);
  // The stack's shared S3 cache, under the same key and policy as a local run's folder, in the recorded mode (`--no-cache`: off).
  const cache = workerRunCache(run.cache, deps.responseCache);
  const candidates = cachedCandidates(limited, context.prepared, cache, deps.clock);
  // Judges are created in the worker like its candidates (same secrets, retries, timeouts).
  const judges = await createJudgePort(run, context.prepared.judgeParams, providerContext);
  const records: ResultRecord[] = [];
  try {
    const shardContext = {
      plan: context.plan,
      samples: context.prepared.dataset.samples,
      candidates,
      scorers: scorersWithJudges(run, context.prepared, judges),
      prompt: context.prepared.prompt,
      answers: context.prepared.answers,
      clock: deps.clock,
      seed: run.execution.seed,
      // The local executor's scheduler at the run's one closed-loop level (the cloud runs no load patterns).
      schedule: createLevelScheduler(run.load.levels[0]!, { candidateLimits: candidateLimitsOf(run.candidates), clock: deps.clock, seed: run.execution.seed }),
    };
    // Pairwise judging against a candidate of the run: its items first, as locally (Prepare cuts shards at whole samples).
    await runInJudgePhases(judges, async (inPhase) => {
      await runShard(shard, {
        ...shardContext,
        isDone: (item) => !inPhase(item.candidate),
        onRecord(record) {
          judges?.recordAnswer(record.candidate, record.sampleId, record.repeat, record.output);
          records.push(record);
        },
      });
    });
    const outcome = { records: records.length, errors: records.filter((record) => record.error).length };
    const order = new Map<string, number>();
    for (let index = shard.start; index < shard.start + shard.size; index++) order.set(workItemAt(context.plan, index).itemId, index);
    records.sort((a, b) => order.get(a.itemId)! - order.get(b.itemId)!);
    // A duplicate delivery of this shard may finish after the run was sealed: sealed evidence is
    // never rewritten. (A write racing the seal by milliseconds remains; `verdict verify` shows it.)
    if (await store.readSummary(task.runId)) {
      logger.warn('run sealed while the shard ran; records not written', { runId: task.runId, shardId: task.shardId });
      return { runId: task.runId, shardId: task.shardId, status: 'skipped-sealed', records: 0, errors: 0 };
    }
    if ((await writeShardOnce(store, task.runId, task.shardId, records)) === 'exists') {
      logger.warn('another delivery wrote this shard first; records not written', { runId: task.runId, shardId: task.shardId });
      return { runId: task.runId, shardId: task.shardId, status: 'duplicate-refused', records: 0, errors: 0 };
    }
    logger.info('shard written', { runId: task.runId, shardId: task.shardId, records: outcome.records, errors: outcome.errors });
    return { runId: task.runId, shardId: task.shardId, status: 'written', records: outcome.records, errors: outcome.errors };
  } finally {
    await Promise.all([...candidates.values()].map((candidate) => candidate.provider.close?.()));
    await judges?.close();
  }
}

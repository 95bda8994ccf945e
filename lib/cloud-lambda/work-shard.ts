import { runShard, workItemAt } from '../engine/index.ts';
import { VerdictError } from '../errors/index.ts';
import { candidateLimitsOf, createLevelScheduler, runInJudgePhases } from '../execution/index.ts';
import type { Clock } from '../ports/index.ts';
import type { ResultRecord } from '../results/index.ts';
import { judgeRefsOf, pairwiseBaselineCandidates } from '../run/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import { notRunShardRecord, WORKER_ERROR_CODES } from './fail-shard.ts';
import { WORKER_SAFETY_MARGIN_MS } from './shard-sizing.ts';
import type { ShardRuntime, ShardRuntimes } from './shard-runtime.ts';
import type { ShardTask } from './worker-event.ts';
import { shardWritten, writeShardOnce } from './shard-write.ts';
import { itemsWithoutBaseline } from './split-samples.ts';

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
 * run is never touched. Its candidates, judges and scorers come from `runtimes`, built once per
 * run in a warm container. With `remainingMs` (the invocation's time left), no item starts in the
 * last {@link WORKER_SAFETY_MARGIN_MS} and the items still running when it begins are aborted:
 * both are written as `WORKER_OUT_OF_TIME` error records, so the worker writes its shard whole
 * before Lambda's timeout and the run still seals with every item accounted for. Items a
 * pairwise scorer would judge without their baseline (an older manifest's shards split samples)
 * are written as `WORKER_SPLIT_SAMPLE` error records instead of being run.
 */
export async function workShard(
  deps: CloudDeps,
  task: ShardTask,
  options: { readonly runtimes: ShardRuntimes; readonly remainingMs?: number | undefined },
): Promise<ShardOutcome> {
  const { runtimes } = options;
  const { store, logger } = deps;
  const deadline = options.remainingMs === undefined ? Infinity : deps.clock.now() + options.remainingMs - WORKER_SAFETY_MARGIN_MS;
  if (await store.readSummary(task.runId)) {
    logger.warn('run already sealed; shard not run', { runId: task.runId, shardId: task.shardId });
    return { runId: task.runId, shardId: task.shardId, status: 'skipped-sealed', records: 0, errors: 0 };
  }
  if (await shardWritten(store, task.runId, task.shardId)) {
    logger.info('shard already written; not run again', { runId: task.runId, shardId: task.shardId });
    return { runId: task.runId, shardId: task.shardId, status: 'already-written', records: 0, errors: 0 };
  }
  return runtimes(deps, task.runId, (runtime) => runPlannedShard(deps, task, runtime, deadline));
}

async function runPlannedShard(deps: CloudDeps, task: ShardTask, runtime: ShardRuntime, deadline: number): Promise<ShardOutcome> {
  const { store, logger } = deps;
  const { context } = runtime;
  const shard = context.plan.shards.find((planned) => planned.id === task.shardId);
  if (!shard || shard.start !== task.start || shard.size !== task.size) {
    throw new VerdictError('USAGE', `${task.runId}/${task.shardId}: not a shard of the run's plan (start ${task.start}, size ${task.size})`);
  }
  const { run } = context.prepared;
  const records: ResultRecord[] = [];
  const { judges } = runtime;
  const unjudgeable = itemsWithoutBaseline(context.plan, shard, pairwiseBaselineCandidates(judgeRefsOf(run.scorers)));
  for (const [index, error] of unjudgeable) records.push(notRunShardRecord(context.plan, index, shard.id, { prepared: context.prepared, error, now: deps.clock.isoNow() }));
  if (unjudgeable.size > 0) logger.warn('shard splits samples of a pairwise run; items without their baseline written as errors', { runId: task.runId, shardId: task.shardId, items: unjudgeable.size });
  const shardContext = {
    plan: context.plan,
    samples: context.prepared.dataset.samples,
    candidates: runtime.candidates,
    scorers: runtime.scorers,
    prompt: context.prepared.prompt,
    answers: context.prepared.answers,
    clock: deps.clock,
    seed: run.execution.seed,
    // The local executor's scheduler at the run's one closed-loop level (the cloud runs no load patterns).
    schedule: createLevelScheduler(run.load.levels[0]!, { candidateLimits: candidateLimitsOf(run.candidates), clock: deps.clock, seed: run.execution.seed }),
    // Checked as each item gets its slot; the items running when the deadline passes are aborted (`signal`).
    stopped: () => deps.clock.now() >= deadline,
  };
  await atDeadline(deps.clock, deadline, async (signal) => {
    // Pairwise judging against a candidate of the run: its items first, as locally (Prepare cuts shards at whole samples; an older manifest's split ones are `unjudgeable`).
    await runInJudgePhases(judges, async (inPhase) => {
      await runShard(shard, {
        ...shardContext,
        signal,
        isDone: (item) => !inPhase(item.candidate) || unjudgeable.has(item.index),
        onRecord(record) {
          judges?.recordAnswer(record.candidate, record.sampleId, record.repeat, record.output);
          records.push(record);
        },
      });
    });
  });
  const order = new Map<string, number>();
  for (let index = shard.start; index < shard.start + shard.size; index++) order.set(workItemAt(context.plan, index).itemId, index);
  const notRun = notRunIndexes(order, records);
  if (notRun.length > 0) {
    const error = {
      code: WORKER_ERROR_CODES.outOfTime,
      message: `not run, or cut short: the worker reached its ${WORKER_SAFETY_MARGIN_MS / 1000} s safety margin before the Lambda timeout`,
    };
    const now = deps.clock.isoNow();
    for (const index of notRun) records.push(notRunShardRecord(context.plan, index, shard.id, { prepared: context.prepared, error, now }));
    logger.warn('out of time; items not run written as errors', { runId: task.runId, shardId: task.shardId, items: notRun.length });
  }
  const outcome = { records: records.length, errors: records.filter((record) => record.error).length };
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
}

/**
 * Runs `work` with a signal that aborts at `deadline` (on `clock`), so items still running then
 * stop before Lambda's timeout would end the whole worker. No timer without a deadline.
 */
async function atDeadline(clock: Clock, deadline: number, work: (signal: AbortSignal | undefined) => Promise<void>): Promise<void> {
  if (deadline === Infinity) return work(undefined);
  const cut = new AbortController();
  const done = new AbortController();
  void clock.sleep(Math.max(0, deadline - clock.now()), done.signal).then(
    () => cut.abort(new DOMException('the worker reached its safety margin', 'TimeoutError')),
    () => undefined,
  );
  try {
    await work(cut.signal);
  } finally {
    done.abort();
  }
}

/** Plan indexes of the shard's items that have no record. */
function notRunIndexes(order: ReadonlyMap<string, number>, records: readonly ResultRecord[]): number[] {
  const done = new Set(records.map((record) => record.itemId));
  return [...order].filter(([itemId]) => !done.has(itemId)).map(([, index]) => index);
}

import { notRunRecord, planFromManifest, workItemAt, type Plan } from '../engine/index.ts';
import { describeError } from '../errors/index.ts';
import type { RecordError, ResultRecord } from '../results/index.ts';
import type { Sample } from '../datasets/index.ts';
import type { PreparedRun } from '../run/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import type { ShardTask } from './worker-event.ts';
import { writeShardOnce } from './shard-write.ts';

/** Error codes of the records a worker writes for items it did not run. */
export const WORKER_ERROR_CODES = {
  /** The worker kept failing (the map's Catch), or left no records by the time the map ended (Seal). */
  failed: 'WORKER_FAILED',
  /** The worker stopped dispatching at its safety margin before the Lambda timeout. */
  outOfTime: 'WORKER_OUT_OF_TIME',
  /** A pairwise scorer's baseline answer for the item is in another shard (a manifest whose shards split samples). */
  splitSample: 'WORKER_SPLIT_SAMPLE',
} as const;

/** What was done with one failed shard, and how many error records were written. */
export interface FailedShardOutcome {
  readonly runId: string;
  readonly shardId: string;
  readonly status: 'error-shard-written' | 'shard-exists' | 'already-sealed' | 'no-manifest';
  readonly records: number;
}

/**
 * After the state machine gave up on a shard (its retries spent), records every item of it as an error,
 * so the run still completes and no item is silently lost. Item ids come from the same plan and
 * `workItemAt` as the worker's, so they match a normal shard item for item. When the run's
 * input cannot be loaded the records carry no prompt, but still every item id.
 */
export async function writeFailedShard(deps: CloudDeps, task: ShardTask, error: RecordError): Promise<FailedShardOutcome> {
  const { store } = deps;
  const skipped = (status: FailedShardOutcome['status']): FailedShardOutcome => ({ runId: task.runId, shardId: task.shardId, status, records: 0 });
  const manifest = await store.readManifest(task.runId);
  if (!manifest) return skipped('no-manifest');
  if (await store.readSummary(task.runId)) return skipped('already-sealed');
  if ((await store.listShards(task.runId)).includes(task.shardId)) return skipped('shard-exists');
  let prepared: PreparedRun | undefined;
  try {
    prepared = (await deps.runContext(task.runId)).prepared;
  } catch (error) {
    deps.logger.warn('run input unavailable; error records without prompts', { runId: task.runId, shardId: task.shardId, reason: describeError(error) });
  }
  const plan = planFromManifest(manifest);
  const now = deps.clock.isoNow();
  const records: ResultRecord[] = [];
  for (let index = task.start; index < task.start + task.size; index++) records.push(notRunShardRecord(plan, index, task.shardId, { prepared, error, now }));
  if ((await writeShardOnce(store, task.runId, task.shardId, records)) === 'exists') return skipped('shard-exists');
  deps.logger.error('shard failed; error records written', { runId: task.runId, shardId: task.shardId, items: records.length, reason: error.message });
  return { runId: task.runId, shardId: task.shardId, status: 'error-shard-written', records: records.length };
}

/** The record of the plan's item at `index` that its worker did not run (`notRunRecord`, with the prompt when the run's input is at hand). */
export function notRunShardRecord(plan: Plan, index: number, shardId: string, options: { prepared?: PreparedRun; error: RecordError; now: string }): ResultRecord {
  const item = workItemAt(plan, index);
  const sample: Sample | undefined = options.prepared?.dataset.samples.at(item.sampleIndex);
  if (!sample) return notRunRecord(item, shardId, { sample: { id: plan.sampleIds[item.sampleIndex]! }, error: options.error, now: options.now });
  return notRunRecord(item, shardId, {
    sample,
    prompt: options.prepared!.prompt.render(sample),
    reference: options.prepared!.scorers[0]!.scorer.expected(sample),
    error: options.error,
    now: options.now,
  });
}

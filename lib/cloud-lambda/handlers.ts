import type { S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describeError, VerdictError } from '../errors/index.ts';
import { aggregateIfComplete, type AggregationOutcome } from './aggregate-run.ts';
import type { CloudDeps } from './cloud-deps.ts';
import { FailureDestinationRecordSchema, objectKeysOf, RunRequestEventSchema, ShardTaskSchema, WorkerEventSchema, type RunResponse } from './events.ts';
import { failureError, writeFailedShard, type FailedShardOutcome } from './fail-shard.ts';
import { prepareCloudRun, type PreparedCloudRun } from './prepare-run.ts';
import { sealCloudRun, type SealOutcome } from './seal-run.ts';
import { orchestrateRun } from './orchestrate.ts';
import { workShard, type ShardOutcome } from './work-shard.ts';

/** Deps are built lazily once per container (cold start), or given directly in tests. */
export type DepsSource = CloudDeps | (() => CloudDeps);

function resolveDeps(source: DepsSource): CloudDeps {
  return typeof source === 'function' ? source() : source;
}

/** Orchestrator: `{ runId }` → validates, plans, writes the manifest, fans out; answers at once. */
export function createOrchestratorHandler(source: DepsSource): (event: unknown) => Promise<RunResponse> {
  return async (event) => {
    const deps = resolveDeps(source);
    return orchestrateRun(deps, RunRequestEventSchema.parse(event));
  };
}

/**
 * Worker: one shard → its records file; throws on failure so the state machine retries it. With
 * `failure` (the map's Catch) it writes the shard's items as error records instead.
 */
export function createWorkerHandler(source: DepsSource): (event: unknown) => Promise<ShardOutcome | FailedShardOutcome> {
  return async (event) => {
    const deps = resolveDeps(source);
    const { failure, ...task } = WorkerEventSchema.parse(event);
    deps.logger.appendKeys({ runId: task.runId, shardId: task.shardId });
    try {
      if (failure) {
        const message = `worker for ${task.shardId} kept failing: ${[failure.error, failure.cause].filter(Boolean).join(': ')}`.slice(0, 1000);
        return await writeFailedShard(deps, task, { code: 'WORKER_FAILED', message });
      }
      return await workShard(deps, task);
    } catch (error) {
      deps.logger.error('shard failed', { reason: describeError(error) });
      throw error;
    } finally {
      deps.logger.removeKeys(['runId', 'shardId']);
    }
  };
}

/** Prepare (the state machine's first state): `{ runId }` → manifest, shard index, map width. */
export function createPrepareHandler(source: DepsSource): (event: unknown) => Promise<PreparedCloudRun> {
  return async (event) => prepareCloudRun(resolveDeps(source), event);
}

/** Seal (the state machine's last state): `{ runId }` → summary.json once, every item accounted for. */
export function createSealHandler(source: DepsSource): (event: unknown) => Promise<SealOutcome> {
  return async (event) => sealCloudRun(resolveDeps(source), event);
}

/** The run ids whose records changed in an S3 notification or EventBridge S3 event (other keys are ignored). */
export function runIdsOfNotification(event: unknown, prefix: string): string[] {
  const keys = objectKeysOf(event);
  if (keys === null) throw new VerdictError('USAGE', 'aggregator: expected an S3 notification or an EventBridge "Object Created" event');
  const runIds = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const match = /^([^/]+)\/records\/[^/]+\.jsonl$/.exec(key.slice(prefix.length));
    if (match) runIds.add(match[1]!);
  }
  return [...runIds];
}

/** Aggregator: S3 ObjectCreated under `records/` (notification or EventBridge) → seal the run when every shard is there. */
export function createAggregatorHandler(source: DepsSource): (event: S3Event | unknown) => Promise<Record<string, AggregationOutcome>> {
  return async (event) => {
    const deps = resolveDeps(source);
    const outcomes: Record<string, AggregationOutcome> = {};
    for (const runId of runIdsOfNotification(event, deps.store.prefix)) outcomes[runId] = await aggregateIfComplete(deps, runId);
    return outcomes;
  };
}

/**
 * Failure handler: SQS messages from the on-failure destination. A failed shard becomes an
 * error shard; a failed aggregation is tried once more. Messages that fail again are reported
 * back (partial batch response) so SQS redelivers them, then moves them to its dead-letter queue.
 */
export function createFailureHandler(source: DepsSource): (event: SQSEvent) => Promise<SQSBatchResponse> {
  return async (event) => {
    const deps = resolveDeps(source);
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const message of event.Records) {
      try {
        const failure = FailureDestinationRecordSchema.parse(JSON.parse(message.body));
        const task = ShardTaskSchema.safeParse(failure.requestPayload);
        if (task.success) {
          await writeFailedShard(deps, task.data, failureError(task.data, failure));
          await aggregateIfComplete(deps, task.data.runId);
          continue;
        }
        const runIds = objectKeysOf(failure.requestPayload) ? runIdsOfNotification(failure.requestPayload, deps.store.prefix) : [];
        for (const runId of runIds) await aggregateIfComplete(deps, runId);
        if (runIds.length === 0) deps.logger.warn('failure record of an unknown event; dropped', { messageId: message.messageId });
      } catch (error) {
        deps.logger.error('could not handle a failure record', { messageId: message.messageId, reason: describeError(error) });
        batchItemFailures.push({ itemIdentifier: message.messageId });
      }
    }
    return { batchItemFailures };
  };
}

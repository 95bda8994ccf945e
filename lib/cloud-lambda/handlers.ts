import { describeError } from '../errors/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import { WORKER_ERROR_CODES, writeFailedShard, type FailedShardOutcome } from './fail-shard.ts';
import { prepareCloudRun, type PreparedCloudRun } from './prepare-run.ts';
import { sealCloudRun, type SealOutcome } from './seal-run.ts';
import { shardRuntimes } from './shard-runtime.ts';
import { WorkerEventSchema } from './worker-event.ts';
import { workShard, type ShardOutcome } from './work-shard.ts';

// The handlers of the run state machine's three Lambda states (lib/infra/run-state-machine.ts).

/** Deps are built lazily once per container (cold start), or given directly in tests. */
export type DepsSource = CloudDeps | (() => CloudDeps);

function resolveDeps(source: DepsSource): CloudDeps {
  return typeof source === 'function' ? source() : source;
}

/** The part of the Lambda context the worker reads: the time left before the function times out. */
interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/**
 * Worker: one shard → its records file; throws on failure so the state machine retries it. With
 * `failure` (the map's Catch) it writes the shard's items as error records instead. The handler
 * keeps the last run's shard runtime (created once per container, like its deps). With the
 * Lambda context, the shard stops dispatching when the invocation is about to time out.
 */
export function createWorkerHandler(source: DepsSource): (event: unknown, context?: InvocationContext) => Promise<ShardOutcome | FailedShardOutcome> {
  const runtimes = shardRuntimes();
  return async (event, context) => {
    const deps = resolveDeps(source);
    const { failure, ...task } = WorkerEventSchema.parse(event);
    deps.logger.appendKeys({ runId: task.runId, shardId: task.shardId });
    try {
      if (failure) {
        const message = `worker for ${task.shardId} kept failing: ${[failure.error, failure.cause].filter(Boolean).join(': ')}`.slice(0, 1000);
        return await writeFailedShard(deps, task, { code: WORKER_ERROR_CODES.failed, message });
      }
      return await workShard(deps, task, { runtimes, remainingMs: context?.getRemainingTimeInMillis() });
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

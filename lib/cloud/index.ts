/**
 * Verdict on AWS Lambda: the orchestrator, worker, aggregator and failure-handler logic behind
 * the thin handlers in `lambdas/`, and the run-input transfer the CLI uses. Import from here only.
 */
export { aggregateIfComplete, type AggregationOutcome } from './aggregate-run.ts';
export type { CloudDeps } from './cloud-deps.ts';
export { CLOUD_ENV, cloudDepsFromEnv, lazyDeps } from './deps-from-env.ts';
export {
  decodeS3Key,
  EventBridgeObjectCreatedSchema,
  objectKeysOf,
  FailureDestinationRecordSchema,
  RunRequestEventSchema,
  RunResponseSchema,
  S3NotificationSchema,
  ShardTaskSchema,
  WorkerEventSchema,
  type WorkerEvent,
  type FailureDestinationRecord,
  type RunRequestEvent,
  type RunResponse,
  type ShardTask,
} from './events.ts';
export { failureError, writeFailedShard, type FailedShardOutcome } from './fail-shard.ts';
export { PrepareEventSchema, prepareCloudRun, type PreparedCloudRun, type ShardIndexEntry } from './prepare-run.ts';
export { SealEventSchema, sealCloudRun, type SealOutcome } from './seal-run.ts';
export { createAggregatorHandler, createFailureHandler, createOrchestratorHandler, createPrepareHandler, createSealHandler, createWorkerHandler, runIdsOfNotification, type DepsSource } from './handlers.ts';
export { collectRunInput, loadRunInput, readRunInput, uploadRunInput, type CollectedInput, type LoadedRunInput } from './input-transfer.ts';
export { orchestrateRun } from './orchestrate.ts';
export { loadRunContext, runContextCache, type RunContext } from './run-context.ts';
export { inputLayout, RunInputSchema, type RunInput } from './run-input.ts';
export { cachedSecrets, parseSecretMap, secretsManagerReader, type SecretsReader } from './secrets.ts';
export { lambdaShardInvoker, type ShardInvoker } from './shard-invoker.ts';
export { LAMBDA_MAX_DURATION_MS, lambdaShardSize, type ShardSizing, type ShardSizingInput } from './shard-sizing.ts';
export { workShard, type ShardOutcome } from './work-shard.ts';
export { shardWritten, writeShardOnce } from './shard-write.ts';
export { invokeOrchestrator, submitRunInput, type SubmitRunOptions } from './submit-run.ts';
export { RunWatcher, waitForRun, type RunProgress } from './watch-run.ts';
export { kmsSealSigner, type KmsSealSignerOptions } from './kms-signer.ts';
export {
  executionArnOf,
  readExecutionProgress,
  redriveRunExecution,
  startRunExecution,
  stopRunExecution,
  waitForExecution,
  type ExecutionProgress,
} from './run-execution.ts';

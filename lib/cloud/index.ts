/**
 * Verdict on AWS Lambda: the orchestrator, worker, aggregator and failure-handler logic behind
 * the thin handlers in `lambdas/`, and the run-input transfer the CLI uses. Import from here only.
 */
export type { CloudDeps } from './cloud-deps.ts';
export { CLOUD_ENV, lazyDeps } from './deps-from-env.ts';
export { ShardTaskSchema, type ShardTask } from './events.ts';
export {
  createAggregatorHandler,
  createFailureHandler,
  createOrchestratorHandler,
  createPrepareHandler,
  createSealHandler,
  createWorkerHandler,
  runIdsOfNotification,
} from './handlers.ts';
export { loadRunContext, runContextCache } from './run-context.ts';
export { cachedSecrets, parseSecretMap, type SecretsReader } from './secrets.ts';
export { lambdaShardInvoker } from './shard-invoker.ts';
export { lambdaShardSize } from './shard-sizing.ts';
export { writeShardOnce } from './shard-write.ts';
export { invokeOrchestrator, submitRunInput } from './submit-run.ts';
export { kmsSealSigner } from './kms-signer.ts';
export {
  executionArnOf,
  readExecutionProgress,
  redriveRunExecution,
  startRunExecution,
  stopRunExecution,
  waitForExecution,
  type ExecutionProgress,
} from './run-execution.ts';

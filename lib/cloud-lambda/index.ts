/**
 * Verdict on AWS Lambda: the prepare, worker and seal logic behind the thin handlers in
 * `lambdas/`, and the dependencies they build from the function's environment. Import from here only.
 */
export type { CloudDeps } from './cloud-deps.ts';
export { CLOUD_ENV, lazyDeps } from './deps-from-env.ts';
export type { ShardTask } from './worker-event.ts';
export { createPrepareHandler, createSealHandler, createWorkerHandler } from './handlers.ts';
export { loadRunContext, runContextCache } from './run-context.ts';
export { cachedSecrets, parseSecretMap, type SecretsReader } from './secrets.ts';
export { judgeCallsOf, lambdaShardSize, slowestRetryPolicy, WORKER_SAFETY_MARGIN_MS } from './shard-sizing.ts';
export { writeShardOnce } from './shard-write.ts';
export { kmsSealSigner } from './kms-signer.ts';

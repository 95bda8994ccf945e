export { createCandidates, describeCandidates, prepareRun, redactSpec, type PreparedRun } from './prepare-run.ts';
export { createProgressReporter, type ProgressReporter } from './progress.ts';
export { gitProvenance, harnessVersions, specRelativePaths } from './provenance.ts';
export { RecordWriter } from './record-writer.ts';
export { runLocal, type LocalRunOptions, type LocalRunResult } from './run-local.ts';
export { createJudgePort, inJudgePhase, scorersWithJudges, type JudgePortHandle } from './judge-port.ts';
export { cachedCandidates, resolveRunCache, workerRunCache, DEFAULT_CACHE_DIR, type RunCache } from './run-cache.ts';
export { verifyRun, type RunVerification, type VerifyRunOptions } from './verify-run.ts';
export { DEFAULT_CLOUD_WORKERS, Gcra, partitionRateLimits, rateLimitedCandidates, rateLimitedProvider, rateLimitsOf, type RateLimitPartition } from './rate-limit.ts';

/**
 * What both executors (the local pool and the Lambda worker) use to run a run's items: the
 * level scheduler, provider rate limits, the response cache around candidates and the judge port.
 */
export { createJudgePort, runInJudgePhases, scorersWithJudges, type JudgePortHandle } from './judge-port.ts';
export { cachedCandidates, resolveRunCache, workerRunCache, DEFAULT_CACHE_DIR, type RunCache } from './run-cache.ts';
export { DEFAULT_CLOUD_WORKERS, Gcra, partitionRateLimits, rateLimitedCandidates, rateLimitedProvider, rateLimitsOf } from './rate-limit.ts';
export { candidateLimitsOf, createLevelScheduler, runLoadLevels } from './load-runner.ts';

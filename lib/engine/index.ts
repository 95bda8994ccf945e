export { aggregateRecords } from './aggregate.ts';
export { CandidateMetricsAccumulator, meanMetric, proportion } from './candidate-metrics.ts';
export { DEFAULT_SHARD_SIZE, itemIdOf, itemSeed, planRun, planShards, workItemAt, type Plan, type WorkItem } from './plan.ts';
export type { Clock, Completion, CompletionRequest, Provider, ResultStore } from './ports.ts';
export { createPromptRenderer, type PromptRenderer } from './prompt.ts';
export { runShard, runWorkItem, type CandidateRuntime, type Scheduler, type ShardContext } from './run-shard.ts';
export { createManifest, planFromManifest, type ManifestInput } from './manifest.ts';
export { instantiateScorers, type InstantiatedScorer } from './scorers.ts';

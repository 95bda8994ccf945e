export { aggregateRecords, type AggregateOptions } from './aggregate.ts';
export { PlanCoverage } from './plan-coverage.ts';
export { CandidateMetricsAccumulator, meanMetric, proportion } from './candidate-metrics.ts';
export { DEFAULT_SHARD_SIZE, itemIdOf, planRun, planShards, workItemAt, type Plan, type WorkItem } from './plan.ts';
export { createPromptRenderer, type PromptRenderer } from './prompt.ts';
export { createAnswerReader, type AnswerReader, type ReadAnswer } from './answer-reader.ts';
export { notRunRecord, runShard, runWorkItem, type CandidateRuntime, type Scheduler, type ShardContext } from './run-shard.ts';
export { createManifest, type ManifestInput } from './manifest.ts';
export {
  describeRun,
  planFromManifest,
  runDescriptionOf,
  storedRunDescription,
  withShardSize,
  type DescribedCandidate,
  type DescribedJudge,
  type DescribedScorer,
  type RunDescription,
  type RunOverrides,
} from './run-description.ts';
export { instantiateScorers, type InstantiatedScorer } from './scorers.ts';
export { collectSampleOutcomes, createSampleOutcomes, SampleOutcomes } from './sample-outcomes.ts';
export { type SampleOutcomeView } from '../gate/index.ts';
export { sampleLevelMetrics } from './sample-level-metrics.ts';
export { adjustComparisons, compareSeries, COMPARISON_RESAMPLES, pairSeries, type CompareSeriesOptions, type PairedSeries } from './compare-series.ts';
export { compareCandidates, type CandidatePair, type CompareCandidatesOptions } from './comparisons.ts';
export { analyseRelease, type ReleaseAnalysisOptions } from './release-analysis.ts';
export { compareRuns, type FlippedSample, type RunComparison, type RunOutcomes, type RunPairReport } from './compare-runs.ts';
export { canonicalJson, compareIntegrity, RunDigest, type RunIntegrity } from './run-digest.ts';
export { describeLoad, levelKey, levelOfRepeat, type LoadLevel, type LoadPattern } from './load-pattern.ts';
export { LatencyAccumulator, meetsSlo, requestLatency, type LatencySlo, type RequestLatency } from './latency-metrics.ts';
export { costMetrics, type CostInputs, type TokenPrice } from './cost-metrics.ts';
export { RunBudget, describeBudgetLimit, describeBudgetStop, BUDGET_ERROR_CODE, type BudgetLimits, type BudgetStop } from './budget.ts';
export {
  checkSealSignature,
  keyFileSigner,
  keyFingerprintOf,
  kmsSignedMessage,
  sealPayload,
  signSummary,
  signSummaryWith,
  type SealSignature,
  type SealSigner,
  type SignatureCheck,
} from './seal-signature.ts';
export { ErrorCauseTally, type ErrorCause } from './error-causes.ts';
export { splitReasoning } from './reasoning-split.ts';

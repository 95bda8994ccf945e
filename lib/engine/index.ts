export { aggregateRecords } from './aggregate.ts';
export { planRun, workItemAt, type Plan, type WorkItem } from './plan.ts';
export { createPromptRenderer, type PromptRenderer } from './prompt.ts';
export { createAnswerReader, type AnswerReader } from './answer-reader.ts';
export { notRunRecord, runShard, runWorkItem, type CandidateRuntime, type Scheduler, type ShardContext } from './run-shard.ts';
export { createManifest } from './manifest.ts';
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
export { collectSampleOutcomes } from './sample-outcomes.ts';
export { compareRuns, type RunComparison, type RunOutcomes } from './compare-runs.ts';
export { canonicalJson } from './canonical-json.ts';
export { compareIntegrity, RunDigest } from './run-digest.ts';
export type { LoadLevel, LoadPattern } from './load-pattern.ts';
export { LatencyAccumulator, meetsSlo, requestLatency } from './latency-metrics.ts';
export type { TokenPrice } from './cost-metrics.ts';
export { RunBudget, describeBudgetStop, type BudgetStop } from './budget.ts';
export {
  checkSealSignature,
  keyFileSigner,
  keyFingerprintOf,
  kmsSignedMessage,
  signSummary,
  signSummaryWith,
  type SealSigner,
  type SignatureCheck,
} from './seal-signature.ts';
export { ErrorCauseTally } from './error-causes.ts';

export {
  ChatMessageSchema,
  RecordConfidenceSchema,
  RecordErrorSchema,
  RecordReasoningSchema,
  ResultRecordSchema,
  ScoreSchema,
  UsageSchema,
  type ChatMessage,
  type RecordConfidence,
  type RecordError,
  type RecordReasoning,
  type ResultRecord,
  type Score,
  type Usage,
} from './record.ts';
export {
  CandidateSummarySchema,
  GateResultSchema,
  MetricSchema,
  MetricValueSchema,
  SUMMARY_SCHEMA_VERSION,
  SummaryLoadSchema,
  SummarySchema,
  SweepPointSchema,
  type BaselineGateResult,
  type CandidateSummary,
  type GateResult,
  type Metric,
  type Summary,
  type SummaryLoad,
  type SweepPoint,
  type ThresholdGateResult,
} from './summary.ts';
export { MANIFEST_SCHEMA_VERSION, ManifestSchema, ShardSchema, type Manifest, type Shard } from './manifest.ts';
export {
  RunDescriptionSchema,
  type JudgeDescription,
  type LoadLevel,
  type LoadPattern,
  type RunExecution,
  type RunCacheSettings,
  RunCacheSchema,
  type StoredRunDescription,
} from './run-description.ts';
export { ComparisonSchema, type Comparison } from './comparison.ts';
export { SandboxIsolationSchema, type SandboxIsolation } from './sandbox-isolation.ts';
export { checkRunId, RUN_ID_PATTERN, RunIdSchema } from './run-id.ts';
export { formatUsd } from './format-usd.ts';
export { MANIFEST_FORMAT, readManifestFile, readSummaryFile, SUMMARY_FORMAT } from './result-files.ts';
export { readVersioned, type VersionedFormat } from './read-versioned.ts';
export { formatSchemaIssues } from './format-issues.ts';

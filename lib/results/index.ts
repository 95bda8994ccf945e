export {
  ResultRecordSchema,
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
  SUMMARY_SCHEMA_VERSION,
  SummarySchema,
  type BaselineGateResult,
  type CandidateSummary,
  type GateResult,
  type Metric,
  type MetricOf,
  type MetricValue,
  type Summary,
  type SummaryLoad,
  type SweepPoint,
  type ThresholdGateResult,
} from './summary.ts';
export { MANIFEST_SCHEMA_VERSION, ManifestSchema, type Manifest, type Shard } from './manifest.ts';
export type { JudgeDescription, LoadLevel, LoadPattern, RunCacheSettings, RunExecution, StoredRunDescription } from './run-description.ts';
export { ComparisonSchema, type Comparison } from './comparison.ts';
export type { SandboxIsolation } from './sandbox-isolation.ts';
export { checkRunId, RUN_ID_PATTERN, RunIdSchema } from './run-id.ts';
export { formatUsd } from './format-usd.ts';
export { categoriesOf, ofKind } from './metric-access.ts';
export { readManifestFile, readRecordLine, readSummaryFile } from './result-files.ts';
export { canonicalLineOf } from './record-fast-check.ts';
export { readVersioned, storedFormOf, type VersionedFormat } from './read-versioned.ts';

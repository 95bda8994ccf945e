import { MANIFEST_SCHEMA_VERSION, ManifestSchema, type Manifest } from './manifest.ts';
import { readVersioned, type VersionedFormat } from './read-versioned.ts';
import { ResultRecordSchema, type ResultRecord } from './record.ts';
import { isCommonRecord } from './record-fast-check.ts';
import { SUMMARY_SCHEMA_VERSION, SummarySchema, type Summary } from './summary.ts';
import { upgradeSummaryFromV1 } from './summary-v1-upgrade.ts';

/**
 * summary.json. An upgrade from version n is added here (and listed in docs/architecture.md) when
 * version n + 1 is introduced: 1 → 2 gave every metric its `kind`.
 */
export const SUMMARY_FORMAT: VersionedFormat<Summary> = {
  file: 'summary.json',
  current: SUMMARY_SCHEMA_VERSION,
  schema: SummarySchema,
  upgrades: { 1: upgradeSummaryFromV1 },
};

/**
 * manifest.json, versioned like summary.json. Both upgrades are the identity: 1 → 2 added the
 * optional `cloud.judgeRateLimits` (a version 1 cloud run's workers applied each judge's whole
 * limit), 2 → 3 the optional `run.execution.overrides.workers` (`--cloud --concurrency`, which
 * older versions recorded only as `cloud.workers`).
 */
export const MANIFEST_FORMAT: VersionedFormat<Manifest> = {
  file: 'manifest.json',
  current: MANIFEST_SCHEMA_VERSION,
  schema: ManifestSchema,
  upgrades: { 1: (manifest) => manifest, 2: (manifest) => manifest },
};

/** One line of `records/<shard>.jsonl`, versioned and strict like the files (records say `schemaVersion: 1`). */
const RECORD_FORMAT: VersionedFormat<ResultRecord> = { file: 'result record', current: 1, schema: ResultRecordSchema, upgrades: {} };

/** A parsed summary.json, checked against the contract; `where` (its path or URL) leads every message. */
export function readSummaryFile(value: unknown, where: string): Summary {
  return readVersioned(value, where, SUMMARY_FORMAT);
}

/** A parsed manifest.json, checked against the contract. */
export function readManifestFile(value: unknown, where: string): Manifest {
  return readVersioned(value, where, MANIFEST_FORMAT);
}

/**
 * A parsed record line, checked against the contract; `where` is `<shard file>:<line>`, `line` the
 * text it was parsed from (so the record digest can hash it, see record-fast-check.ts).
 */
export function readRecordLine(value: unknown, where: string, line?: string): ResultRecord {
  if (isCommonRecord(value, line)) return value;
  return readVersioned(value, where, RECORD_FORMAT);
}

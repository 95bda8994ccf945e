export { FsResultStore } from './fs-store.ts';
export { runLayout, toJsonLines } from './layout.ts';
export { parseRecordLines, splitShardText } from './parse-records.ts';
export { createS3Client, type S3ConnectionOptions } from './s3-client.ts';
export { S3ResultStore, type S3ResultStoreOptions } from './s3-store.ts';
export { LazyS3ResultStore } from './lazy-s3-store.ts';
export { openResultStore, parseRunLocation, type RunLocation } from './run-location.ts';
export { getObject, getObjectText, isPreconditionFailed, objectExists, putObject, s3Error, SHA256_METADATA_KEY, verifySha256 } from './s3-object-io.ts';
export {
  baselineForOpenedRun,
  baselineForRun,
  isLatestRef,
  registerBaselineSource,
  resolveBaseline,
  type BaselineSource,
  type ResolveBaselineOptions,
} from './baseline-source.ts';
export { openRun, openRunAt, requireSealed, type OpenedRun } from './open-run.ts';
export { acquireRunLock, RUN_LOCK_FILE, type RunLock, type RunLockOwner } from './run-lock.ts';
export { acquireS3RunLock, S3_LOCK_LEASE_MS, type S3RunLockOptions, type S3RunLockOwner } from './s3-run-lock.ts';

import type { ResultRecord } from '../results/index.ts';
import { isPreconditionFailed, objectExists, putObject, runLayout, s3Error, toJsonLines, type S3ResultStore } from '../store/index.ts';

/** Whether a shard's records file is already there (a redriven or duplicate shard then does no work). */
export async function shardWritten(store: S3ResultStore, runId: string, shardId: string): Promise<boolean> {
  return objectExists(store.client, store.bucket, store.key(runLayout.shard(runId, shardId)));
}

/**
 * Writes a shard's records file once, with `If-None-Match: *`: of two deliveries of the same
 * shard (a late duplicate, a redrive racing a slow worker) exactly one write lands and the other
 * is refused by S3, so records never change under a run that is sealing. `exists` for the refused one.
 */
export async function writeShardOnce(store: S3ResultStore, runId: string, shardId: string, records: readonly ResultRecord[]): Promise<'written' | 'exists'> {
  const key = store.key(runLayout.shard(runId, shardId));
  try {
    await putObject(store.client, { bucket: store.bucket, key, body: toJsonLines(records), contentType: 'application/x-ndjson', ifNoneMatch: true });
    return 'written';
  } catch (error) {
    if (isPreconditionFailed(error)) return 'exists';
    throw s3Error('STORE_WRITE', `s3://${store.bucket}/${key}`, 'PutObject', error);
  }
}

import { z } from 'zod';
import { DEFAULT_CLOUD_WORKERS } from '../execution/index.ts';
import { RunIdSchema } from '../results/index.ts';
import { putObject, s3Error } from '../store/index.ts';
import type { CloudDeps } from './cloud-deps.ts';
import { startRun } from './orchestrate.ts';
import { inputLayout } from '../cloud-input/index.ts';

/** The Prepare state's event: the run whose input is already under `runs/<id>/input/`. */
export const PrepareEventSchema = z.object({ runId: RunIdSchema }).strict();

/** What Prepare hands the Distributed Map: where the shard index is, where its results go, and how many shards run at once. */
export interface PreparedCloudRun {
  readonly runId: string;
  readonly bucket: string;
  readonly shardIndexKey: string;
  /** The ResultWriter's prefix (`runs/<id>/map-results`), so the map's own output stays a few hundred bytes. */
  readonly resultPrefix: string;
  readonly maxConcurrency: number;
  readonly items: number;
  readonly shards: number;
}

/** One entry of `shards.json`, the Distributed Map's items. */
export interface ShardIndexEntry {
  readonly id: string;
  readonly start: number;
  readonly size: number;
}

/**
 * Validates and plans a submitted run (every prompt rendered before any model call), writes its
 * manifest once and its shard index. On a redrive the manifest is already there and is reused,
 * so the plan never changes under a run.
 */
export async function prepareCloudRun(deps: CloudDeps, event: unknown): Promise<PreparedCloudRun> {
  const { runId } = PrepareEventSchema.parse(event);
  const { store } = deps;
  const manifest = (await store.readManifest(runId)) ?? (await startRun(deps, runId));
  const index: ShardIndexEntry[] = manifest.plan.shards.map((shard) => ({ id: shard.id, start: shard.start, size: shard.size }));
  const key = store.key(inputLayout.shardIndex(runId));
  try {
    await putObject(store.client, { bucket: store.bucket, key, body: JSON.stringify(index), contentType: 'application/json' });
  } catch (error) {
    throw s3Error('STORE_WRITE', `s3://${store.bucket}/${key}`, 'PutObject', error);
  }
  const maxConcurrency = Math.max(1, Math.min(manifest.cloud?.workers ?? DEFAULT_CLOUD_WORKERS, index.length || 1));
  deps.logger.info('run prepared', { runId, shards: index.length, maxConcurrency });
  return { runId, bucket: store.bucket, shardIndexKey: key, resultPrefix: store.key(inputLayout.mapResults(runId)), maxConcurrency, items: manifest.plan.items, shards: index.length };
}

import { z } from 'zod';
import { RunIdSchema } from '../results/index.ts';
import { aggregateIfComplete, type AggregationOutcome } from './aggregate-run.ts';
import type { CloudDeps } from './cloud-deps.ts';
import { WORKER_ERROR_CODES, writeFailedShard } from './fail-shard.ts';

/** The Seal state's event. */
export const SealEventSchema = z.object({ runId: RunIdSchema }).strict();

/** What Seal did. */
export interface SealOutcome {
  readonly runId: string;
  readonly outcome: AggregationOutcome;
  /** Shards that had no records file when the map ended, written now as error records. */
  readonly filledShards: number;
}

/**
 * The end of a run: every planned shard without a records file (its failure record could not be
 * written either) is written as error records, so every item is accounted for; then the same
 * aggregateRecords as a local run seals it once (signed with the KMS key when one is set) and the
 * run lock is removed.
 */
export async function sealCloudRun(deps: CloudDeps, event: unknown): Promise<SealOutcome> {
  const { runId } = SealEventSchema.parse(event);
  const { store } = deps;
  const manifest = await store.readManifest(runId);
  let filledShards = 0;
  if (manifest && !(await store.readSummary(runId))) {
    const present = new Set(await store.listShards(runId));
    for (const shard of manifest.plan.shards) {
      if (present.has(shard.id)) continue;
      const task = { schemaVersion: 1 as const, runId, shardId: shard.id, start: shard.start, size: shard.size };
      const written = await writeFailedShard(deps, task, { code: WORKER_ERROR_CODES.failed, message: `${shard.id}: no records when the map ended (its worker and its failure record both failed)` });
      if (written.status === 'error-shard-written') filledShards++;
    }
  }
  const outcome = await aggregateIfComplete(deps, runId);
  if (outcome === 'sealed' || outcome === 'already-sealed') await store.removeRunLock(runId);
  return { runId, outcome, filledShards };
}

import { workItemAt, type Plan } from '../engine/index.ts';
import type { RecordError, Shard } from '../results/index.ts';
import { WORKER_ERROR_CODES } from './fail-shard.ts';

/** A pairwise scorer of the run and the candidate of the run it judges against. */
interface PairwiseBaseline {
  readonly scorer: string;
  readonly candidate: string;
}

/**
 * The items of a shard that a pairwise scorer would judge without a baseline: those whose
 * baseline candidate's answer to the same sample and repeat lies in another shard, which only a
 * manifest written before Prepare cut shards at whole samples (`wholeSampleShardSize`) can hold.
 * A worker sees only its shard, so such an item is recorded as this error rather than run and
 * left unscored; the whole samples of the shard still run. By plan index.
 */
export function itemsWithoutBaseline(plan: Plan, shard: Shard, baselines: readonly PairwiseBaseline[]): Map<number, RecordError> {
  const missing = new Map<number, RecordError>();
  if (baselines.length === 0) return missing;
  const items = Array.from({ length: shard.size }, (_, offset) => workItemAt(plan, shard.start + offset));
  const key = (sampleIndex: number, candidate: string, repeat: number) => `${sampleIndex}|${candidate}|${repeat}`;
  const inShard = new Set(items.map((item) => key(item.sampleIndex, item.candidate, item.repeat)));
  for (const item of items) {
    const absent = baselines.find(({ candidate }) => candidate !== item.candidate && !inShard.has(key(item.sampleIndex, candidate, item.repeat)));
    if (!absent) continue;
    // One message per scorer (the record names the sample), so the summary's error causes group them.
    missing.set(item.index, {
      code: WORKER_ERROR_CODES.splitSample,
      message:
        `not run: scorer "${absent.scorer}" judges it against candidate "${absent.candidate}", whose answer to the same sample and repeat ` +
        `is in another shard; this run's manifest splits samples across shards (written by an older Prepare), prepare the run again to judge them`,
    });
  }
  return missing;
}

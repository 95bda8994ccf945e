import { z } from 'zod';
import { RunIdSchema as RunId } from '../results/index.ts';

/** One shard of one run, as the shard index lists it and the map hands it to a worker. */
export const ShardTaskSchema = z
  .object({
    schemaVersion: z.literal(1),
    runId: RunId,
    shardId: z.string().regex(/^shard-\d{5,}$/),
    start: z.number().int().nonnegative(),
    size: z.number().int().positive(),
  })
  .strict();
export type ShardTask = z.infer<typeof ShardTaskSchema>;

/**
 * The worker's event from the state machine: a shard to run, or (from the map's Catch, with
 * `failure` set) a shard whose worker kept failing, to be written as error records.
 */
export const WorkerEventSchema = ShardTaskSchema.extend({
  failure: z.object({ error: z.string(), cause: z.string().nullish() }).strict().optional(),
}).strict();

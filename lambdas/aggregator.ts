/** Aggregator Lambda: S3 ObjectCreated under `records/` → summary.json once every planned shard is there. */
import { createAggregatorHandler, lazyDeps } from '../lib/cloud/index.ts';

export const handler = createAggregatorHandler(lazyDeps('verdict-aggregator'));

/** Prepare Lambda (first state of the run workflow): `{ runId }` → manifest + shards.json + the map's width. */
import { createPrepareHandler, lazyDeps } from '../lib/cloud-lambda/index.ts';

export const handler = createPrepareHandler(lazyDeps('verdict-prepare'));

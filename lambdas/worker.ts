/** Worker Lambda: one shard → `runs/<id>/records/<shard>.jsonl`. API keys from Secrets Manager at cold start. */
import { createWorkerHandler, lazyDeps } from '../lib/cloud-lambda/index.ts';

export const handler = createWorkerHandler(lazyDeps('verdict-worker'));

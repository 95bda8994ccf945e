/** Failure handler Lambda: SQS on-failure destination records → error shards, so every run completes. */
import { createFailureHandler, lazyDeps } from '../lib/cloud/index.ts';

export const handler = createFailureHandler(lazyDeps('verdict-failure-handler'));

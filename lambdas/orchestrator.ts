/** Orchestrator Lambda: `{ runId }` → manifest + one async worker invocation per shard. */
import { createOrchestratorHandler, lazyDeps } from '../lib/cloud/index.ts';

export const handler = createOrchestratorHandler(lazyDeps('verdict-orchestrator'));

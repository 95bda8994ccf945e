/** Seal Lambda (last state of the run workflow): `{ runId }` → summary.json once, signed with the stack's KMS key. */
import { createSealHandler, lazyDeps } from '../lib/cloud-lambda/index.ts';

export const handler = createSealHandler(lazyDeps('verdict-seal'));

import { z } from 'zod';
import { VerdictError } from '../errors/index.ts';

/**
 * The one rule for run ids, local and in the cloud: a run id names a folder and an S3 key
 * segment, so it is letters, digits, ".", "_" and "-", starts with a letter or digit (never ".",
 * ".." or an option-like "-x"), holds no slash, space or newline, and is at most 200 characters.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

const RUN_ID_RULE = 'use 1 to 200 letters, digits, ".", "_" and "-", starting with a letter or digit';

/** The run-id rule as a zod schema (Lambda events). */
export const RunIdSchema = z.string().regex(RUN_ID_PATTERN, RUN_ID_RULE);

/** Throws USAGE naming `where` (e.g. `--run-id`) unless `runId` follows {@link RUN_ID_PATTERN}. */
export function checkRunId(runId: string, where: string): string {
  if (!RUN_ID_PATTERN.test(runId)) {
    throw new VerdictError('USAGE', `${where} ${JSON.stringify(runId)}: not a valid run id; ${RUN_ID_RULE}`, { context: { runId } });
  }
  return runId;
}

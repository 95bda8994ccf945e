/**
 * The result-set layout, in one place. The same relative keys serve a folder and an S3 prefix:
 *
 * ```
 * <run-id>/manifest.json
 * <run-id>/records/<shard>.jsonl
 * <run-id>/summary.json
 * <run-id>/run.lock          (only while a writer holds the run)
 * ```
 */
export const runLayout = {
  manifest: (runId: string) => `${runId}/manifest.json`,
  recordsPrefix: (runId: string) => `${runId}/records/`,
  shard: (runId: string, shardId: string) => `${runId}/records/${shardId}.jsonl`,
  summary: (runId: string) => `${runId}/summary.json`,
  lock: (runId: string) => `${runId}/run.lock`,
  /** Shard id from a records key's file name, or null for anything else. */
  shardIdOf: (fileName: string) => (fileName.endsWith('.jsonl') ? fileName.slice(0, -'.jsonl'.length) : null),
} as const;

/** Serialises records as JSON Lines, each line ending in "\n". */
export function toJsonLines(records: readonly unknown[]): string {
  let out = '';
  for (const record of records) out += `${JSON.stringify(record)}\n`;
  return out;
}

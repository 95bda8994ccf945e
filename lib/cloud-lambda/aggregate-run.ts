import type { ResultStore } from '../ports/index.ts';
import { aggregateRecords, runDescriptionOf, signSummaryWith } from '../engine/index.ts';
import { isVerdictError } from '../errors/index.ts';
import type { BaselineInput } from '../gate/index.ts';
import type { Manifest, ResultRecord } from '../results/index.ts';
import { baselineForRun } from '../store/index.ts';
import type { CloudDeps } from './cloud-deps.ts';

/** What aggregating a run found (Seal). */
export type AggregationOutcome = 'sealed' | 'already-sealed' | 'waiting' | 'no-manifest';

/**
 * Seals a run once every planned shard has its records file: runs the same `aggregateRecords`
 * as a local run and writes summary.json once. Safe to call any number of times, concurrently
 * too: a second writer gets RUN_SEALED (If-None-Match on S3) and reports `already-sealed`; and
 * since the summary depends only on the records (its `finishedAt` is the last record's), two
 * racing writers on a server without conditional writes still write the same bytes.
 */
export async function aggregateIfComplete(deps: Pick<CloudDeps, 'store' | 'clock' | 'logger' | 'signer'>, runId: string): Promise<AggregationOutcome> {
  const { store, logger } = deps;
  const manifest = await store.readManifest(runId);
  if (!manifest) return 'no-manifest';
  if (await store.readSummary(runId)) return 'already-sealed';
  const present = new Set(await store.listShards(runId));
  const missing = manifest.plan.shards.filter((shard) => !present.has(shard.id)).length;
  if (missing > 0) {
    logger.info('waiting for shards', { runId, missing, shards: manifest.plan.shards.length });
    return 'waiting';
  }
  let finishedAt = '';
  async function* tracked(): AsyncIterable<ResultRecord> {
    for await (const record of store.readRecords(runId)) {
      if (record.finishedAt > finishedAt) finishedAt = record.finishedAt;
      yield record;
    }
  }
  const aggregated = await aggregateRecords(tracked(), manifest, { baseline: await cloudBaseline(store, manifest), exactPlan: true });
  // Deterministic: the last record's finish time, not "now", so concurrent Seals write identical bytes.
  const unsigned = { ...aggregated, ...(finishedAt !== '' && { finishedAt }) };
  const summary = deps.signer ? await signSummaryWith(unsigned, deps.signer) : unsigned;
  try {
    await store.writeSummary(summary);
  } catch (error) {
    if (isVerdictError(error, 'RUN_SEALED')) return 'already-sealed';
    throw error;
  }
  logger.info('run sealed', { runId, passed: summary.passed });
  return 'sealed';
}

/**
 * The baseline of a cloud run's baseline gates: `latest` (the newest earlier passing run of the
 * same spec in this bucket; `latest-sealed` any sealed one) or an `s3://` run. A folder cannot be read from a Lambda, so such
 * gates report the baseline as missing; `verdict gate s3://... --baseline <dir>` evaluates them.
 */
async function cloudBaseline(store: ResultStore, manifest: Manifest): Promise<BaselineInput | undefined> {
  // No specDir: a Lambda has no folders to read.
  return baselineForRun({ run: runDescriptionOf(manifest), store, specName: manifest.spec.name, runId: manifest.runId, createdBefore: manifest.createdAt });
}

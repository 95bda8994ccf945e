import { randomUUID } from 'node:crypto';
import { VerdictError } from '../errors/index.ts';
import type { ResultStore } from '../ports/index.ts';
import { verifyRun } from '../run/index.ts';
import { openResultStore } from '../store/index.ts';
import { collectRun, type ChunkSink } from './collect-run.ts';
import { REPORT_DATA_VERSION, type ReportIndex, type ReportRun } from './report-data.ts';

/** Options of {@link buildReportIndex}. */
export interface BuildIndexOptions {
  /** Folder of result sets (each run in `<dir>/<run-id>/`), one run folder, or an `s3://bucket/prefix/` of runs. */
  readonly resultsDir: string;
  /** Read runs from this store instead of opening `resultsDir` (e.g. a cloud run's S3 store). */
  readonly store?: ResultStore;
  readonly sink: ChunkSink;
  /** Set by `verdict serve` so the page offers a reload when the runs change. */
  readonly live?: boolean;
  readonly now?: () => Date;
}

/**
 * Reads every run under `resultsDir` (a folder or an S3 prefix) and returns the overview data,
 * writing each run's sample rows to the sink. Newest run first. A run without summary.json is
 * listed as incomplete (its records still show), so a crashed run can be inspected too.
 */
export async function buildReportIndex(options: BuildIndexOptions): Promise<ReportIndex> {
  const { store, runId: onlyRun } = options.store ? { store: options.store, runId: undefined } : openResultStore(options.resultsDir);
  const runIds = onlyRun ? [onlyRun] : await store.listRuns();
  if (runIds.length === 0) {
    throw new VerdictError(
      'RUN_NOT_FOUND',
      `${options.resultsDir}: no result sets found (expected folders with a manifest.json); run \`verdict run <spec.yaml> --out ${options.resultsDir}\` first`,
    );
  }
  const runs: ReportRun[] = [];
  for (const [index, runId] of runIds.entries()) {
    const manifest = await store.readManifest(runId);
    if (!manifest) continue;
    const summary = await store.readSummary(runId);
    const collected = await collectRun({ runId, key: `r${index}`, manifest, summary, records: store.readRecords(runId) }, options.sink);
    // The report never shows a forged result as sealed: each sealed run is verified from its records first.
    const verification = summary ? await verifyRun({ store, runId, location: store.locate(runId), manifest, summary }, summary) : null;
    runs.push(verification && !verification.intact ? { ...collected, status: 'tampered', problems: verification.problems } : collected);
  }
  runs.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt) || b.runId.localeCompare(a.runId));
  return {
    reportDataVersion: REPORT_DATA_VERSION,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    buildId: randomUUID(),
    live: options.live ?? false,
    runs,
  };
}

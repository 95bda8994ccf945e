import { RunWatcher, waitForRun } from '../../lib/cloud/index.ts';
import { VerdictError } from '../../lib/errors/index.ts';
import { parseRunLocation } from '../../lib/store/index.ts';
import { formatSummaryTable } from '../output/summary-table.ts';
import { progressLine } from './cloud-run.ts';
import { resolveCloudTarget, type CloudOptions } from './cloud-target.ts';

/** Options of `verdict cloud status`. */
export interface CloudStatusOptions extends CloudOptions {
  wait?: boolean;
  waitTimeout?: number;
  pollMs?: number;
  json?: boolean;
}

/**
 * `verdict cloud status <run>` (a run id, or `s3://bucket/runs/<id>`): shards done / total,
 * items and errors; for a sealed run the summary table, with the gates' exit code (0 pass,
 * 1 a gate failed). A run still going exits 0 unless `--wait` follows it to the end.
 */
export async function cloudStatusCommand(run: string, options: CloudStatusOptions): Promise<number> {
  const location = run.startsWith('s3://') ? parseRunLocation(run) : undefined;
  const target = await resolveCloudTarget(location?.kind === 's3' ? { ...options, bucket: location.bucket } : options);
  const runId = location?.kind === 's3' ? location.runId : run;
  if (!runId) throw new VerdictError('USAGE', `${run}: expected a run id or s3://bucket/runs/<run-id>`);
  const manifest = await target.store.readManifest(runId);
  if (!manifest) throw new VerdictError('RUN_NOT_FOUND', `${target.store.locate(runId)}: no such run (no manifest.json)`);
  const watcher = new RunWatcher(target.store, manifest);
  let { progress, summary } = await watcher.progress();
  if (!summary && options.wait) {
    summary = await waitForRun(watcher, {
      pollMs: options.pollMs ?? (Number(process.env.VERDICT_POLL_MS) || 2000),
      timeoutMs: (options.waitTimeout ?? 3600) * 1000,
      onProgress: progressLine,
    });
    ({ progress } = await watcher.progress());
  }
  progressLine(progress);
  if (summary) process.stderr.write(`\n${formatSummaryTable(summary)}\n`);
  process.stdout.write(options.json ? `${JSON.stringify({ ...progress, location: target.store.locate(runId), ...(summary && { passed: summary.passed }) })}\n` : `${target.store.locate(runId)}\n`);
  return summary && !summary.passed ? 1 : 0;
}

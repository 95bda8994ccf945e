import {
  executionArnOf,
  readExecutionProgress,
  redriveRunExecution,
  stopRunExecution,
  waitForExecution,
  type ExecutionProgress,
} from '../../lib/cloud-client/index.ts';
import { VerdictError } from '../../lib/errors/index.ts';
import type { Summary } from '../../lib/results/index.ts';
import { parseRunLocation } from '../../lib/store/index.ts';
import { formatSummaryTable } from '../output/summary-table.ts';
import { resolveCloudTarget, type CloudOptions, type CloudTarget } from './cloud-target.ts';

/** Options of `verdict cloud status` and `verdict cloud resume`. */
export interface CloudStatusOptions extends CloudOptions {
  wait?: boolean;
  waitTimeout?: number;
  pollMs?: number;
  json?: boolean;
}

/** One progress line on stderr: shards done / total from the map run, and the execution's status. */
export function progressLine(progress: ExecutionProgress): void {
  const done = progress.shardsSucceeded + progress.shardsFailed;
  process.stderr.write(
    `progress: ${done}/${progress.shardsTotal} shards${progress.shardsFailed > 0 ? ` (${progress.shardsFailed} failed)` : ''}, ${progress.status.toLowerCase()}` +
      `${progress.error ? ` (${progress.error})` : ''}\n`,
  );
}

/**
 * `verdict cloud status <run>` (a run id, or `s3://bucket/runs/<id>`): the execution's status and
 * its map run's shard counts (no shard downloads); for a sealed run the summary table, with the
 * gates' exit code (0 pass, 1 a gate failed). A run still going exits 0 unless `--wait` follows
 * it to the end; a run that failed or was cancelled exits 3 and says how to resume it.
 */
export async function cloudStatusCommand(run: string, options: CloudStatusOptions): Promise<number> {
  const { target, runId } = await runTarget(run, options);
  return reportRun(target, runId, options);
}

/** `verdict cloud resume <run>`: redrives the run's execution (only unfinished shards run again). */
export async function cloudResumeCommand(run: string, options: CloudStatusOptions): Promise<number> {
  const { target, runId } = await runTarget(run, options);
  await redriveRunExecution(target.sfn, executionArnOf(target.stateMachine!, runId), runId);
  process.stderr.write(`verdict: run ${runId} resumed: the shards that did not finish run again\n`);
  return reportRun(target, runId, options);
}

/** `verdict cloud cancel <run>`: stops the run's execution. */
export async function cloudCancelCommand(run: string, options: CloudOptions): Promise<number> {
  const { target, runId } = await runTarget(run, options);
  await stopRunExecution(target.sfn, executionArnOf(target.stateMachine!, runId), runId, 'cancelled with `verdict cloud cancel`');
  process.stderr.write(`verdict: run ${runId} cancelled; resume it with \`verdict cloud resume ${runId}\`\n`);
  process.stdout.write(`${target.store.locate(runId)}\n`);
  return 0;
}

async function runTarget(run: string, options: CloudOptions): Promise<{ target: CloudTarget; runId: string }> {
  const location = run.startsWith('s3://') ? parseRunLocation(run) : undefined;
  const target = await resolveCloudTarget(location?.kind === 's3' ? { ...options, bucket: location.bucket } : options, { stateMachine: true });
  const runId = location?.kind === 's3' ? location.runId : run;
  if (!runId) throw new VerdictError('USAGE', `${run}: expected a run id or s3://bucket/runs/<run-id>`);
  if (!target.stateMachine) throw new VerdictError('USAGE', 'no run state machine; pass --state-machine or --stack');
  return { target, runId };
}

/** Reads (or with `wait` follows) a run and reports it; the exit code of `status` and `resume`. */
export async function reportRun(target: CloudTarget, runId: string, options: CloudStatusOptions & { quiet?: boolean; jsonSummary?: boolean }): Promise<number> {
  const executionArn = executionArnOf(target.stateMachine!, runId);
  const progress = options.wait
    ? await waitForExecution(target.sfn, executionArn, runId, {
        pollMs: options.pollMs ?? (Number(process.env.VERDICT_POLL_MS) || 2000),
        timeoutMs: (options.waitTimeout ?? 3600) * 1000,
        onProgress: options.quiet ? () => {} : progressLine,
      })
    : await readExecutionProgress(target.sfn, executionArn, runId);
  if (!options.wait) progressLine(progress);
  const summary = progress.status === 'SUCCEEDED' ? await target.store.readSummary(runId) : null;
  if (summary) process.stderr.write(`\n${formatSummaryTable(summary)}\n`);
  const location = target.store.locate(runId);
  // `run --cloud --json` prints the summary, as a local run does; `status --json` the progress.
  const json = options.jsonSummary && summary ? JSON.stringify(summary, null, 2) : JSON.stringify({ ...progress, location, ...(summary && { passed: summary.passed }) });
  process.stdout.write(options.json ? `${json}\n` : `${location}\n`);
  return exitCodeOf(progress, summary);
}

/** 0 running or passed, 1 a gate failed, 3 failed / cancelled / timed out (resume it). */
export function exitCodeOf(progress: ExecutionProgress, summary: Summary | null): number {
  if (summary) return summary.passed ? 0 : 1;
  if (progress.status === 'RUNNING' || progress.status === 'PENDING_REDRIVE') return 0;
  const why = [progress.error, progress.cause].filter(Boolean).join(': ');
  throw new VerdictError(
    'RUN_INCOMPLETE',
    `run ${progress.runId}: execution ${progress.status}${why ? ` (${why})` : ''}; resume it with \`verdict cloud resume ${progress.runId}\``,
  );
}

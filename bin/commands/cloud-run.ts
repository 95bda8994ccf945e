import { startRunExecution, submitRunInput } from '../../lib/cloud-client/index.ts';
import { loadDataset } from '../../lib/datasets/index.ts';
import { VerdictError } from '../../lib/errors/index.ts';
import { checkRunId, type LoadPattern } from '../../lib/results/index.ts';
import { prepareRun } from '../../lib/run/index.ts';
import { assertCodeExecutionAllowed } from '../../lib/sandbox/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { plural } from '../output/failure-digest.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReportSite } from '../../lib/report/index.ts';
import { createS3Client } from '../../lib/store/index.ts';
import { publishSite } from './cloud-publish.ts';
import { reportRun } from './cloud-status.ts';
import { resolveCloudTarget, type CloudOptions, type CloudTarget } from './cloud-target.ts';
import { newRunId, type RunCommandOptions } from './run.ts';

/** Options of `verdict run --cloud`. */
export interface CloudRunOptions extends RunCommandOptions, CloudOptions {
  /** false with --no-wait: start the run and return. */
  wait?: boolean;
  /** Seconds to wait for the run to seal. Default 3600. */
  waitTimeout?: number;
  /** Milliseconds between progress polls. Default 2000 (env VERDICT_POLL_MS). */
  pollMs?: number;
  /** --publish: rebuild and publish the report site after the run (opt-in: it shows every prompt and output). */
  publish?: boolean;
}

/**
 * `verdict run <spec> --cloud`: validates the spec and dataset locally (exit 2 before anything
 * is uploaded), uploads them to `runs/<id>/input/`, starts the run's Step Functions execution
 * (named after the run id), follows its map run's shard counts, then prints the same table and
 * applies the same gates and exit code as a local run. `--concurrency` is the number of shards in
 * flight (the map's MaxConcurrency, recorded in the manifest as `cloud.workers`). With
 * `--publish`, the report over every run in the bucket is rebuilt and published.
 */
export async function runCloudCommand(specPath: string, options: CloudRunOptions & { candidates?: string }): Promise<number> {
  if (options.candidates !== undefined) {
    // The workers re-read the uploaded spec; candidates from another file would not reach them.
    throw new VerdictError('USAGE', '--cloud: --candidates is not supported yet; add the candidates to a copy of the spec');
  }
  const loaded = await loadEvalSpec(specPath);
  // The workers read the opt-in from the uploaded spec, so a cloud run needs it there (not a flag).
  assertCodeExecutionAllowed(loaded.spec, loaded.path);
  const datasetSpec = options.limit ? { ...loaded.spec.dataset, limit: options.limit } : loaded.spec.dataset;
  const dataset = await loadDataset(datasetSpec, loaded.baseDir);
  const prepared = prepareRun(loaded, dataset, { candidateIds: options.candidate });
  refuseLocalOnlyOptions(prepared.run.load, options);
  const target = await resolveCloudTarget(options, { stateMachine: true });
  if (!target.stateMachine) throw new VerdictError('USAGE', '--cloud: no run state machine; pass --state-machine or --stack');
  const runId = checkRunId(options.runId ?? newRunId(loaded.spec.name), '--run-id');
  if (await target.store.readManifest(runId)) {
    throw new VerdictError('USAGE', `run "${runId}" already exists at ${target.store.locate(runId)}; use \`verdict cloud status ${runId}\` or a new --run-id`);
  }
  await submitRunInput({
    store: target.store,
    runId,
    loaded,
    dataset,
    candidateIds: options.candidate,
    limit: options.limit,
    noCache: options.cache === false,
    ...(options.concurrency !== undefined && { workers: options.concurrency }),
    env: process.env,
    now: new Date().toISOString(),
  });
  await startRunExecution(target.sfn, target.stateMachine, runId);
  const location = target.store.locate(runId);
  process.stderr.write(
    `verdict: ${loaded.spec.name}: ${plural(dataset.samples.length, 'sample')} × ${plural(prepared.candidates.length, 'candidate')} × ${plural(prepared.plan.repeats, 'repeat')} = ` +
      `${plural(prepared.plan.items, 'item')} → ${location}\n`,
  );
  if (options.wait === false) {
    process.stdout.write(`${location}\n`);
    return 0;
  }
  if (!options.publish) return reportRun(target, runId, { ...options, wait: true, jsonSummary: true });
  // Published after the table, before the exit code: the report includes this run.
  const code = await reportRun(target, runId, { ...options, wait: true, jsonSummary: true });
  if (!target.reportBucket) throw new VerdictError('USAGE', '--publish: no report bucket; pass --report-bucket or --stack');
  await publishReport(target, target.reportBucket);
  return code;
}

/** Rebuilds the report over every run in the bucket and publishes it to the report site. */
async function publishReport(target: CloudTarget, reportBucket: string): Promise<void> {
  const siteDir = await mkdtemp(join(tmpdir(), 'verdict-site-'));
  try {
    await writeReportSite({ resultsDir: target.store.locate(''), outDir: siteDir, store: target.store });
    await publishSite(siteDir, { client: createS3Client(target.s3), bucket: reportBucket });
    process.stderr.write(`report: ${target.reportUrl ?? `s3://${reportBucket}/index.html`}\n`);
  } finally {
    await rm(siteDir, { recursive: true, force: true });
  }
}

/**
 * What the Lambda workers do not do (yet): load patterns (each worker runs its shard at its own
 * concurrency, so rates and sweep levels would be mislabelled) and the release outputs that
 * `verdict gate s3://...` writes for a sealed cloud run.
 */
function refuseLocalOnlyOptions(load: LoadPattern, options: CloudRunOptions): void {
  const loadKeys = [
    load.sweepOver === undefined && load.levels[0]!.mode === 'open' && 'execution.rate',
    load.sweepOver !== undefined && 'execution.sweep',
    load.warmup > 0 && 'execution.warmup',
  ].filter(Boolean);
  if (loadKeys.length > 0) {
    throw new VerdictError('USAGE', `--cloud: ${loadKeys.join(', ')} need one load generator; run latency benchmarks locally (without --cloud)`);
  }
  if (options.cacheDir !== undefined) {
    throw new VerdictError('USAGE', "--cloud: --cache-dir names a local folder; the workers share the stack's S3 cache (docs/aws.md). Use --no-cache to skip it");
  }
  if (options.signKey) {
    throw new VerdictError('USAGE', '--cloud: --sign-key names a local key file; a cloud run is sealed by the Seal function and signed there with the stack\'s KMS key (docs/audit.md)');
  }
  const flags = [options.baseline && '--baseline', options.junit && '--junit', options.markdown && '--markdown'].filter(Boolean);
  if (flags.length > 0) {
    throw new VerdictError('USAGE', `--cloud: ${flags.join(', ')} apply to a sealed run; use \`verdict gate s3://<bucket>/runs/<id> ${flags.join(' ')} ...\` after it`);
  }
}

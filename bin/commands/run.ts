import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { signSummary, describeBudgetStop } from '../../lib/engine/index.ts';
import { isVerdictError, VerdictError } from '../../lib/errors/index.ts';
import { checkRunId, SUMMARY_SCHEMA_VERSION } from '../../lib/results/index.ts';
import { loadDataset } from '../../lib/datasets/index.ts';
import { createProgressReporter, localExecutor } from '../../lib/local/index.ts';
import { prepareRun } from '../../lib/run/index.ts';
import { resolveRunCache } from '../../lib/execution/index.ts';
import { systemClock } from '../../lib/providers/index.ts';
import { assertCodeExecutionAllowed, createRunSandbox, describeMissingIsolation } from '../../lib/sandbox/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { baselineForRun, FsResultStore } from '../../lib/store/index.ts';
import { runExitCode } from '../output/exit-code.ts';
import { coloursFor } from '../output/colour.ts';
import { plural } from '../output/failure-digest.ts';
import { formatSummaryTable } from '../output/summary-table.ts';
import { describeBaseline, writeReleaseOutputs } from './release-outputs.ts';
import { boundHeapGrowth } from './heap-growth.ts';

/** Options of `verdict run`, as commander parses them. */
export interface RunCommandOptions {
  out: string;
  runId?: string;
  candidate?: string[];
  /** A YAML file of candidates added to the spec's (paths relative to that file). */
  candidates?: string;
  limit?: number;
  concurrency?: number;
  resume?: boolean;
  quiet?: boolean;
  json?: boolean;
  /** Baseline run of baseline gates (overrides the spec's `baseline:`). */
  baseline?: string;
  junit?: string;
  markdown?: string;
  /** `--max-cost`: overrides execution.maxCostUsd. */
  maxCost?: number;
  /** false with `--no-cache`. */
  cache?: boolean;
  cacheDir?: string;
  /** Opt-in to running model output (the `code` scorer), like `execution.allowCodeExecution`. */
  allowCodeExecution?: boolean;
  /** PEM file of an Ed25519 private key that signs the seal. */
  signKey?: string;
}

/** A sortable, time-based run id: `20261128-142501-capitals-demo-3fa9`. */
export function newRunId(specName: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${specName}-${randomBytes(2).toString('hex')}`;
}

/**
 * `verdict run <spec>`: validates everything, runs locally, writes the result set and prints
 * the summary table on stderr; stdout gets the result-set path (or summary.json with --json).
 * Returns the exit code: 0 every gate passed, 1 a gate failed.
 */
export async function runCommand(specPath: string, options: RunCommandOptions): Promise<number> {
  boundHeapGrowth();
  if (options.resume && !options.runId) {
    process.stderr.write('verdict run: --resume needs the --run-id of the run to finish\n');
    return 2;
  }
  if (options.runId !== undefined) checkRunId(options.runId, '--run-id');
  await checkOutFolder(options.out);
  const signingKeyPem = options.signKey === undefined ? undefined : await readSigningKey(options.signKey);
  const loaded = await loadEvalSpec(specPath, process.env, { candidatesFile: options.candidates });
  assertCodeExecutionAllowed(loaded.spec, loaded.path, options.allowCodeExecution);
  const datasetSpec = options.limit ? { ...loaded.spec.dataset, limit: options.limit } : loaded.spec.dataset;
  const dataset = await loadDataset(datasetSpec, loaded.baseDir);
  const sandbox = await createRunSandbox(loaded.spec, dataset.samples);
  const isolationWarning = describeMissingIsolation(sandbox);
  if (isolationWarning) process.stderr.write(`verdict: ${isolationWarning}\n`);
  const prepared = prepareRun(loaded, dataset, { candidateIds: options.candidate, sandbox, overrides: { concurrency: options.concurrency, maxCostUsd: options.maxCost, ...(options.cache === false && { cache: false }), cacheDir: options.cacheDir } });
  const runId = options.runId ?? newRunId(loaded.spec.name);
  checkRunId(runId, '--run-id');
  const store = new FsResultStore(options.out);
  process.stderr.write(
    `verdict: ${loaded.spec.name}: ${plural(dataset.samples.length, 'sample')} × ${plural(prepared.candidates.length, 'candidate')} × ` +
      `${plural(prepared.plan.repeats, 'repeat')} = ${plural(prepared.plan.items, 'item')} → ${store.locate(runId)}\n`,
  );
  const baseline = await baselineForRun({
    run: prepared.run,
    ...(options.baseline !== undefined && { flag: options.baseline }),
    specDir: loaded.baseDir,
    store,
    specName: loaded.spec.name,
    runId,
  });
  const baselineLine = describeBaseline(baseline);
  if (baselineLine) process.stderr.write(`${baselineLine}\n`);
  // describeRun always records the cache settings, with --no-cache / --cache-dir applied.
  const cache = resolveRunCache(prepared.run.cache!, loaded.baseDir);
  const result = await runUntilStopped(prepared.run.execution.timeoutMs, () => resumeCommand(specPath, runId, options), (signal) =>
    localExecutor({
      signal,
      cache,
      baseline,
      store,
      resume: options.resume,
      releaseDataset: true,
      env: process.env,
      clock: systemClock,
      progress: createProgressReporter({ quiet: options.quiet }),
      ...(signingKeyPem !== undefined && { signingKeyPem }),
    }).execute(prepared, runId),
  );
  if (result === null) return 3;
  const { summary, location, budgetStop } = result;
  process.stderr.write(`\n${formatSummaryTable(summary, coloursFor(process.stderr))}\n\nresult set: ${location}\n`);
  await writeReleaseOutputs(summary, options);
  process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${location}\n`);
  if (budgetStop) {
    process.stderr.write(`verdict: the run could not complete: ${describeBudgetStop(budgetStop)}; raise the budget or --limit the samples\n`);
    return 3;
  }
  const exit = runExitCode(summary);
  if (exit.reason) process.stderr.write(`verdict: the run could not complete: ${exit.reason}\n`);
  return exit.code;
}

async function readSigningKey(path: string): Promise<string> {
  const pem = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new VerdictError('USAGE', `--sign-key ${path}: cannot read (${(error as Error).message})`, { cause: error });
  });
  // Fail before any model is called, not at the seal.
  signSummary({ schemaVersion: SUMMARY_SCHEMA_VERSION, runId: 'check', spec: { name: 'check', sha256: '' }, dataset: { sha256: '', count: 0 }, candidates: {}, gates: [], passed: true }, pem, `--sign-key ${path}`);
  return pem;
}

/** `--out` must be a folder (or not exist yet): a file there would fail late with a raw ENOTDIR. */
async function checkOutFolder(out: string): Promise<void> {
  const info = await stat(out).catch(() => null);
  if (info && !info.isDirectory()) {
    throw new VerdictError('USAGE', `--out ${out}: is a file, not a folder; --out names the folder that holds result sets (default results)`, { context: { path: out } });
  }
}

/**
 * Runs under SIGINT/SIGTERM handlers; null when a signal stopped the run (after printing the
 * command that resumes it).
 */
async function runUntilStopped<T>(timeoutMs: number, resume: () => string, run: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
  const stop = stopOnSignals(timeoutMs);
  try {
    return await run(stop.signal);
  } catch (error) {
    if (!isVerdictError(error, 'RUN_INTERRUPTED')) throw error;
    process.stderr.write(`\nverdict: ${error.message}. Resume it with:\n  ${resume()}\n`);
    return null;
  } finally {
    stop.dispose();
  }
}

/**
 * SIGINT/SIGTERM stop the run gracefully: no new item starts, items in flight finish or time
 * out, and the run is left unsealed for --resume. A second signal exits at once.
 */
function stopOnSignals(timeoutMs: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(name === 'SIGINT' ? 130 : 143);
    process.stderr.write(`\nverdict: ${name}: stopping; no new items start, those in flight finish or time out (up to ${timeoutMs} ms). Send it again to quit at once.\n`);
    controller.abort(new Error(name));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The exact command that finishes an interrupted run: same spec, out, candidates and limit. */
export function resumeCommand(specPath: string, runId: string, options: Pick<RunCommandOptions, 'out' | 'candidate' | 'limit'>): string {
  const args = ['verdict', 'run', specPath, '--run-id', runId, '--resume'];
  if (options.out !== 'results') args.push('--out', options.out);
  for (const candidate of options.candidate ?? []) args.push('--candidate', candidate);
  if (options.limit !== undefined) args.push('--limit', String(options.limit));
  return args.map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

import { randomBytes } from 'node:crypto';
import { loadDataset } from '../../lib/datasets/index.ts';
import { createProgressReporter, prepareRun, runLocal } from '../../lib/executors/index.ts';
import { systemClock } from '../../lib/providers/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { FsResultStore } from '../../lib/store/index.ts';
import { runExitCode } from '../output/exit-code.ts';
import { coloursFor } from '../output/colour.ts';
import { plural } from '../output/failure-digest.ts';
import { formatSummaryTable } from '../output/summary-table.ts';
import { baselineFor, describeBaseline, writeReleaseOutputs } from './release-outputs.ts';

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
  if (options.resume && !options.runId) {
    process.stderr.write('verdict run: --resume needs the --run-id of the run to finish\n');
    return 2;
  }
  const loaded = await loadEvalSpec(specPath, process.env, { candidatesFile: options.candidates });
  const datasetSpec = options.limit ? { ...loaded.spec.dataset, limit: options.limit } : loaded.spec.dataset;
  const dataset = await loadDataset(datasetSpec, loaded.baseDir);
  const prepared = prepareRun(loaded, dataset, { candidateIds: options.candidate });
  const runId = options.runId ?? newRunId(loaded.spec.name);
  const store = new FsResultStore(options.out);
  process.stderr.write(
    `verdict: ${loaded.spec.name}: ${plural(dataset.samples.length, 'sample')} × ${plural(prepared.candidates.length, 'candidate')} × ` +
      `${plural(prepared.plan.repeats, 'repeat')} = ${plural(prepared.plan.items, 'item')} → ${store.locate(runId)}\n`,
  );
  const baseline = await baselineFor({
    flag: options.baseline,
    specRef: loaded.spec.baseline,
    specDir: loaded.baseDir,
    gates: loaded.spec.gates,
    store,
    specName: loaded.spec.name,
    runId,
  });
  const baselineLine = describeBaseline(baseline);
  if (baselineLine) process.stderr.write(`${baselineLine}\n`);
  const { summary, location } = await runLocal({
    baseline,
    prepared,
    store,
    runId,
    resume: options.resume,
    concurrency: options.concurrency,
    env: process.env,
    clock: systemClock,
    progress: createProgressReporter({ quiet: options.quiet }),
  });
  process.stderr.write(`\n${formatSummaryTable(summary, coloursFor(process.stderr))}\n\nresult set: ${location}\n`);
  await writeReleaseOutputs(summary, options);
  process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${location}\n`);
  const exit = runExitCode(summary);
  if (exit.reason) process.stderr.write(`verdict: the run could not complete: ${exit.reason}\n`);
  return exit.code;
}

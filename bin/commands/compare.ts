import { collectSampleOutcomes, compareRuns, runDescriptionOf, type RunOutcomes } from '../../lib/engine/index.ts';
import { VerdictError } from '../../lib/errors/index.ts';
import { openRunAt, requireSealed, type OpenedRun } from '../../lib/store/index.ts';
import { formatCompareTable } from '../output/compare-table.ts';
import { checkEvidence, describeFailedVerification } from './check-evidence.ts';
import { collectSampleViews, flippedSampleKeys, formatFlippedSamples } from '../output/flipped-samples.ts';

/** Options of `verdict compare`, as commander parses them. */
export interface CompareCommandOptions {
  pair?: string[];
  json?: boolean;
  maxFlips?: number;
  /** Flipped samples shown in full (prompt and both outputs) per pair and kind. @default 3 */
  show?: number;
}

/**
 * `verdict compare <runA> <runB>`: paired analysis of two result sets of the same dataset,
 * matched by sample id. The table goes to stderr; `--json` prints the analysis on stdout.
 * Exit 0: a comparison reports, it does not gate.
 */
export async function compareCommand(runDirA: string, runDirB: string, options: CompareCommandOptions): Promise<number> {
  const [runA, runB] = await Promise.all([openRunAt(runDirA, 'runA'), openRunAt(runDirB, 'runB')]);
  // A run still in progress (or crashed) has partial records; comparing them would mislead.
  const verified = await Promise.all(
    [runA, runB].map(async (run) => {
      const verification = await checkEvidence(run, requireSealed(run, 'verdict compare'));
      if (!verification.intact) process.stderr.write(describeFailedVerification('verdict compare', run, verification));
      return verification.intact;
    }),
  );
  const pairs = (options.pair ?? []).map(parsePair);
  const [outcomesA, outcomesB] = await Promise.all([runOutcomes(runA), runOutcomes(runB)]);
  if (runA.manifest.dataset.sha256 !== runB.manifest.dataset.sha256) {
    process.stderr.write('verdict compare: note: the runs used different dataset files; only samples with the same id are compared\n');
  }
  const result = compareRuns(outcomesA, outcomesB, { pairs, seed: seedOf(runB) });
  process.stderr.write(`${formatCompareTable(result, options.maxFlips)}\n`);
  const show = options.show ?? 3;
  if (show > 0) {
    const keys = flippedSampleKeys(result, show);
    const [a, b] = await Promise.all([collectSampleViews(runA.store.readRecords(runA.runId), keys.a), collectSampleViews(runB.store.readRecords(runB.runId), keys.b)]);
    const full = formatFlippedSamples(result, { a, b }, show);
    if (full) process.stderr.write(`\n${full}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ ...result, verified: { runA: verified[0], runB: verified[1] } }, null, 2)}\n`);
  return 0;
}

async function runOutcomes(run: OpenedRun): Promise<RunOutcomes> {
  const kinds = new Map(run.manifest.candidates.map((candidate) => [candidate.id, candidate.kind as string | undefined]));
  return { runId: run.runId, outcomes: await collectSampleOutcomes(run.store.readRecords(run.runId), run.manifest), kinds };
}

function parsePair(text: string): { a: string; b: string } {
  const match = /^([^=]+)=([^=]+)$/.exec(text);
  if (!match) throw new VerdictError('USAGE', `--pair "${text}": expected <candidateInA>=<candidateInB>, e.g. --pair gpt-4o=gpt-4o-mini`);
  return { a: match[1]!, b: match[2]! };
}

function seedOf(run: OpenedRun): number {
  return runDescriptionOf(run.manifest).execution.seed;
}

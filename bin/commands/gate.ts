import { collectSampleOutcomes, runDescriptionOf } from '../../lib/engine/index.ts';
import { evaluateRunGates } from '../../lib/gate/index.ts';
import type { Summary } from '../../lib/results/index.ts';
import { baselineForOpenedRun, openRunAt, requireSealed } from '../../lib/store/index.ts';
import { formatGateLines } from '../output/gate-lines.ts';
import { checkEvidence, describeFailedVerification } from './check-evidence.ts';
import { describeBaseline, writeReleaseOutputs, type ReleaseOutputOptions } from './release-outputs.ts';

/** Options of `verdict gate`, as commander parses them. */
export interface GateCommandOptions extends ReleaseOutputOptions {
  baseline?: string;
  json?: boolean;
}

/**
 * `verdict gate <runDir>`: re-evaluates the spec's gates on a finished run, without touching it.
 * Threshold gates read the sealed summary's metrics; baseline gates read the records of this run
 * and of the baseline (`--baseline`, else the spec's `baseline:`; `latest` means the newest earlier
 * sealed run of the same spec beside this one that passed its gates). Returns 0 when every gate passes, else 1.
 */
export async function gateCommand(runDir: string, options: GateCommandOptions): Promise<number> {
  const run = await openRunAt(runDir, 'runDir');
  const sealed = requireSealed(run, 'verdict gate');
  // A gate is only as good as its evidence: a run that fails verification never passes.
  const verification = await checkEvidence(run, sealed, { baseline: options.baseline });
  if (!verification.intact) {
    process.stderr.write(`${describeFailedVerification('verdict gate', run, verification)}verdict gate: FAIL (the run's evidence does not hold)\n`);
    if (options.json) process.stdout.write(`${JSON.stringify({ runId: run.runId, verified: false, problems: verification.problems, passed: false }, null, 2)}\n`);
    return 1;
  }
  const { gates } = runDescriptionOf(run.manifest);
  const baseline = await baselineForOpenedRun(run, options.baseline);
  const outcomes = await collectSampleOutcomes(run.store.readRecords(run.runId), run.manifest);
  const controls = new Set(Object.entries(sealed.candidates).filter(([, candidate]) => candidate.kind === 'control').map(([id]) => id));
  const results = evaluateRunGates(gates, { candidates: sealed.candidates, current: { outcomes, controls }, baseline });
  const summary: Summary = { ...sealed, gates: results, passed: results.every((gate) => gate.pass) };
  const baselineLine = describeBaseline(baseline);
  process.stderr.write(`${baselineLine ? `${baselineLine}\n` : ''}${formatGateLines(summary)}\n`);
  await writeReleaseOutputs(summary, options);
  if (options.json) process.stdout.write(`${JSON.stringify({ runId: summary.runId, gates: summary.gates, passed: summary.passed }, null, 2)}\n`);
  return summary.passed ? 0 : 1;
}

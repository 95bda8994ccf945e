import { evaluateRunGates, type BaselineInput } from '../gate/index.ts';
import type { Comparison } from '../results/index.ts';
import type { CandidateSummary, GateResult } from '../results/index.ts';
import type { GateSpec } from '../spec/index.ts';
import type { RunDescription } from './run-description.ts';
import { compareCandidates } from './comparisons.ts';
import type { SampleOutcomes } from './sample-outcomes.ts';

/** Options of {@link analyseRelease}. */
export interface ReleaseAnalysisOptions {
  /** Gates to evaluate; default the spec's. */
  readonly gates?: readonly GateSpec[];
  /** The baseline for baseline gates (resolved by the caller). */
  readonly baseline?: BaselineInput;
  readonly seed: number;
}

/**
 * The part of aggregation that looks across candidates and runs: paired comparisons between
 * candidates (summary.json `comparisons[]`) and the gates (`gates[]`), from the summary metrics
 * and the per-sample outcomes.
 */
export function analyseRelease(
  run: RunDescription,
  candidates: Readonly<Record<string, CandidateSummary>>,
  outcomes: ReadonlyMap<string, SampleOutcomes>,
  options: ReleaseAnalysisOptions,
): { gates: GateResult[]; comparisons: Comparison[] } {
  const kinds = run.candidates.map((candidate) => ({ id: candidate.id, kind: candidates[candidate.id]?.kind }));
  const comparisons = compareCandidates(outcomes, { candidates: kinds, pairs: run.comparisons, seed: options.seed });
  const controls = new Set(kinds.filter((candidate) => candidate.kind === 'control').map((candidate) => candidate.id));
  const gates = evaluateRunGates(options.gates ?? run.gates, {
    candidates,
    current: { outcomes, controls },
    baseline: options.baseline,
  });
  return { gates, comparisons };
}

import { evaluateRunGates, type BaselineInput } from '../gate/index.ts';
import type { Comparison } from '../results/index.ts';
import type { CandidateSummary, GateResult, Manifest } from '../results/index.ts';
import type { ComparePair, GateSpec } from '../spec/index.ts';
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
  manifest: Manifest,
  candidates: Readonly<Record<string, CandidateSummary>>,
  outcomes: ReadonlyMap<string, SampleOutcomes>,
  options: ReleaseAnalysisOptions,
): { gates: GateResult[]; comparisons: Comparison[] } {
  const resolved = manifest.spec.resolved as { gates?: GateSpec[]; compare?: ComparePair[] };
  const kinds = manifest.candidates.map((candidate) => ({ id: candidate.id, kind: candidates[candidate.id]?.kind }));
  const comparisons = compareCandidates(outcomes, { candidates: kinds, pairs: resolved.compare, seed: options.seed });
  const controls = new Set(kinds.filter((candidate) => candidate.kind === 'control').map((candidate) => candidate.id));
  const gates = evaluateRunGates(options.gates ?? resolved.gates ?? [], {
    candidates,
    current: { outcomes, controls },
    baseline: options.baseline,
  });
  return { gates, comparisons };
}

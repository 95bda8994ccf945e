import type { CandidateSummary, GateResult } from '../results/index.ts';
import { isBaselineGate, type GateSpec } from '../spec/index.ts';
import { evaluateBaselineGate, type BaselineInput, type CurrentRun } from './baseline-gates.ts';
import { evaluateGates } from './evaluate-gates.ts';

/** Everything a run's gates can look at. */
export interface RunGateContext {
  readonly candidates: Readonly<Record<string, CandidateSummary>>;
  /** Per-sample outcomes, needed only by baseline gates. */
  readonly current?: CurrentRun;
  /** Needed only by baseline gates; absent means no baseline was configured. */
  readonly baseline?: BaselineInput;
}

/**
 * Evaluates a spec's gates in spec order: threshold gates on the summary metrics
 * ({@link evaluateGates}), baseline gates on paired per-sample outcomes
 * ({@link evaluateBaselineGate}). A failed gate is a result, not an exception.
 */
export function evaluateRunGates(gates: readonly GateSpec[], context: RunGateContext): GateResult[] {
  return gates.flatMap((gate) => {
    if (!isBaselineGate(gate)) return evaluateGates([gate], context.candidates);
    const current = context.current ?? { outcomes: new Map(), controls: new Set<string>() };
    const baseline = context.baseline ?? { missing: 'no baseline run: set `baseline:` in the spec or pass --baseline <runDir>' };
    return evaluateBaselineGate(gate, current, baseline);
  });
}

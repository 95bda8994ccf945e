import type { SampleOutcomeView } from './sample-outcome-view.ts';
import type { LatencyBaselineGate } from '../spec/index.ts';
import { percentileIncreaseTest } from '../stats/index.ts';
import { formatP } from './format-p.ts';

/** The fields a latency baseline gate adds to its result in summary.json. */
export type LatencyGateOutcome = { value: number | null; pass: boolean; reason: string } & Record<string, unknown>;

/**
 * One candidate's latency baseline gate `{ metric: latency.p95_ms, maxIncrease, alpha }`: the
 * rise of the percentile from the baseline run's requests to this run's, tested one-sided by
 * the two-sample bootstrap of the percentile difference ({@link percentileIncreaseTest}). Fails
 * only when the rise is larger than `maxIncrease` ms AND significant at `alpha`, so one run's
 * noise (a p95 of 1111, 782, then 1486 ms from the same model) does not fail a release.
 */
export function checkLatencyCandidate(
  gate: LatencyBaselineGate,
  mine: SampleOutcomeView | undefined,
  theirs: SampleOutcomeView | undefined,
  against: { runId: string; candidate: string },
  candidate: string,
): LatencyGateOutcome {
  const [kind, stat] = gate.metric.split('.') as ['latency' | 'ttft', string];
  const p = Number(stat.slice(1, stat.indexOf('_')));
  const current = mine?.requestTimes?.(kind) ?? [];
  const previous = theirs?.requestTimes?.(kind) ?? [];
  if (current.length === 0) return { value: null, pass: false, baseline: against, reason: `candidate "${candidate}" has no answered request with a ${kind} time in this run` };
  if (previous.length === 0) return { value: null, pass: false, baseline: against, reason: `baseline run "${against.runId}" has no answered request with a ${kind} time for candidate "${against.candidate}"` };
  const needed = minimumRequests(p);
  const fewest = Math.min(current.length, previous.length);
  if (fewest < needed) {
    const counts = `${previous.length} baseline and ${current.length} current requests`;
    return { value: null, pass: true, skipped: true, baseline: against, n: current.length, baselineN: previous.length, reason: `skipped: too few requests to test p${p} (${counts}; each run needs at least ${needed}, one above the percentile)` };
  }
  const test = percentileIncreaseTest(previous, current, p, gate.maxIncrease);
  const pass = !(test.increase > gate.maxIncrease && test.pValue < gate.alpha);
  const rule =
    `fails only when ${gate.metric} rose by more than ${gate.maxIncrease} ms and significantly at α = ${gate.alpha} ` +
    `(one-sided two-sample bootstrap of the p${p} difference, exact; ${test.nBaseline} baseline and ${test.nCandidate} current requests)`;
  const change = test.increase <= 0 ? `no rise (${ms(test.increase)} ms)` : `rise ${ms(test.increase)} ms [${ms(test.lo)}, ${ms(test.hi)}]`;
  return {
    value: test.increase,
    pass,
    baseline: against,
    n: test.nCandidate,
    baselineN: test.nBaseline,
    baselineValue: test.baselineValue,
    candidateValue: test.candidateValue,
    pValue: test.pValue,
    increaseCi95: [test.lo, test.hi],
    test: test.method,
    reason: `${rule}; ${change}, ${test.pValue < 1e-12 ? 'p < 1e-12' : `p = ${formatP(test.pValue)}`} → ${pass ? 'pass' : 'FAIL'}`,
  };
}

/**
 * Requests each run needs before its p-th percentile is tested: at least one above it,
 * n·(1 − p/100) ≥ 1 (p95: 20, p99: 100). Below that the bootstrap of a top percentile is the
 * bootstrap of a maximum, which is too liberal (7.7% false alarms at α = 0.05 with 10 requests).
 */
function minimumRequests(p: number): number {
  return Math.ceil(100 / (100 - p) - 1e-9);
}

function ms(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}`;
}

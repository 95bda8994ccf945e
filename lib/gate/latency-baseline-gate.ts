import type { SampleOutcomeView } from '../engine/sample-outcomes.ts';
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
    reason: `${rule}; ${change}, p = ${formatP(test.pValue)} → ${pass ? 'pass' : 'FAIL'}`,
  };
}

function ms(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}`;
}

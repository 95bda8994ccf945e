import { describe, expect, it } from 'vitest';
import { evaluateBaselineGate, evaluateRunGates } from '../../../lib/gate/index.ts';
import { BaselineGateSchema } from '../../../lib/spec/index.ts';
import { outcomesOf, record } from '../engine/records.ts';

/** Baseline run "base" and current run outcomes for candidate m with the given paired 2×2 counts. */
function runs(counts: { onlyA: number; onlyB: number; both: number; neither: number }) {
  const base: ReturnType<typeof record>[] = [];
  const current: ReturnType<typeof record>[] = [];
  let i = 0;
  const push = (count: number, passBase: boolean, passNow: boolean) => {
    for (let k = 0; k < count; k++, i++) {
      base.push(record({ sampleId: `s${i}`, candidate: 'm', pass: passBase }));
      current.push(record({ sampleId: `s${i}`, candidate: 'm', pass: passNow }));
    }
  };
  push(counts.onlyA, true, false);
  push(counts.onlyB, false, true);
  push(counts.both, true, true);
  push(counts.neither, false, false);
  return {
    baseline: { runId: 'base-run', location: 'results/base-run', outcomes: outcomesOf(base) },
    current: { outcomes: outcomesOf(current), controls: new Set<string>() },
  };
}

const gate = BaselineGateSchema.parse({ metric: 'accuracy', maxDrop: 0.05, alpha: 0.05 });

// Worked example of test/unit/stats/non-inferiority-test.test.ts (values from Python statistics.NormalDist).
describe('baseline gates (non-inferiority on paired samples)', () => {
  it('passes a large drop that is not significant (n = 20: drop 0.2, p = 0.094) and says why', () => {
    const { baseline, current } = runs({ onlyA: 5, onlyB: 1, both: 13, neither: 1 });
    const [result] = evaluateBaselineGate(gate, current, baseline);
    expect(result).toMatchObject({ candidate: 'm', metric: 'accuracy', op: 'maxDrop', threshold: 0.05, pass: true, kind: 'baseline', n: 20 });
    expect(result!.value).toBeCloseTo(0.2, 12);
    expect(result!.pValue).toBeCloseTo(0.09415634474445822, 12);
    expect(result!.reason).toBe(
      'fails only when the accuracy drop is larger than 0.05 and significant at α = 0.05 (one-sided paired test, n = 20 matched samples); drop 0.2, p = 0.094 → pass',
    );
    expect(result!.op === 'maxDrop' && result!.counts).toEqual({ n: 20, onlyA: 5, onlyB: 1, both: 13, neither: 1 });
  });

  it('fails the same drop when it is significant (n = 200: p = 1.6e-5)', () => {
    const { baseline, current } = runs({ onlyA: 50, onlyB: 10, both: 130, neither: 10 });
    const [result] = evaluateBaselineGate(gate, current, baseline);
    expect(result!.pass).toBe(false);
    expect(result!.reason).toMatch(/drop 0\.2, p = 1\.6e-5 → FAIL$/);
  });

  it('passes an improvement and says there was no drop', () => {
    const { baseline, current } = runs({ onlyA: 1, onlyB: 9, both: 10, neither: 0 });
    const [result] = evaluateBaselineGate(gate, current, baseline);
    expect(result!.pass).toBe(true);
    expect(result!.reason).toMatch(/no drop \(\+0\.4\)/);
  });

  it('compares only samples both runs have (matched by id)', () => {
    const { baseline } = runs({ onlyA: 5, onlyB: 1, both: 13, neither: 1 });
    const extra = outcomesOf([...Array.from({ length: 20 }, (_, i) => record({ sampleId: `s${i}`, candidate: 'm', pass: i >= 5 && i !== 19 })), record({ sampleId: 'new', candidate: 'm', pass: false })]);
    const [result] = evaluateBaselineGate(gate, { outcomes: extra, controls: new Set() }, baseline);
    expect(result!.n).toBe(20);
  });

  it('maps a candidate to a differently named baseline candidate', () => {
    const { baseline, current } = runs({ onlyA: 5, onlyB: 1, both: 13, neither: 1 });
    const renamed = { ...baseline, outcomes: new Map([['old-name', baseline.outcomes.get('m')!]]) };
    const [result] = evaluateBaselineGate({ ...gate, candidate: 'm', baselineCandidate: 'old-name' }, current, renamed);
    expect(result).toMatchObject({ candidate: 'm', pass: true, baseline: { runId: 'base-run', candidate: 'old-name' } });
    const [unmatched] = evaluateBaselineGate(gate, current, renamed);
    expect(unmatched).toMatchObject({ pass: false, reason: expect.stringMatching(/no candidate of this run is in baseline run "base-run" \(it has: old-name\)/) });
  });

  it('skips (passes) when `latest` found no earlier run, and fails when no baseline was configured', () => {
    const { current } = runs({ onlyA: 0, onlyB: 0, both: 1, neither: 0 });
    expect(evaluateBaselineGate(gate, current, { skip: 'no earlier sealed run' })[0]).toMatchObject({ pass: true, skipped: true, reason: 'skipped: no earlier sealed run' });
    const [missing] = evaluateRunGates([gate], { candidates: {}, current });
    expect(missing).toMatchObject({ pass: false, reason: expect.stringMatching(/no baseline run: set `baseline:` in the spec or pass --baseline/) });
  });
});

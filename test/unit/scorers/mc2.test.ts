import { describe, expect, it } from 'vitest';
import { mc2, trueMass } from '../../../lib/scorers/mc2.ts';
import { scoreSync } from '../../../lib/scorers/score-sync.ts';
import { createScorer, makeSample } from './helpers.ts';

/**
 * MC2 as lm-evaluation-harness defines it (`tasks/truthfulqa/utils.py`, `process_results_mc2`):
 * p = exp(ll) per answer, then the sum of p over the true answers divided by the sum over all.
 * The expected values below are that formula written out, not the implementation's shifted form.
 */
function harnessMc2(lls: number[], labels: number[]): number {
  const split = labels.indexOf(0);
  const p = lls.map(Math.exp);
  const total = p.reduce((sum, value) => sum + value, 0);
  return p.slice(0, split).reduce((sum, value) => sum + value, 0) / total;
}

const row = { mc2_choices: ['True A.', 'True B.', 'False C.', 'False D.'], mc2_labels: [1, 1, 0, 0] };

describe('mc2 (TruthfulQA MC2)', () => {
  it('gives the harness\'s normalised true mass for the log-likelihoods', () => {
    const lls = [-3.2, -5.1, -2.7, -9.4];
    const scorer = createScorer(mc2, {});
    const score = scoreSync(scorer, { sample: makeSample(row), output: 'False C.', optionLogLikelihoods: lls });
    // exp: 0.04076, 0.00610, 0.06721, 0.0000827 → (0.04076 + 0.00610) / 0.11415 = 0.41052
    expect(score.value).toBeCloseTo(harnessMc2(lls, row.mc2_labels), 12);
    expect(score.value).toBeCloseTo(0.41052, 4);
    expect(score).toMatchObject({ pass: false, detail: { chosen: 2 } });
  });

  it('stays exact where exp() of the raw log-likelihoods underflows to 0 (long answers)', () => {
    const lls = [-800, -801, -802, -900];
    // Raw exp(-800) is 0 in doubles, so the unshifted formula gives 0/0; the mass is e^0+e^-1 over e^0+e^-1+e^-2(+~0).
    expect(Number.isNaN(harnessMc2(lls, row.mc2_labels))).toBe(true);
    expect(trueMass(lls, row.mc2_labels)).toBeCloseTo((1 + Math.exp(-1)) / (1 + Math.exp(-1) + Math.exp(-2)), 12);
  });

  it('asks for " " + each answer as continuations, and fails the item when the candidate gave no log-likelihoods', () => {
    const scorer = createScorer(mc2, {});
    expect(scorer.continuations!(makeSample(row))).toEqual([' True A.', ' True B.', ' False C.', ' False D.']);
    expect(scorer.options(makeSample(row))).toEqual(row.mc2_choices);
    expect(() => scoreSync(scorer, { sample: makeSample(row), output: 'True A.' })).toThrow(/needs one log-likelihood per answer \(4\); the candidate returned none/);
  });

  it('names the sample when its fields are not two lists of the same length', () => {
    const scorer = createScorer(mc2, {});
    expect(() => scorer.continuations!(makeSample({ mc2_choices: ['a', 'b'], mc2_labels: [1] }))).toThrow(/datasets\/test\.jsonl:7.*"mc2_choices" and "mc2_labels" lists of the same length/);
  });
});

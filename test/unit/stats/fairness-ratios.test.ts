import { describe, expect, it } from 'vitest';
import { disparateImpact, parityDifference } from '../../../lib/stats/fairness-ratios.ts';

// docs/metrics.md §3.1 (Fairlearn definitions), test vectors computed by hand.
describe('disparateImpact (min rate ÷ max rate)', () => {
  it('flags the four-fifths example: 48/80 = 0.60 vs 21/50 = 0.42 → 0.70', () => {
    expect(disparateImpact({ groupA: 48 / 80, groupB: 21 / 50 })).toBeCloseTo(0.7, 15);
  });

  it('gives 0.5 for selection rates 0.5 and 0.25 (Fairlearn demographic_parity_ratio)', () => {
    expect(disparateImpact([0.5, 0.25])).toBeCloseTo(0.5, 15);
  });

  it('is null when every rate is 0 or there are no groups, and 1 for one group', () => {
    expect(disparateImpact([0, 0])).toBeNull();
    expect(disparateImpact({})).toBeNull();
    expect(disparateImpact([0.3])).toBe(1);
  });

  it('rejects negative or non-finite rates, naming the group', () => {
    expect(() => disparateImpact({ women: -0.1 })).toThrow('rates["women"] must be a finite number ≥ 0, got -0.1');
  });
});

describe('parityDifference (max rate − min rate)', () => {
  it('gives 0.25 for selection rates 0.5 and 0.25 (Fairlearn demographic_parity_difference)', () => {
    expect(parityDifference({ a: 0.5, b: 0.25 })).toBeCloseTo(0.25, 15);
  });

  it('uses the extremes over all groups, and is null with no groups', () => {
    expect(parityDifference([0.4, 0.9, 0.1, 0.5])).toBeCloseTo(0.8, 15);
    expect(parityDifference([])).toBeNull();
    expect(parityDifference([0.3])).toBe(0);
  });
});

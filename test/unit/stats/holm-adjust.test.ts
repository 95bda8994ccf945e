import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../lib/stats/holm-adjust.ts';

describe('holmAdjust (Holm 1979 step-down)', () => {
  it('matches statsmodels multipletests(method="holm") and keeps the input order', () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    for (const [i, expected] of [0.03, 0.06, 0.06, 0.02].entries()) expect(adjusted[i]).toBeCloseTo(expected, 15);
  });

  it('caps at 1 and stays monotone in the sorted order', () => {
    // [0.5, 0.2, 0.9]: sorted 0.2·3 = 0.6, 0.5·2 = 1.0, 0.9·1 = 0.9 → max(1.0, 0.9) = 1.
    const adjusted = holmAdjust([0.5, 0.2, 0.9]);
    expect(adjusted[1]).toBeCloseTo(0.6, 15);
    expect(adjusted[0]).toBe(1);
    expect(adjusted[2]).toBe(1);
  });

  it('handles ties, one value and none', () => {
    // Ties [0.01, 0.01]: 0.01·2 = 0.02, then max(0.02, 0.01·1) = 0.02 (R p.adjust gives 0.02, 0.02).
    expect(holmAdjust([0.01, 0.01])).toEqual([0.02, 0.02]);
    expect(holmAdjust([0.3])).toEqual([0.3]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('rejects values that are not probabilities', () => {
    expect(() => holmAdjust([0.1, Number.NaN])).toThrow('pValues[1] must be a number from 0 to 1, got NaN');
  });
});

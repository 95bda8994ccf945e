import { describe, expect, it } from 'vitest';
import { passAtK } from '../../../lib/stats/pass-at-k.ts';

// Expected: 1 − C(n − c, k)/C(n, k) (Chen et al. 2021), computed with Python fractions and math.comb;
// docs/metrics.md §4.8 table. Tolerance 1e-12: the product and binomial forms differ at ~1e-16.
describe('passAtK (unbiased estimator, Chen et al. 2021)', () => {
  it.each([
    [10, 3, 1, 0.3], // 1 − C(7,1)/C(10,1) = 1 − 7/10
    [10, 3, 5, 0.9166666666666666], // 1 − C(7,5)/C(10,5) = 1 − 21/252
    [10, 2, 2, 0.37777777777777777], // 1 − 28/45
    [5, 0, 1, 0],
    [5, 5, 3, 1],
    [200, 10, 1, 0.05],
    [200, 10, 10, 0.40854786608141713],
    [200, 10, 100, 0.9992289739372822],
    [20, 1, 10, 0.5],
  ])('n = %i, c = %i, k = %i → %s', (n, c, k, expected) => {
    expect(Math.abs(passAtK(n, c, k) - expected)).toBeLessThan(1e-12);
  });

  it('returns exactly 1 when n − c < k (every k-subset contains a pass)', () => {
    expect(passAtK(10, 8, 3)).toBe(1);
  });

  it('rejects k > n, c > n and k < 1', () => {
    expect(() => passAtK(3, 0, 5)).toThrow('k must be ≤ n (draw at least k samples per problem), got k = 5, n = 3');
    expect(() => passAtK(3, 4, 1)).toThrow('c must be ≤ n, got c = 4, n = 3');
    expect(() => passAtK(3, 1, 0)).toThrow('k must be an integer ≥ 1, got 0');
  });
});

import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../../lib/stats/mcnemar-exact.ts';

// Two-sided p = min(1, 2·P(X ≤ min(b, c))), X ~ Binomial(b + c, ½) — what
// scipy.stats.binomtest(k=b, n=b+c, p=0.5, alternative='two-sided').pvalue returns for p = ½.
// Exact values computed with Python integers (math.comb) and fractions.Fraction, no floats.
describe('mcnemarExact (two-sided)', () => {
  it('b = 1, c = 5 → 2·(C(6,0) + C(6,1))/2^6 = 14/64 = 0.21875', () => {
    expect(mcnemarExact(1, 5)).toEqual({ b: 1, c: 5, pValue: expect.closeTo(0.21875, 15), alternative: 'two-sided', test: 'mcnemar-exact' });
  });

  it('no discordant pairs → p = 1', () => {
    expect(mcnemarExact(0, 0).pValue).toBe(1);
  });

  it('b = 10, c = 2 → 2·79/4096 = 0.03857421875 (docs/metrics.md §4.5)', () => {
    expect(mcnemarExact(10, 2).pValue).toBeCloseTo(0.03857421875, 15);
  });

  it('b = 30, c = 15 → 2·Σ_{i≤15} C(45,i)/2^45 = 39250150095/2^40 ≈ 0.0356978035551947', () => {
    // Σ_{i=0}^{15} C(45, i) = 628002401520 (Python math.comb, exact integers), so
    // p = 2·628002401520/2^45 = 628002401520/2^44 = 39250150095/2^40. 2^40 and the numerator are
    // below 2^53, so the expected value is exact in a double without BigInt.
    expect(mcnemarExact(30, 15).pValue).toBeCloseTo(39250150095 / 2 ** 40, 14);
  });

  it('b = 0, c = 3 → 0.25 and is symmetric in b and c', () => {
    expect(mcnemarExact(0, 3).pValue).toBeCloseTo(0.25, 15);
    expect(mcnemarExact(3, 0).pValue).toBeCloseTo(0.25, 15);
    expect(mcnemarExact(15, 30).pValue).toBe(mcnemarExact(30, 15).pValue);
  });

  it('caps at 1 when b = c or |b − c| = 1', () => {
    expect(mcnemarExact(5, 5).pValue).toBe(1);
    expect(mcnemarExact(6, 5).pValue).toBe(1);
  });

  it("matches R's mcnemar.test example counts exactly (b = 150, c = 86 → 3.71593613957144e-05)", () => {
    const { pValue } = mcnemarExact(150, 86);
    expect(Math.abs(pValue - 3.71593613957144e-5) / 3.71593613957144e-5).toBeLessThan(1e-10);
  });

  it('is stable for tens of thousands of discordant pairs', () => {
    // b = 10000, c = 10300: exact Fraction sum gives 0.03585235973615882.
    const { pValue } = mcnemarExact(10000, 10300);
    expect(Math.abs(pValue - 0.03585235973615882) / 0.03585235973615882).toBeLessThan(1e-8);
    expect(mcnemarExact(20000, 40000).pValue).toBeGreaterThanOrEqual(0);
    expect(mcnemarExact(20000, 40000).pValue).toBeLessThan(1e-300);
  });
});

describe('mcnemarExact (one-sided)', () => {
  it("'greater' is P(X ≥ b): b = 10, c = 2 → 79/4096", () => {
    // scipy binomtest(10, 12, 0.5, alternative='greater') = Σ_{i≥10} C(12,i)/2^12 = 79/4096.
    expect(mcnemarExact(10, 2, { alternative: 'greater' }).pValue).toBeCloseTo(79 / 4096, 15);
  });

  it("'less' is P(X ≤ b): b = 10, c = 2 → 1 − Σ_{i≥11} C(12,i)/2^12 = 4083/4096", () => {
    expect(mcnemarExact(10, 2, { alternative: 'less' }).pValue).toBeCloseTo(4083 / 4096, 14);
  });

  it("'greater' for b = 30, c = 15 is half the two-sided p", () => {
    expect(mcnemarExact(30, 15, { alternative: 'greater' }).pValue).toBeCloseTo(39250150095 / 2 ** 41, 15);
  });

  it('rejects negative or fractional counts and unknown alternatives', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow('onlyA must be an integer ≥ 0, got -1');
    expect(() => mcnemarExact(1, 2.5)).toThrow('onlyB must be an integer ≥ 0, got 2.5');
    // @ts-expect-error -- checking the runtime guard
    expect(() => mcnemarExact(1, 2, { alternative: 'both' })).toThrow("got both");
  });
});

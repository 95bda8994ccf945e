import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialSurvival } from '../../../lib/stats/binomial.ts';

// Expected values: exact sums with Python fractions,
// sum(Fraction(comb(n, i)) * p**i * (1 - p)**(n - i) for i in range(k + 1)), printed as floats
// (scipy.stats.binom.cdf / binom.sf(k - 1) give the same).
describe('binomialCdf and binomialSurvival', () => {
  it.each([
    [3, 20, 0.3, 0.107086804503731, 0.9645168677015313],
    [10, 20, 0.3, 0.9828551835687416, 0.04796189733134348],
    [0, 5, 0.1, 0.59049, 1],
    [45, 50, 0.9, 0.5688015931709384, 0.6161230077242769],
    [49, 50, 0.9, 0.9948462247926799, 0.033785859692431856],
  ])('k = %i, n = %i, p = %s: P(X ≤ k) = %s, P(X ≥ k) = %s', (k, n, p, cdf, survival) => {
    expect(binomialCdf(k, n, p)).toBeCloseTo(cdf, 13);
    expect(binomialSurvival(k, n, p)).toBeCloseTo(survival, 13);
  });

  it('gives 79/4096 for P(X ≤ 2), X ~ Bin(12, ½)', () => {
    // (C(12,0) + C(12,1) + C(12,2)) / 2^12 = (1 + 12 + 66)/4096.
    expect(binomialCdf(2, 12, 0.5)).toBeCloseTo(79 / 4096, 15);
    expect(binomialSurvival(10, 12, 0.5)).toBeCloseTo(79 / 4096, 15);
  });

  it('handles k ≥ n, k beyond n and degenerate p', () => {
    expect(binomialCdf(12, 12, 0.5)).toBe(1);
    expect(binomialSurvival(0, 12, 0.5)).toBe(1);
    expect(binomialSurvival(13, 12, 0.5)).toBe(0);
    expect(binomialCdf(3, 10, 0)).toBe(1);
    expect(binomialCdf(3, 10, 1)).toBe(0);
  });

  it('keeps tiny tails relative-accurate for large n', () => {
    // P(X ≤ 100), X ~ Bin(1000, ½): exact Fraction sum = 6.701717790006296e-162 (Python).
    const tail = binomialCdf(100, 1000, 0.5);
    expect(Math.abs(tail - 6.701717790006296e-162) / 6.701717790006296e-162).toBeLessThan(1e-9);
  });
});

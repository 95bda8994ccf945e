import { describe, expect, it } from 'vitest';
import { logBinomialCoefficient, logGamma } from '../../../lib/stats/log-gamma.ts';

// Expected values: Python `math.lgamma(x)` (C library lgamma), and closed forms where they exist.
describe('logGamma (Lanczos, g = 7)', () => {
  it.each([
    [0.5, 0.5723649429247004], // ln √π
    [3, Math.LN2], // ln 2!
    [10, 12.801827480081467], // ln 9! = ln 362880
    [11, 15.104412573075514], // ln 10!
    [100.5, 361.4355404677776],
    [171.5, 709.1431630309282],
    [0.1, 2.2527126517342055], // reflection branch
    [0.001, 6.907178885383854],
  ])('ln Γ(%s) = %s', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
  });

  it('is 0 at 1 and 2 (to rounding) and stays relatively accurate at 1e5', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    // math.lgamma(1e5) = 1051287.7089736566
    expect(Math.abs(logGamma(1e5) - 1051287.7089736566) / 1051287.7089736566).toBeLessThan(1e-14);
  });

  it('rejects x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow('x must be > 0, got 0');
  });
});

describe('logBinomialCoefficient', () => {
  it('recovers small binomial coefficients (math.comb)', () => {
    expect(Math.exp(logBinomialCoefficient(10, 5))).toBeCloseTo(252, 9);
    expect(Math.exp(logBinomialCoefficient(45, 15))).toBeCloseTo(344867425584, -1);
    expect(logBinomialCoefficient(7, 0)).toBe(0);
    expect(logBinomialCoefficient(7, 7)).toBe(0);
  });

  it('rejects k outside 0..n', () => {
    expect(() => logBinomialCoefficient(3, 4)).toThrow('need integers 0 ≤ k ≤ n, got n = 3, k = 4');
  });
});

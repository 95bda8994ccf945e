import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSurvival } from '../../../lib/stats/normal.ts';

describe('normalQuantile (Wichura AS 241)', () => {
  // Expected: Python `statistics.NormalDist().inv_cdf(p)` (also AS 241) and scipy.stats.norm.ppf.
  it.each([
    [0.975, 1.9599639845400536],
    [0.025, -1.9599639845400538],
    [0.995, 2.5758293035489],
    [0.9, 1.2815515655446008],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%s) = %s', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 13);
  });

  it('is 0 at p = 0.5 and infinite at 0 and 1', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => normalQuantile(1.5)).toThrow('p must be between 0 and 1, got 1.5');
    expect(() => normalQuantile(Number.NaN)).toThrow('p must be a finite number, got NaN');
  });
});

describe('normalCdf and normalSurvival', () => {
  // Expected: scipy.stats.norm.cdf / Python 0.5·math.erfc(−x/√2).
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-3, 0.0013498980316301035],
    [1.959963984540054, 0.975],
  ])('Φ(%s) = %s', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 14);
  });

  it('keeps relative accuracy in the far tail', () => {
    // Q(10) = 0.5·erfc(10/√2) = 7.619853024160593e-24 (Python math.erfc; scipy norm.sf(10)).
    const tail = normalSurvival(10);
    expect(Math.abs(tail - 7.619853024160593e-24) / 7.619853024160593e-24).toBeLessThan(1e-13);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
  });

  it('inverts normalQuantile', () => {
    for (const p of [1e-12, 0.001, 0.2, 0.5, 0.77, 0.999]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p) / p).toBeLessThan(1e-13);
    }
  });
});

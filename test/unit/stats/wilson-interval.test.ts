import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../lib/stats/wilson.ts';

// Expected values: statsmodels `proportion_confint(k, n, alpha=0.05, method='wilson')`, recomputed by
// hand with the Wilson formula (center ± half, z = NormalDist().inv_cdf(0.975) = 1.9599639845400536)
// in plain Python. 3/10 and 0/10 also appear in scipy's test_morestats.py::test_ci_wilson_method
// (from R 3.6.2 prop.test without correction) and docs/metrics.md §4.4.
describe('wilsonInterval (Wilson 1927, no continuity correction)', () => {
  it.each([
    // 8/10: center = (0.8 + 0.1920729)/1.3841459 = 0.7167402, half = 0.2265777. Note: [0.49016247, 0.94331785],
    // not the [0.49015684, 0.94331750] quoted in the task brief (which is off in the 6th digit).
    [8, 10, 0.95, 0.4901624715, 0.9433178485],
    [0, 10, 0.95, 0, 0.2775327999],
    [50, 100, 0.95, 0.4038315304, 0.5961684696],
    [3, 10, 0.95, 0.1077912674, 0.6032218525],
    [3, 10, 0.99, 0.0795663165, 0.6799753208],
    [10, 10, 0.95, 0.7224672001, 1],
    [80, 100, 0.95, 0.7111708344, 0.8666330667],
    [0, 30, 0.95, 0, 0.1135133932],
  ])('%i/%i at %s → [%s, %s]', (k, n, confidence, lo, hi) => {
    const interval = wilsonInterval(k, n, confidence);
    expect(interval.lo).toBeCloseTo(lo, 9);
    expect(interval.hi).toBeCloseTo(hi, 9);
  });

  it('has exact bounds 0 and 1 at the extremes', () => {
    expect(wilsonInterval(0, 7).lo).toBe(0);
    expect(wilsonInterval(7, 7).hi).toBe(1);
  });

  it('defaults to 95% confidence', () => {
    expect(wilsonInterval(3, 10)).toEqual(wilsonInterval(3, 10, 0.95));
  });

  it('rejects impossible counts and confidence levels with the values received', () => {
    expect(() => wilsonInterval(11, 10)).toThrow('successes must be ≤ n, got successes = 11, n = 10');
    expect(() => wilsonInterval(1, 0)).toThrow('n must be an integer ≥ 1, got 0');
    expect(() => wilsonInterval(1.5, 10)).toThrow('successes must be an integer ≥ 0, got 1.5');
    expect(() => wilsonInterval(1, 10, 95)).toThrow('confidence must be a number strictly between 0 and 1, got 95');
  });
});

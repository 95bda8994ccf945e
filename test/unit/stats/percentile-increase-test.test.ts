import { describe, expect, it } from 'vitest';
import { createRng, percentileIncreaseTest } from '../../../lib/stats/index.ts';

const rng = createRng(12);
const normal = () => Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
/** n request latencies, lognormal around 900 ms (σ of the log 0.3), optionally slowed by `slow`. */
const latencies = (n: number, slow = (ms: number, _index: number) => ms) => Array.from({ length: n }, (_, index) => Math.round(slow(Math.exp(6.8 + 0.3 * normal()), index)));

describe('percentileIncreaseTest (two-sample bootstrap of a percentile difference, exact)', () => {
  // Expected values: Python 3.11 by full enumeration of all 5^5 × 5^5 resample pairs, each
  // resample's percentile by numpy's linear (type 7) rule written out, in exact fractions. These
  // p are order statistics (h = 4p/100 whole), where the exact law needs no approximation.
  const a = [810, 640, 720, 1500, 905];
  const b = [930, 700, 2400, 1180, 850];
  it.each([
    [50, 0, 120, 0.1731264512],
    [50, 100, 120, 0.3659930624],
    [75, 0, 275, 0.2307612672],
    [75, 200, 275, 0.4198392832],
    [100, 500, 900, 0.3276000256],
  ])('p%i, margin %i: equals the full enumeration', (p, margin, increase, pValue) => {
    const test = percentileIncreaseTest(a, b, p, margin);
    expect(test.increase).toBe(increase);
    expect(test.pValue).toBeCloseTo(pValue, 10);
    // 2.5% and 97.5% points of the enumerated law of the difference.
    expect([test.lo, test.hi]).toEqual([-570, 1590]);
  });

  it('agrees with a resampling bootstrap where the percentile interpolates (n = 40, p95)', () => {
    // Python 3.11, random.Random(7) data, 40,000 resample pairs (random.Random(1)), numpy-linear p95:
    // P*(D ≤ 0) = 0.0587, P*(D ≤ 200) = 0.378, P*(D ≤ 400) = 0.4115; 95% interval [−97.4, 1349.4].
    // The exact law mixes the two order statistics around p95 (g = 0.05), so it is within 0.01.
    const before = [672, 879, 679, 658, 531, 682, 1085, 853, 1057, 802, 844, 784, 410, 992, 878, 875, 407, 399, 538, 624, 818, 723, 882, 587, 819, 844, 583, 1341, 893, 1118, 592, 567, 652, 708, 917, 802, 629, 526, 613, 1127];
    const after = [1108, 801, 853, 436, 748, 1161, 363, 657, 708, 552, 1750, 719, 440, 982, 929, 1024, 1217, 834, 766, 467, 1824, 593, 627, 472, 524, 610, 1154, 361, 441, 799, 2436, 900, 378, 304, 833, 568, 497, 1035, 1081, 777];
    for (const [margin, resampled] of [[0, 0.0587], [200, 0.378], [400, 0.4115]] as const) {
      expect(Math.abs(percentileIncreaseTest(before, after, 95, margin).pValue - resampled)).toBeLessThan(0.01);
    }
    const test = percentileIncreaseTest(before, after, 95, 0);
    expect(test.increase).toBeCloseTo(635.25, 9); // numpy: np.percentile(after, 95) − np.percentile(before, 95)
    expect(Math.abs(test.lo - -97.4)).toBeLessThan(60);
    expect(Math.abs(test.hi - 1349.4)).toBeLessThan(60);
  });

  // As scipy's own check of its two-sample bootstrap (test_resampling.py,
  // test_bootstrap_against_itself_2samp): many replications, then a binomial bound on how often it errs.
  it('rejects the same distribution at most about α of the time, and catches a 1.5× slowdown', () => {
    const replications = 300;
    let falseAlarms = 0;
    let caught = 0;
    for (let k = 0; k < replications; k++) {
      if (percentileIncreaseTest(latencies(60), latencies(60), 95, 0).pValue < 0.05) falseAlarms++;
      if (percentileIncreaseTest(latencies(60), latencies(60, (ms) => ms * 1.5), 95, 100).pValue < 0.05) caught++;
    }
    // 0.05 · 300 = 15 expected at most; 27 is beyond the binomial 99.9% point. A test that gates on
    // "p95 went up" would alarm about half the time.
    expect(falseAlarms).toBeLessThan(27);
    expect(caught / replications).toBeGreaterThan(0.8);
  });

  it('does not let a larger margin fail: p rises with the margin', () => {
    const before = latencies(100);
    const after = latencies(100, (ms, index) => (index % 5 === 0 ? ms * 2 : ms));
    const ps = [0, 100, 300, 1000, 3000].map((margin) => percentileIncreaseTest(before, after, 95, margin).pValue);
    expect(ps).toEqual([...ps].sort((x, y) => x - y));
    expect(ps.at(-1)).toBeGreaterThan(0.99);
  });

  it('stays exact on 100,000 requests per run (a shift of 3 ms is seen)', () => {
    const many = Array.from({ length: 100_000 }, (_, index) => 500 + ((index * 7919) % 1000));
    const test = percentileIncreaseTest(many, many.map((ms) => ms + 3), 95, 0);
    expect(test.increase).toBeCloseTo(3, 9);
    expect(test.lo).toBeGreaterThan(0);
    expect(test.pValue).toBeLessThan(0.05);
  });

  it('refuses empty samples and bad parameters with a clear error', () => {
    expect(() => percentileIncreaseTest([], [1], 95, 0)).toThrow(/both samples need at least one value/);
    expect(() => percentileIncreaseTest([1], [1], 101, 0)).toThrow(/p must be between 0 and 100/);
    expect(() => percentileIncreaseTest([1, Number.NaN], [1], 95, 0)).toThrow(/baseline/);
  });
});

import { describe, expect, it } from 'vitest';
import { averageRanks, bradleyTerry, bradleyTerryIntervals, cohenKappa, fleissKappa, fleissTable, kendallTauB, krippendorffAlpha, spearmanRho } from '../../../lib/stats/index.ts';

// Expected values were computed with the reference implementations (Python 3.11):
// scikit-learn 1.9.1 `sklearn.metrics.cohen_kappa_score`, statsmodels 0.15.0
// `statsmodels.stats.inter_rater.fleiss_kappa(aggregate_raters(r)[0], method='fleiss')`,
// the `krippendorff` package (pln-fing-udelar/fast-krippendorff @ b1eb616, krippendorff/krippendorff.py)
// `krippendorff.alpha(reliability_data=..., level_of_measurement=...)`, and scipy 1.17 `spearmanr` / `kendalltau`.
describe("Cohen's kappa", () => {
  it('equals sklearn cohen_kappa_score on grades and on string labels', () => {
    expect(cohenKappa([1, 2, 3, 3, 2, 1, 4, 1, 2, 5], [1, 2, 3, 4, 2, 2, 4, 1, 2, 3])).toBeCloseTo(0.6052631578947368, 12);
    expect(cohenKappa(['x', 'x', 'y', 'z', 'y', 'x', 'z', 'z'], ['x', 'y', 'y', 'z', 'y', 'x', 'x', 'z'])).toBeCloseTo(0.627906976744186, 12);
  });

  it('is null when both raters used one and the same label (0/0), and 1 for perfect agreement', () => {
    expect(cohenKappa(['a', 'a'], ['a', 'a'])).toBeNull();
    expect(cohenKappa(['a', 'b', 'a'], ['a', 'b', 'a'])).toBe(1);
  });
});

describe("Fleiss' kappa", () => {
  it('equals statsmodels fleiss_kappa on a 6-item, 4-rater table', () => {
    const ratings = [[0, 0, 0, 1], [1, 1, 1, 1], [2, 2, 1, 0], [0, 1, 2, 2], [2, 2, 2, 2], [0, 0, 1, 1]];
    const { table, dropped } = fleissTable(ratings);
    expect(dropped).toBe(0);
    expect(fleissKappa(table)).toBeCloseTo(0.28795811518324604, 12);
  });

  it('drops items with a missing rating and refuses uneven rows', () => {
    expect(fleissTable([[1, 1], [1, null]]).dropped).toBe(1);
    expect(() => fleissKappa([[2, 0], [1, 0]])).toThrow(/item 1 has 1 ratings/);
  });
});

describe("Krippendorff's alpha", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 coders × 12 units example with missing values.
  const nan = null;
  const coders = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
  ];
  const units = coders[0]!.map((_, unit) => coders.map((coder) => coder[unit]!));

  it.each([
    ['nominal', 0.743421052631579],
    ['ordinal', 0.8153875037548814],
    ['interval', 0.8491071428571428],
  ] as const)('equals the krippendorff package at the %s level', (level, expected) => {
    expect(krippendorffAlpha(units, level)).toBeCloseTo(expected, 12);
  });

  it('keeps string categories for nominal data and is null when every value is the same', () => {
    expect(krippendorffAlpha([['win', 'win'], ['loss', 'loss'], ['tie', 'win']])).toBeCloseTo(krippendorffAlpha([[1, 1], [3, 3], [2, 1]])!, 12);
    expect(krippendorffAlpha([['a', 'a'], ['a', 'a']])).toBeNull();
  });
});

describe('rank correlations', () => {
  it('equal scipy spearmanr and kendalltau (tau-b) with ties', () => {
    const x = [1, 2, 2, 3, 4, 5, 5, 1];
    const y = [2, 1, 2, 3, 5, 4, 5, 2];
    expect(spearmanRho(x, y)).toBeCloseTo(0.8063129956636504, 12);
    expect(kendallTauB(x, y)).toBeCloseTo(0.6531972647421809, 12);
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });
});

describe('Bradley–Terry', () => {
  const games = (a: string, b: string, count: number) => Array.from({ length: count }, () => ({ a, b, score: 1 }));
  const comparisons = [...games('A', 'B', 3), ...games('B', 'A', 1), ...games('A', 'C', 2), ...games('C', 'A', 2), ...games('B', 'C', 3), ...games('C', 'B', 1)];

  it('gives 3:1 for a 3–1 record between two players', () => {
    const { strengths } = bradleyTerry([...games('x', 'y', 3), ...games('y', 'x', 1)], { prior: 0 });
    expect(strengths.x! / strengths.y!).toBeCloseTo(3, 8);
  });

  it('matches the maximum-likelihood fit of a worked three-player example (scipy BFGS on the log-likelihood)', () => {
    const { strengths, converged } = bradleyTerry(comparisons, { prior: 0 });
    expect(converged).toBe(true);
    expect(strengths.A).toBeCloseTo(1.4091777663001133, 6);
    expect(strengths.B).toBeCloseTo(1.0000000047682218, 6);
    expect(strengths.C).toBeCloseTo(0.7096336737254537, 6);
  });

  it('gives seeded bootstrap intervals that contain the estimate', () => {
    const intervals = bradleyTerryIntervals(comparisons, { seed: 3, resamples: 200 });
    for (const { strength, lo, hi } of Object.values(intervals)) {
      expect(lo).toBeLessThanOrEqual(strength);
      expect(hi).toBeGreaterThanOrEqual(strength);
    }
    expect(bradleyTerryIntervals(comparisons, { seed: 3, resamples: 200 })).toEqual(intervals);
  });
});

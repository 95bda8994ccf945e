import { describe, expect, it } from 'vitest';
import { bootstrapInterval, clusteredBootstrapInterval } from '../../../lib/stats/bootstrap.ts';
import { mean } from '../../../lib/stats/mean.ts';

// A TypeScript PRNG cannot replay numpy's stream, so these tests check reproducibility and the
// large-B limits the bootstrap must reach (docs/metrics.md §4.6), with tolerances of several Monte
// Carlo standard errors.
const EIGHTY_OF_HUNDRED = [...new Array<number>(80).fill(1), ...new Array<number>(20).fill(0)];

describe('bootstrapInterval', () => {
  it('is reproducible from its seed', () => {
    const first = bootstrapInterval(EIGHTY_OF_HUNDRED, mean, { seed: 42, resamples: 500 });
    const again = bootstrapInterval(EIGHTY_OF_HUNDRED, mean, { seed: 42, resamples: 500 });
    const other = bootstrapInterval(EIGHTY_OF_HUNDRED, mean, { seed: 43, resamples: 500 });
    expect(again).toEqual(first);
    expect(other.se).not.toBe(first.se);
    expect(first).toMatchObject({ estimate: 0.8, n: 100, resamples: 500, skipped: 0, confidence: 0.95, seed: 42 });
  });

  it('reaches the plug-in SE of a proportion, sqrt(p(1 − p)/n) = 0.04 for 80/100', () => {
    // Bootstrap variance of a mean → (1/n)·(1/n)Σ(x − x̄)² = 0.8·0.2/100 (Efron & Tibshirani 1993, ch. 6).
    // Monte Carlo SE of the bootstrap SE at B = 20,000 ≈ 0.04/sqrt(2B) = 0.0002.
    const result = bootstrapInterval(EIGHTY_OF_HUNDRED, mean, { seed: 1, resamples: 20_000 });
    expect(result.se).toBeGreaterThan(0.039);
    expect(result.se).toBeLessThan(0.041);
    // Normal-theory interval 0.8 ± 1.96·0.04 = [0.7216, 0.8784]; the percentile interval lies on the 0.01 grid.
    expect(result.lo).toBeGreaterThanOrEqual(0.71);
    expect(result.lo).toBeLessThanOrEqual(0.73);
    expect(result.hi).toBeGreaterThanOrEqual(0.87);
    expect(result.hi).toBeLessThanOrEqual(0.89);
  });

  it('skips and counts resamples whose statistic is null', () => {
    // Statistic undefined when a resample of [0,0,0,1] has no 1: probability (3/4)^4 = 0.31640625,
    // so ≈ 3164 of 10,000 resamples, binomial SD ≈ 46.5; allow ±4 SD.
    const ratio = (sample: readonly number[]) => (sample.includes(1) ? mean(sample) : null);
    const result = bootstrapInterval([0, 0, 0, 1], ratio, { seed: 3, resamples: 10_000 });
    expect(result.skipped).toBeGreaterThan(2978);
    expect(result.skipped).toBeLessThan(3350);
    expect(result.lo).not.toBeNull();
  });

  it('returns null bounds when every resample is undefined, and nulls for no items', () => {
    const never = () => null;
    expect(bootstrapInterval([1, 2, 3], never, { seed: 1, resamples: 50 })).toMatchObject({
      estimate: null,
      lo: null,
      hi: null,
      se: null,
      skipped: 50,
    });
    expect(bootstrapInterval([], mean, { seed: 1 })).toMatchObject({ n: 0, estimate: null, lo: null, resamples: 2000 });
  });

  it('bootstraps a ratio statistic over whole records (BBQ-style bias score)', () => {
    type Answer = { biased: boolean; unknown: boolean };
    const answers: Answer[] = [
      ...Array.from({ length: 30 }, () => ({ biased: true, unknown: false })),
      ...Array.from({ length: 10 }, () => ({ biased: false, unknown: false })),
      ...Array.from({ length: 60 }, () => ({ biased: false, unknown: true })),
    ];
    // s_DIS = 2·(n_biased / n_non-UNKNOWN) − 1 (Parrish et al. 2022 §5) = 2·30/40 − 1 = 0.5.
    const biasScore = (sample: readonly Answer[]) => {
      const decided = sample.filter((answer) => !answer.unknown);
      if (decided.length === 0) return null;
      return (2 * decided.filter((answer) => answer.biased).length) / decided.length - 1;
    };
    const result = bootstrapInterval(answers, biasScore, { seed: 11, resamples: 2000 });
    expect(result.estimate).toBeCloseTo(0.5, 12);
    expect(result.lo!).toBeLessThan(0.5);
    expect(result.hi!).toBeGreaterThan(0.5);
  });

  it('explains a statistic that returns NaN, and validates its options', () => {
    expect(() => bootstrapInterval([1], () => Number.NaN, { seed: 1, resamples: 3 })).toThrow(
      'statistic returned NaN on resample 0; return null when the statistic is undefined',
    );
    expect(() => bootstrapInterval([1], mean, { seed: 1, resamples: 0 })).toThrow('resamples must be an integer ≥ 1, got 0');
    expect(() => bootstrapInterval([1], mean, { seed: 0.5 })).toThrow('seed must be an integer, got 0.5');
  });
});

describe('clusteredBootstrapInterval', () => {
  // 10 clusters of 10 identical scores (5 all-correct, 5 all-wrong): perfectly correlated within
  // clusters. Resampling items gives SE ≈ sqrt(0.25/100) = 0.05; resampling clusters gives
  // SE ≈ sqrt(0.25/10) = 0.158114 (plug-in variance of the 10 cluster means / 10).
  const items = Array.from({ length: 100 }, (_, i) => ({ cluster: `q${Math.floor(i / 10)}`, score: Math.floor(i / 10) % 2 }));
  const meanScore = (sample: readonly { score: number }[]) => mean(sample.map((item) => item.score));

  it('widens the interval when clusters are perfectly correlated', () => {
    const naive = bootstrapInterval(items, meanScore, { seed: 5, resamples: 10_000 });
    const clustered = clusteredBootstrapInterval(items, meanScore, {
      seed: 5,
      resamples: 10_000,
      clusterOf: (item) => item.cluster,
    });
    expect(clustered.clusters).toBe(10);
    expect(clustered.n).toBe(100);
    expect(clustered.estimate).toBeCloseTo(0.5, 12);
    expect(naive.se!).toBeGreaterThan(0.047);
    expect(naive.se!).toBeLessThan(0.053);
    expect(clustered.se!).toBeGreaterThan(0.15);
    expect(clustered.se!).toBeLessThan(0.166);
    expect(clustered.hi! - clustered.lo!).toBeGreaterThan(2.5 * (naive.hi! - naive.lo!));
  });

  it('is reproducible from its seed and handles no items', () => {
    const options = { seed: 8, resamples: 300, clusterOf: (item: { cluster: string }) => item.cluster };
    expect(clusteredBootstrapInterval(items, meanScore, options)).toEqual(
      clusteredBootstrapInterval(items, meanScore, options),
    );
    const noItems: typeof items = [];
    expect(clusteredBootstrapInterval(noItems, meanScore, options)).toMatchObject({ n: 0, clusters: 0, lo: null });
  });
});

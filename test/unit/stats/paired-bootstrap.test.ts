import { describe, expect, it } from 'vitest';
import { pairedBootstrap } from '../../../lib/stats/paired-bootstrap.ts';
import { percentile } from '../../../lib/stats/percentile.ts';

// docs/metrics.md §4.3 vectors: A − B has three 1s and seven 0s, Δ = 0.3.
const A = [1, 1, 0, 1, 0, 1, 1, 1, 0, 1];
const B = [1, 0, 0, 1, 0, 0, 1, 1, 0, 0];

describe('pairedBootstrap', () => {
  it('converges to the plug-in SE of the paired difference (docs/metrics.md §4.6: 0.144914 ± 0.003 at B = 20,000)', () => {
    // Plug-in: sqrt((1/n)·(1/n)Σ(d − d̄)²) = sqrt(0.21/10) = 0.144914.
    const result = pairedBootstrap({ a: A, b: B, seed: 2024, resamples: 20_000 });
    expect(result.diff).toBeCloseTo(0.3, 12);
    expect(result.n).toBe(10);
    expect(result.se!).toBeGreaterThan(0.144914 - 0.003);
    expect(result.se!).toBeLessThan(0.144914 + 0.003);
  });

  it('gives p ≈ 2·P(no discordant win drawn) = 2·0.7^10 = 0.056495', () => {
    // d* ≤ 0 only when a resample draws none of the three d = 1 pairs: probability 0.7^10 = 0.0282475;
    // d* ≥ 0 always. Monte Carlo SD of the estimate at B = 20,000: 2·sqrt(0.02825·0.97175/20000) ≈ 0.0023.
    const result = pairedBootstrap({ a: A, b: B, seed: 7, resamples: 20_000 });
    expect(Math.abs(result.pValue - 0.056495)).toBeLessThan(0.008);
    expect(result.lo).toBeGreaterThanOrEqual(0);
    expect(result.hi).toBeLessThanOrEqual(0.7);
  });

  it('reports diff 0, a zero-width interval and p = 1 for identical systems', () => {
    const result = pairedBootstrap({ a: A, b: A, seed: 1, resamples: 200 });
    expect(result).toMatchObject({ diff: 0, lo: 0, hi: 0, se: 0, pValue: 1, resamples: 200, confidence: 0.95 });
  });

  it('accepts another statistic, such as the median', () => {
    const median = (values: readonly number[]) => percentile(values, 50) ?? 0;
    const result = pairedBootstrap({ a: [5, 6, 7, 8, 9], b: [1, 2, 3, 4, 5], statistic: median, seed: 3, resamples: 500 });
    expect(result.diff).toBe(4);
  });

  it('is reproducible and rejects unpaired input', () => {
    expect(pairedBootstrap({ a: A, b: B, seed: 9, resamples: 300 })).toEqual(
      pairedBootstrap({ a: A, b: B, seed: 9, resamples: 300 }),
    );
    expect(() => pairedBootstrap({ a: [1, 0], b: [1], seed: 1 })).toThrow(
      'a and b must have the same length, got 2 and 1',
    );
    expect(() => pairedBootstrap({ a: [], b: [], seed: 1 })).toThrow('needs at least one pair of scores, got none');
  });
});

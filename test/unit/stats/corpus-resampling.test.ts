import { describe, expect, it } from 'vitest';
import {
  corpusBootstrapInterval,
  corpusMarginTest,
  pairedApproximateRandomization,
  pairedCorpusBootstrap,
} from '../../../lib/stats/index.ts';

// A ratio statistic over [matches, total] rows: a corpus score that is not a mean of row scores.
const ratio = (summed: readonly number[]) => (summed[1] === 0 ? 0 : (100 * summed[0]!) / summed[1]!);
const rows = (pairs: [number, number][]) => pairs.map(([m, t]) => [m, t]);

describe('corpus resampling of sufficient statistics', () => {
  const a = rows(Array.from({ length: 60 }, (_, i) => [i % 3, 4 + (i % 5)] as [number, number]));
  const better = a.map(([m, t]) => [Math.min(t!, m! + 2), t!]);

  it('bootstrap interval: the estimate is the corpus score of the summed rows, and a seed reproduces the interval', () => {
    const first = corpusBootstrapInterval(a, ratio, { seed: 42, resamples: 500 });
    const total = a.reduce((sum, [m, t]) => [sum[0]! + m!, sum[1]! + t!], [0, 0]);
    expect(first.estimate).toBeCloseTo(ratio(total), 12);
    expect(first.lo!).toBeLessThan(first.estimate!);
    expect(first.hi!).toBeGreaterThan(first.estimate!);
    expect(corpusBootstrapInterval(a, ratio, { seed: 42, resamples: 500 })).toEqual(first);
    expect(corpusBootstrapInterval(a, ratio, { seed: 43, resamples: 500 }).lo).not.toBe(first.lo);
  });

  it('paired bootstrap and approximate randomisation find a real improvement and give p = 1 for identical systems', () => {
    const boot = pairedCorpusBootstrap({ a, b: better, score: ratio, seed: 1 });
    expect(boot.diff).toBeGreaterThan(0);
    expect(boot.lo).toBeGreaterThan(0);
    expect(boot.pValue).toBeLessThan(0.01);
    expect(boot.resamples).toBe(1000);
    const ar = pairedApproximateRandomization({ a, b: better, score: ratio, seed: 1 });
    expect(ar.pValue).toBeCloseTo(1 / 10_001, 10);
    expect(pairedCorpusBootstrap({ a, b: a, score: ratio, seed: 1 }).pValue).toBe(1);
    expect(pairedApproximateRandomization({ a, b: a, score: ratio, seed: 1 }).pValue).toBe(1);
  });

  it('approximate randomisation is not significant for two systems that differ by noise only', () => {
    const flat = Array.from({ length: 60 }, () => [2, 5]);
    const noisy = flat.map((_, i) => [i % 3 === 0 ? 3 : i % 3 === 1 ? 1 : i === 2 ? 3 : 2, 5]);
    const ar = pairedApproximateRandomization({ a: flat, b: noisy, score: ratio, seed: 3, resamples: 2000 });
    expect(ar.diff).toBeGreaterThan(0);
    expect(ar.pValue).toBeGreaterThan(0.2);
  });

  it('margin test: a drop larger than the margin is significant, a drop inside it is not; lower-is-better flips the sign', () => {
    const drop = corpusMarginTest({ a: better, b: a, score: ratio, seed: 5, margin: 1, higherIsBetter: true });
    expect(drop.drop).toBeGreaterThan(10);
    expect(drop.pValue).toBeLessThan(0.01);
    const within = corpusMarginTest({ a: better, b: a, score: ratio, seed: 5, margin: 40, higherIsBetter: true });
    expect(within.pValue).toBeGreaterThan(0.5);
    const errorRate = corpusMarginTest({ a: better, b: a, score: ratio, seed: 5, margin: 1, higherIsBetter: false });
    expect(errorRate.drop).toBeLessThan(0);
  });

  it('rejects systems scored on different segments', () => {
    expect(() => pairedCorpusBootstrap({ a, b: a.slice(1), score: ratio, seed: 1 })).toThrow(/same segments/);
  });
});

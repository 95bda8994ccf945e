import { describe, expect, it } from 'vitest';
import { percentile } from '../../../lib/stats/percentile.ts';
import { summarizeDistribution } from '../../../lib/stats/summarize-distribution.ts';

// docs/metrics.md §6.3 test vector. Expected values: numpy `np.percentile(x, p)` (method='linear',
// Hyndman & Fan type 7), and by hand: sorted x = [80,85,90,95,100,105,110,120,300,1000];
// p90 → h = 9·0.9 = 8.1 → 300 + 0.1·700 = 370; p95 → h = 8.55 → 300 + 0.55·700 = 685;
// p99 → h = 8.91 → 300 + 0.91·700 = 937; p50 → h = 4.5 → (100 + 105)/2 = 102.5.
const LATENCIES_MS = [120, 80, 100, 300, 90, 110, 95, 105, 1000, 85];

describe('percentile (numpy linear, Hyndman–Fan type 7)', () => {
  it('matches the docs/metrics.md §6.3 vector', () => {
    expect(percentile(LATENCIES_MS, 50)).toBeCloseTo(102.5, 10);
    expect(percentile(LATENCIES_MS, 90)).toBeCloseTo(370, 10);
    expect(percentile(LATENCIES_MS, 95)).toBeCloseTo(685, 10);
    expect(percentile(LATENCIES_MS, 99)).toBeCloseTo(937, 10);
  });

  it('returns the extremes at p = 0 and p = 100, and the value for a single element', () => {
    expect(percentile(LATENCIES_MS, 0)).toBe(80);
    expect(percentile(LATENCIES_MS, 100)).toBe(1000);
    expect(percentile([42], 99)).toBe(42);
  });

  it('returns null for an empty list', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects p outside 0..100 and non-finite values, naming what it got', () => {
    expect(() => percentile([1, 2], 101)).toThrow('p must be between 0 and 100, got 101');
    expect(() => percentile([1, Number.NaN], 50)).toThrow('values[1] must be a finite number, got NaN');
  });
});

describe('summarizeDistribution', () => {
  it('summarises the docs/metrics.md §6.3 vector like vLLM (np.std ddof = 0)', () => {
    const summary = summarizeDistribution(LATENCIES_MS);
    expect(summary.n).toBe(10);
    // mean = 2085/10; std: Python statistics.pstdev(x) = 270.8417434591647 (= np.std, ddof 0).
    expect(summary.mean).toBeCloseTo(208.5, 10);
    expect(summary.std).toBeCloseTo(270.8417434591647, 9);
    expect(summary.min).toBe(80);
    expect(summary.max).toBe(1000);
    expect(summary.p50).toBeCloseTo(102.5, 10);
    expect(summary.p90).toBeCloseTo(370, 10);
    expect(summary.p95).toBeCloseTo(685, 10);
    expect(summary.p99).toBeCloseTo(937, 10);
  });

  it('is null-safe for an empty list', () => {
    expect(summarizeDistribution([])).toEqual({
      n: 0,
      mean: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      min: null,
      max: null,
      std: null,
    });
  });

  it('gives std 0 for a single value', () => {
    expect(summarizeDistribution([7])).toMatchObject({ n: 1, mean: 7, std: 0, p99: 7 });
  });
});

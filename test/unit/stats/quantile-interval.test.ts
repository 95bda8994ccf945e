import { describe, expect, it } from 'vitest';
import { bootstrapInterval, createRng, percentile, quantileInterval } from '../../../lib/stats/index.ts';

/** Every one of the n^n equally likely bootstrap resamples of `values`, and its p-th percentile. */
function enumerateBootstrap(values: number[], p: number): number[] {
  const n = values.length;
  const out: number[] = [];
  const pick = new Array<number>(n).fill(0);
  for (let index = 0; index < n ** n; index++) {
    let rest = index;
    for (let k = 0; k < n; k++) {
      pick[k] = values[rest % n]!;
      rest = Math.floor(rest / n);
    }
    out.push(percentile(pick, p)!);
  }
  return out.sort((a, b) => a - b);
}

/** Smallest resampled value whose CDF reaches q: the percentile interval's bound with B = every resample. */
function boundAt(distribution: number[], q: number): number {
  return distribution[Math.ceil(q * distribution.length) - 1]!;
}

describe('quantileInterval (exact percentile bootstrap of a percentile)', () => {
  it('equals the full enumeration of all n^n resamples when the percentile is an order statistic', () => {
    const values = [120, 80, 300, 95, 1000, 105];
    for (const p of [0, 20, 40, 60, 100]) {
      // n = 6: h = 5p/100 is whole for these p, so type 7 picks one order statistic (g = 0).
      const all = enumerateBootstrap(values, p);
      const sorted = [...values].sort((a, b) => a - b);
      expect(quantileInterval(sorted, p)).toEqual({ lo: boundAt(all, 0.025), hi: boundAt(all, 0.975), method: 'exact-bootstrap-percentile' });
    }
  });

  it('agrees with a seeded resampling bootstrap (B = 4000) on skewed latencies', () => {
    const rng = createRng(3);
    const values = Array.from({ length: 300 }, () => Math.round(Math.exp(6.5 + 0.5 * Math.sqrt(-2 * Math.log(rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat()))));
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [50, 90, 95]) {
      const exact = quantileInterval(sorted, p)!;
      const resampled = bootstrapInterval(values, (sample) => percentile(sample as number[], p), { resamples: 4000, seed: 1 });
      const width = resampled.hi! - resampled.lo!;
      expect(Math.abs(exact.lo - resampled.lo!)).toBeLessThan(0.05 * width);
      expect(Math.abs(exact.hi - resampled.hi!)).toBeLessThan(0.05 * width);
      expect(exact.lo).toBeLessThanOrEqual(percentile(values, p)!);
      expect(exact.hi).toBeGreaterThanOrEqual(percentile(values, p)!);
    }
  });

  it('is wide on few samples and narrows as n grows', () => {
    const few = quantileInterval([782, 1111, 1486, 900, 1000, 950, 1200, 870].sort((a, b) => a - b), 95)!;
    expect(few.hi - few.lo).toBeGreaterThan(300);
    const many = Array.from({ length: 20_000 }, (_, index) => 500 + (index % 1000)).sort((a, b) => a - b);
    const tight = quantileInterval(many, 95)!;
    expect(tight.hi - tight.lo).toBeLessThan(10);
    expect(quantileInterval([], 95)).toBeNull();
  });
});

describe('latency percentiles in the summary carry these intervals', () => {
  it('adds ci95 to p50–p99 (not to the mean, nor to pooled inter-token gaps)', async () => {
    const { distributionMetrics } = await import('../../../lib/engine/latency-metrics.ts');
    const values = [1111, 782, 1486, 900, 1000, 950, 1200, 870, 1020, 990];
    const metrics = distributionMetrics('latency', values);
    const sorted = [...values].sort((a, b) => a - b);
    const interval = quantileInterval(sorted, 95)!;
    expect(metrics['latency.p95_ms']).toMatchObject({ value: percentile(values, 95), ci95: [interval.lo, interval.hi], method: 'exact-bootstrap-percentile' });
    expect(metrics['latency.mean_ms']!.ci95).toBeUndefined();
    expect(distributionMetrics('itl', values, { intervals: false })['itl.p95_ms']!.ci95).toBeUndefined();
  });
});

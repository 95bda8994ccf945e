import { describe, expect, it } from 'vitest';
import { meanMetric } from '../../../lib/engine/candidate-metrics.ts';

describe('score means', () => {
  it('gives identical partial-credit scores (three ties at ½) a value and an interval instead of failing', () => {
    const metric = meanMetric([0.5, 0.5, 0.5]);
    expect(metric.value).toBe(0.5);
    expect(metric.n).toBe(3);
    expect(metric.ci95![0]).toBeLessThan(0.5);
    expect(metric.ci95![1]).toBeGreaterThan(0.5);
  });
});

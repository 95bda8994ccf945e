import { describe, expect, it } from 'vitest';
import { formatValue, metricFamily, metricKind, metricLabel } from '../../../reports/metrics.ts';

describe('report metric units and labels', () => {
  it('shows requests per second as req/s and tokens per second as tok/s', () => {
    expect(formatValue(metricKind('throughput.requests_per_s'), 12.34)).toBe('12.3 req/s');
    expect(formatValue(metricKind('goodput.requests_per_s'), 3.456)).toBe('3.46 req/s');
    expect(formatValue(metricKind('throughput.output_tokens_per_s'), 812.25)).toBe('812.3 tok/s');
    expect(metricFamily('goodput.rate')).toBe('latency');
  });

  it('shows money to significant digits, never $0.0000 for a real cost', () => {
    expect(formatValue(metricKind('cost.per_correct_usd'), 1.03e-5)).toBe('$0.0000103');
    expect(formatValue(metricKind('cost.usd'), 0.0421)).toBe('$0.0421');
    expect(formatValue(metricKind('cost.usd'), 12.345)).toBe('$12.35');
  });

  it('labels metrics that used to show as raw keys', () => {
    expect(metricLabel('throughput.requests_per_s')).toBe('Request throughput');
    expect(metricLabel('cost.per_correct_usd')).toBe('Cost per correct answer');
    expect(metricLabel('tpot.p95_ms')).toBe('Time per output token p95');
    expect(metricLabel('latency.mean_ms')).toBe('Latency mean');
    expect(metricLabel('accuracy.pass@5')).toBe('pass@5');
    expect(metricLabel('goodput.rate')).toBe('Goodput (share within SLO)');
  });
});

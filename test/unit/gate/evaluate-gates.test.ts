import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../lib/gate/index.ts';
import type { CandidateSummary } from '../../../lib/results/index.ts';
import { ThresholdGateSchema } from '../../../lib/spec/index.ts';

const candidates: Record<string, CandidateSummary> = {
  model: {
    n: 20,
    errors: 0,
    metrics: {
      accuracy: { kind: 'proportion', value: 0.85, n: 20, ci95: [0.6396, 0.9476] },
      'bias.bbq.ambig': { kind: 'proportion', value: -0.12, n: 40, ci95: [-0.2, -0.04] },
    },
  },
  control: { n: 20, errors: 0, kind: 'control', metrics: { accuracy: { kind: 'proportion', value: 1, n: 20, ci95: [0.8389, 1] } } },
};

const gate = (input: Record<string, unknown>) => ThresholdGateSchema.parse(input);

describe('evaluateGates', () => {
  it('applies a gate to every candidate that reports the metric', () => {
    const results = evaluateGates([gate({ metric: 'accuracy', op: '>=', value: 0.8 })], candidates);
    expect(results.map((result) => [result.candidate, result.pass])).toEqual([
      ['model', true],
      ['control', true],
    ]);
  });

  it('passes on the point value but fails on the lower bound of the interval', () => {
    const [onValue] = evaluateGates([gate({ metric: 'accuracy', op: '>=', value: 0.8, candidate: 'model' })], candidates);
    const [onLow] = evaluateGates([gate({ metric: 'accuracy', op: '>=', value: 0.8, candidate: 'model', on: 'ci_low' })], candidates);
    expect(onValue!.pass).toBe(true);
    expect(onLow!.pass).toBe(false);
    expect(onLow!.value).toBe(0.6396);
    expect(onLow!.reason).toContain('fails >= 0.8');
  });

  it('compares |x| for signed metrics with abs, including interval bounds', () => {
    const [value] = evaluateGates([gate({ metric: 'bias.bbq.ambig', op: '<=', value: 0.1, abs: true })], candidates);
    const [high] = evaluateGates([gate({ metric: 'bias.bbq.ambig', op: '<=', value: 0.1, abs: true, on: 'ci_high' })], candidates);
    expect(value!).toMatchObject({ value: 0.12, pass: false });
    expect(high!).toMatchObject({ value: 0.2, pass: false });
  });

  it('fails a metric that no candidate reports, so a typo never passes', () => {
    const results = evaluateGates([gate({ metric: 'acuracy', op: '>=', value: 0.5 })], candidates);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ pass: false, value: null });
    expect(results[0]!.reason).toContain('no candidate reports metric "acuracy"');
  });

  it('fails a model that lacks the metric (every call failed), but skips a control without it', () => {
    const results = evaluateGates([gate({ metric: 'latency.p95_ms', op: '<=', value: 2000 })], {
      ...candidates,
      model: { ...candidates.model!, metrics: { ...candidates.model!.metrics, 'latency.p95_ms': { kind: 'distribution', value: 900, n: 20 } } },
      broken: { n: 20, errors: 20, kind: 'model', metrics: { 'errors.rate': { kind: 'proportion', value: 1, n: 20 } } },
    });
    expect(results.map((result) => [result.candidate, result.pass])).toEqual([
      ['model', true],
      ['broken', false],
    ]);
  });

  it('fails a gate on a candidate that is not in the run', () => {
    const [result] = evaluateGates([gate({ metric: 'accuracy', op: '>=', value: 0.5, candidate: 'ghost' })], candidates);
    expect(result).toMatchObject({ pass: false, candidate: 'ghost' });
  });
});

import { describe, expect, it } from 'vitest';
import { RobustnessAccumulator } from '../../../lib/engine/robustness-metrics.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { categoriesOf, ofKind } from '../../../lib/results/index.ts';

function record(baseId: string, name: string, pass: boolean, error = false): ResultRecord {
  const sampleId = name === 'original' ? baseId : `${baseId}~${name}`;
  return {
    schemaVersion: 1, itemId: `${sampleId}|m|0`, shard: 'shard-00000', sampleId, candidate: 'm', repeat: 0, prompt: [], output: 'x',
    error: error ? { code: 'PROVIDER_HTTP', message: 'failed' } : null, scores: { exact: { value: pass ? 1 : 0, pass } },
    latencyMs: null, ttftMs: null, usage: null, attempts: 1, startedAt: '', finishedAt: '', meta: { perturbation: { baseId, name } },
  };
}

function accumulate(rows: [string, boolean, boolean, boolean][]): ReturnType<RobustnessAccumulator['metrics']> {
  const accumulator = new RobustnessAccumulator('exact');
  for (const [id, original, typo, upper] of rows) {
    accumulator.add(record(id, 'original', original));
    accumulator.add(record(id, 'typo', typo));
    accumulator.add(record(id, 'case', upper));
  }
  return accumulator.metrics();
}

describe('robustness and consistency on a worked example', () => {
  // s1 survives everything; s2 breaks on the typo; s3 always fails; s4 only passes with the typo.
  const metrics = accumulate([
    ['s1', true, true, true],
    ['s2', true, false, true],
    ['s3', false, false, false],
    ['s4', false, true, false],
  ]);

  it('robustness.accuracy is the worst case over the original and every variant, per sample (HELM)', () => {
    expect(metrics['robustness.accuracy']).toMatchObject({ value: 0.25, n: 4, original: 0.5, variants: ['case', 'typo'] });
    expect(categoriesOf(metrics['robustness.accuracy'])).toMatchObject({ typo: { value: 0.25, n: 4 }, case: { value: 0.5, n: 4 } });
  });

  it('consistency.rate is the share of samples with one outcome on every variant', () => {
    expect(metrics['consistency.rate']).toMatchObject({ value: 0.5, n: 4 });
    expect(categoriesOf(metrics['consistency.rate'])).toMatchObject({ typo: { value: 0.5 }, case: { value: 1 } });
  });

  it('accuracy_change pairs each sample perturbed vs original, with McNemar counts', () => {
    expect(metrics['robustness.accuracy_change']).toMatchObject({ value: -0.25, n: 4, b: 0, c: 1, pValue: 1, test: 'mcnemar-exact' });
    expect(categoriesOf(metrics['robustness.accuracy_change'])!.typo).toMatchObject({ value: 0, b: 1, c: 1, pValue: 1 });
  });

  it('gives the exact McNemar p of docs/metrics.md §4.5 (b = 2, c = 10 → 0.03857421875)', () => {
    const rows: [string, boolean, boolean, boolean][] = [];
    for (let index = 0; index < 10; index++) rows.push([`lost-${index}`, true, false, true]);
    for (let index = 0; index < 2; index++) rows.push([`won-${index}`, false, true, false]);
    const typo = ofKind(categoriesOf(accumulate(rows)['robustness.accuracy_change'])!.typo, 'paired-difference')!;
    expect(typo).toMatchObject({ value: -8 / 12, b: 2, c: 10 });
    expect(typo.pValue).toBeCloseTo(0.03857421875, 12);
  });

  it('counts an error on a variant as a failure, and skips runs without perturbations', () => {
    const accumulator = new RobustnessAccumulator('exact');
    accumulator.add(record('s1', 'original', true));
    accumulator.add(record('s1', 'typo', true, true));
    expect(accumulator.metrics()['robustness.accuracy']!.value).toBe(0);
    expect(new RobustnessAccumulator('exact').metrics()).toEqual({});
  });
});

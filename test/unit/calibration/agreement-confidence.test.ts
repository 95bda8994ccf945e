import { describe, expect, it } from 'vitest';
import { CalibrationAccumulator } from '../../../lib/engine/calibration-metrics.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { CalibrationSpecSchema } from '../../../lib/spec/answer-spec.ts';

function record(sampleId: string, repeat: number, output: string, pass: boolean): ResultRecord {
  return {
    schemaVersion: 1, itemId: `${sampleId}|m|${repeat}`, shard: 'shard-00000', sampleId, candidate: 'm', repeat, prompt: [], output, error: null,
    scores: { exact: { value: pass ? 1 : 0, pass } }, latencyMs: null, ttftMs: null, usage: null, attempts: 1, startedAt: '', finishedAt: '',
  };
}

describe('self-consistency confidence (calibration.confidence: agreement)', () => {
  it('is the majority answer vote share over the repeats, scored by the majority answer', () => {
    const accumulator = new CalibrationAccumulator(CalibrationSpecSchema.parse({ confidence: 'agreement', bins: 2 }), 'exact');
    // s1: Paris ×3 of 4 (right) → 0.75, correct; s2: 2-2 tie Lyon/Nice (both wrong) → 0.5, wrong; s3: 4 of 4 "Rome" (wrong) → 1, wrong.
    for (const [repeat, text] of ['Paris', 'paris.', 'Lyon', ' Paris'].entries()) accumulator.add(record('s1', repeat, text, text.toLowerCase().includes('paris')));
    for (const [repeat, text] of ['Nice', 'Lyon', 'Lyon', 'Nice'].entries()) accumulator.add(record('s2', repeat, text, false));
    for (const repeat of [0, 1, 2, 3]) accumulator.add(record('s3', repeat, 'Rome', false));
    const metrics = accumulator.metrics(1);
    expect(metrics['calibration.ece']!.n).toBe(3);
    // Brier over the three samples: ((0.75 − 1)² + 0.5² + 1²) / 3.
    expect(metrics['calibration.brier']!.value).toBeCloseTo((0.0625 + 0.25 + 1) / 3, 12);
    expect(metrics['calibration.ece']).toMatchObject({ source: 'agreement', sources: { 'agreement/majority-share': 3 } });
    // One right sample (0.75) above one wrong (0.5), below the other (1.0).
    expect(metrics['calibration.auroc']!.value).toBe(0.5);
  });

  it('reports nothing when no answer carries a confidence', () => {
    const accumulator = new CalibrationAccumulator(CalibrationSpecSchema.parse({}), 'exact');
    accumulator.add(record('s1', 0, 'Paris', true));
    expect(accumulator.metrics(1)).toEqual({});
  });
});

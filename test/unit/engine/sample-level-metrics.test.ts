import { describe, expect, it } from 'vitest';
import { aggregateRecords } from '../../../lib/engine/aggregate.ts';
import { meanInterval, passAtK } from '../../../lib/stats/index.ts';
import { manifest, record } from './records.ts';
import { ofKind } from '../../../lib/results/index.ts';

// Four samples × three repeats. Per-sample passes: s1 [1,1,1], s2 [1,0,0], s3 [0,0,0], s4 [1,1,0].
const PASSES: Record<string, number[]> = { s1: [1, 1, 1], s2: [1, 0, 0], s3: [0, 0, 0], s4: [1, 1, 0] };
const repeated = Object.entries(PASSES).flatMap(([sampleId, passes]) =>
  passes.map((pass, repeat) => record({ sampleId, candidate: 'm', repeat, pass: pass === 1, category: sampleId === 's1' ? 'x' : 'y' })),
);

describe('accuracy with execution.repeats > 1 (repeats are not independent samples)', () => {
  it('averages per sample first and puts the interval over samples, not records', async () => {
    const summary = await aggregateRecords(repeated, manifest({ candidates: [{ id: 'm' }], repeats: 3 }));
    const accuracy = ofKind(summary.candidates.m!.metrics.accuracy, 'proportion')!;
    expect(accuracy.value).toBeCloseTo(0.5, 15);
    expect(accuracy.n).toBe(4);
    expect(accuracy.repeats).toBe(3);
    // numpy: per-sample means [1, 1/3, 0, 2/3], mean ± 1.959964·std(ddof=1)/sqrt(4).
    expect(accuracy.ci95![0]).toBeCloseTo(0.0782828960394466, 10);
    expect(accuracy.ci95![1]).toBeCloseTo(0.9217171039605534, 10);
    expect(accuracy.method).toBe('iid-ddof1');
    expect(accuracy.byCategory!.y!.n).toBe(3);
  });

  it('reports pass@k for k ≤ n with the unbiased estimator averaged over samples (Chen et al. 2021)', async () => {
    const metrics = (await aggregateRecords(repeated, manifest({ candidates: [{ id: 'm' }], repeats: 3 }))).candidates.m!.metrics;
    // By hand: pass@2 = mean(1, 1 − C(2,2)/C(3,2), 0, 1) = (1 + 2/3 + 0 + 1)/4; pass@3 = 3/4.
    expect(metrics['accuracy.pass@1']!.value).toBeCloseTo(0.5, 15);
    expect(metrics['accuracy.pass@2']!.value).toBeCloseTo((1 + 2 / 3 + 0 + 1) / 4, 15);
    expect(metrics['accuracy.pass@3']!.value).toBeCloseTo(0.75, 15);
    expect(metrics['accuracy.pass@2']!.value).toBeCloseTo(
      Object.values(PASSES).reduce((sum, passes) => sum + passAtK(3, passes.reduce((a, b) => a + b, 0), 2), 0) / 4,
      15,
    );
    expect(metrics['accuracy.pass@4']).toBeUndefined();
    expect(metrics['accuracy.pass@2']!.n).toBe(4);
  });

  it('reports the spread across repeats and the share of samples whose repeats agree', async () => {
    const metrics = (await aggregateRecords(repeated, manifest({ candidates: [{ id: 'm' }], repeats: 3 }))).candidates.m!.metrics;
    // Per-repeat accuracy: r0 3/4, r1 2/4, r2 1/4 → sd (ddof 1) 0.25. Within-sample variances 0, 1/3, 0, 1/3 → 1/6.
    const spread = ofKind(metrics['accuracy.repeat_sd'], 'repeat-spread')!;
    expect(spread.value).toBeCloseTo(0.25, 15);
    expect(spread.byRepeat).toEqual([0.75, 0.5, 0.25]);
    expect(spread.min).toBe(0.25);
    expect(spread.max).toBe(0.75);
    expect(spread.withinSampleVariance).toBeCloseTo(1 / 6, 15);
    expect(metrics['accuracy.consistency']!.value).toBe(0.5);
  });

  it('counts a failed repeat as a miss of that sample', async () => {
    const records = [
      record({ sampleId: 's1', candidate: 'm', repeat: 0, pass: true }),
      record({ sampleId: 's1', candidate: 'm', repeat: 1, pass: false, error: true }),
      record({ sampleId: 's2', candidate: 'm', repeat: 0, pass: true }),
      record({ sampleId: 's2', candidate: 'm', repeat: 1, pass: true }),
    ];
    const metrics = (await aggregateRecords(records, manifest({ candidates: [{ id: 'm' }], repeats: 2 }))).candidates.m!.metrics;
    expect(metrics.accuracy!.value).toBeCloseTo(0.75, 15);
    expect(metrics['accuracy.pass@2']!.value).toBe(1);
  });
});

describe('clustered intervals (dataset.clusterField)', () => {
  // docs/metrics.md §4.2 binary example: [1,1,1 | 0,0,0 | 1,0,1 | 1,1,0], CR0 SE 0.181621.
  const values = [1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0];
  const clusters = values.map((_, i) => `c${Math.floor(i / 3)}`);
  const records = values.map((value, i) => record({ sampleId: `s${i}`, candidate: 'm', pass: value === 1, cluster: clusters[i] }));

  it('uses the cluster-robust SE (CR0) for the accuracy interval and says so', async () => {
    const accuracy = ofKind((await aggregateRecords(records, manifest({ candidates: [{ id: 'm' }] }))).candidates.m!.metrics.accuracy, 'proportion')!;
    const expected = meanInterval(values, { clusters });
    expect(expected.se).toBeCloseTo(0.181621, 6);
    expect(accuracy.value).toBeCloseTo(7 / 12, 15);
    expect(accuracy.ci95![0]).toBeCloseTo(expected.lo!, 12);
    expect(accuracy.ci95![1]).toBeCloseTo(expected.hi!, 12);
    expect(accuracy.method).toBe('clustered-cr0');
    expect(accuracy.clusters).toBe(4);
  });

  it('falls back to the unclustered SE with a note when there is a single cluster', async () => {
    const single = values.map((value, i) => record({ sampleId: `s${i}`, candidate: 'm', pass: value === 1, cluster: 'one' }));
    const accuracy = ofKind((await aggregateRecords(single, manifest({ candidates: [{ id: 'm' }] }))).candidates.m!.metrics.accuracy, 'proportion')!;
    expect(accuracy.method).toBe('iid-ddof1');
    expect(accuracy.note).toMatch(/clustered SE n\/a \(1 cluster\)/);
  });

  it('keeps the Wilson interval with one repeat and no clusters', async () => {
    const plain = values.map((value, i) => record({ sampleId: `s${i}`, candidate: 'm', pass: value === 1 }));
    const accuracy = ofKind((await aggregateRecords(plain, manifest({ candidates: [{ id: 'm' }] }))).candidates.m!.metrics.accuracy, 'proportion')!;
    expect(accuracy.method).toBeUndefined();
    expect(accuracy.n).toBe(12);
  });
});

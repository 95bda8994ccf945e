import { describe, expect, it } from 'vitest';
import { aggregateRecords } from '../../../lib/engine/aggregate.ts';
import { compareRuns } from '../../../lib/engine/compare-runs.ts';
import { ComparisonSchema } from '../../../lib/results/index.ts';
import type { Summary } from '../../../lib/results/index.ts';
import { holmAdjust } from '../../../lib/stats/index.ts';
import { manifest, outcomesOf, pairedRecords, record } from './records.ts';

/** summary.json types comparisons loosely; parsing also checks each against ComparisonSchema. */
const comparisonsOf = (summary: Summary) => (summary.comparisons ?? []).map((comparison) => ComparisonSchema.parse(comparison));

describe('in-run comparisons (summary.json comparisons[])', () => {
  it('reports McNemar counts and the exact p-value scipy binomtest gives (b = 10, c = 2 → 0.03857421875)', async () => {
    // docs/metrics.md §4.5: exact McNemar with b = 10, c = 2 is 2·79/4096.
    const records = pairedRecords('a', 'b', { onlyA: 10, onlyB: 2, both: 5, neither: 3 });
    const summary = await aggregateRecords(records, manifest({ candidates: [{ id: 'a' }, { id: 'b' }] }));
    expect(summary.comparisons).toHaveLength(1); // score.exact repeats accuracy exactly, so it is left out
    const [comparison] = comparisonsOf(summary);
    expect(ComparisonSchema.parse(comparison)).toBeTruthy();
    expect(comparison).toMatchObject({ a: 'a', b: 'b', metric: 'accuracy', n: 20, test: 'mcnemar-exact', valueA: 0.75, valueB: 0.35 });
    expect(comparison!.counts).toEqual({ onlyA: 10, onlyB: 2, both: 5, neither: 3 });
    expect(comparison!.diff).toBeCloseTo(-0.4, 15);
    expect(comparison!.pValue).toBeCloseTo(0.03857421875, 15);
    expect(comparison!.pAdjusted).toBeCloseTo(0.03857421875, 15);
    expect(comparison!.significant).toBe(true);
    // Matched-pairs Wald: SE = sqrt(12 − 64/20)/20 = 0.1483240; −0.4 ± 1.959964·SE.
    expect(comparison!.ci95![0]).toBeCloseTo(-0.4 - 1.959963984540054 * Math.sqrt(12 - 64 / 20) / 20, 10);
  });

  it('skips control vs control, keeps model vs control, and Holm-adjusts across the run', async () => {
    const records = [
      ...pairedRecords('a', 'b', { onlyA: 6, onlyB: 1, both: 8, neither: 5 }),
      ...Array.from({ length: 20 }, (_, i) => record({ sampleId: `s${i}`, candidate: 'oracle', pass: true })),
      ...Array.from({ length: 20 }, (_, i) => record({ sampleId: `s${i}`, candidate: 'echo', pass: false })),
    ];
    const candidates = [{ id: 'oracle', kind: 'control' as const }, { id: 'echo', kind: 'control' as const }, { id: 'a' }, { id: 'b' }];
    const summary = await aggregateRecords(records, manifest({ candidates }));
    const pairs = comparisonsOf(summary).map((comparison) => `${comparison.a}/${comparison.b}`);
    expect(pairs).toEqual(['oracle/a', 'oracle/b', 'echo/a', 'echo/b', 'a/b']);
    const expected = holmAdjust(comparisonsOf(summary).map((comparison) => comparison.pValue!));
    for (const [index, comparison] of comparisonsOf(summary).entries()) expect(comparison.pAdjusted).toBeCloseTo(expected[index]!, 15);
    const ab = comparisonsOf(summary).at(-1)!;
    expect(ab.pValue).toBeCloseTo(0.125, 15); // binomtest(6, 7, 0.5) = 16/128
    expect(ab.significant).toBe(false);
  });

  it('compares only the pairs the spec names, in the order given (b − a)', async () => {
    const records = pairedRecords('a', 'b', { onlyA: 10, onlyB: 2, both: 5, neither: 3 });
    const summary = await aggregateRecords(records, manifest({ candidates: [{ id: 'a' }, { id: 'b' }], spec: { compare: [{ a: 'b', b: 'a' }] } }));
    expect(summary.comparisons).toHaveLength(1);
    expect(comparisonsOf(summary)[0]).toMatchObject({ a: 'b', b: 'a', counts: { onlyA: 2, onlyB: 10 } });
    expect(comparisonsOf(summary)[0]!.diff).toBeCloseTo(0.4, 15);
  });

  it('uses a seeded paired bootstrap for partial-credit scores', async () => {
    const values = [0.2, 0.5, 0.9, 0.4, 0.7, 0.6, 0.3, 0.8, 0.1, 0.5];
    const records = values.flatMap((value, i) => [
      record({ sampleId: `s${i}`, candidate: 'a', pass: value > 0.5, scores: { f1: value } }),
      record({ sampleId: `s${i}`, candidate: 'b', pass: value > 0.5, scores: { f1: Math.min(1, value + 0.1 * (i % 3)) } }),
    ]);
    const build = () => aggregateRecords(records, manifest({ candidates: [{ id: 'a' }, { id: 'b' }], scorers: ['exact', 'f1'] }));
    const summary = await build();
    const f1 = comparisonsOf(summary).find((comparison) => comparison.metric === 'score.f1')!;
    expect(f1.test).toBe('paired-bootstrap');
    expect(f1.counts).toEqual({ aHigher: 0, bHigher: 6, ties: 4 });
    expect(f1.diff).toBeCloseTo(0.08, 12); // +0.1 on s1, s4, s7; +0.2 on s5, s8; +0.1 (capped at 1) on s2
    expect(f1.ci95![0]).toBeLessThanOrEqual(f1.diff!);
    expect(f1.ci95![1]).toBeGreaterThanOrEqual(f1.diff!);
    expect(f1.resamples).toBe(2000);
    expect(comparisonsOf(await build())).toEqual(summary.comparisons);
  });

  it('switches to the cluster-robust paired z test when samples share clusters', async () => {
    const records = pairedRecords('a', 'b', { onlyA: 10, onlyB: 2, both: 5, neither: 3 }).map((item) => ({ ...item, cluster: `t${Number(item.sampleId.slice(1)) % 5}` }));
    const summary = await aggregateRecords(records, manifest({ candidates: [{ id: 'a' }, { id: 'b' }] }));
    expect(comparisonsOf(summary)[0]).toMatchObject({ test: 'paired-z-clustered', clusters: 5, counts: { onlyA: 10, onlyB: 2 } });
  });
});

describe('compareRuns (verdict compare)', () => {
  const kinds = new Map([['m', undefined], ['oracle', 'control']]);
  const runA = { runId: 'A', kinds, outcomes: outcomesOf(pairedRecords('m', 'oracle', { onlyA: 0, onlyB: 4, both: 16, neither: 0 })) };
  const recordsB = [
    ...['s0', 's1', 's2', 's3', 's4', 's5'].map((sampleId, i) => record({ sampleId, candidate: 'm', pass: i < 4 })),
    ...Array.from({ length: 14 }, (_, i) => record({ sampleId: `s${i + 6}`, candidate: 'm', pass: i !== 0 })),
    record({ sampleId: 'extra', candidate: 'm', pass: true }),
  ];
  const runB = { runId: 'B', kinds, outcomes: outcomesOf(recordsB) };

  it('pairs candidates with the same id, matches samples by id and lists the flips', () => {
    // A: s0..s3 wrong, s4..s19 right. B: s0..s3 right, s4, s5 wrong, s6 wrong, the rest right.
    const result = compareRuns(runA, runB);
    expect(result.pairs).toHaveLength(1);
    const [pair] = result.pairs;
    expect(pair).toMatchObject({ a: 'm', b: 'm', matched: 20, onlyInA: 0, onlyInB: 1 });
    expect(pair!.improved.map((flip) => flip.sampleId)).toEqual(['s0', 's1', 's2', 's3']);
    expect(pair!.regressed.map((flip) => flip.sampleId)).toEqual(['s4', 's5', 's6']);
    const accuracy = result.comparisons.find((comparison) => comparison.metric === 'accuracy')!;
    expect(accuracy.counts).toEqual({ onlyA: 3, onlyB: 4, both: 13, neither: 0 });
    expect(accuracy.pValue).toBe(1); // |b − c| ≤ 1
    expect(accuracy).toMatchObject({ runA: 'A', runB: 'B' });
  });

  it('asks for --pair when the runs share no candidate and the choice is ambiguous', () => {
    const other = { runId: 'C', kinds: new Map(), outcomes: outcomesOf([...pairedRecords('x', 'y', { onlyA: 1, onlyB: 1, both: 1, neither: 1 })]) };
    expect(() => compareRuns(runA, other)).toThrow(/share no candidate id; name the pairs with --pair/);
    expect(compareRuns(runA, other, { pairs: [{ a: 'm', b: 'x' }] }).pairs[0]!.matched).toBe(4);
  });
});

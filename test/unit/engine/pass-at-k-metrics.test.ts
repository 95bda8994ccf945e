import { describe, expect, it } from 'vitest';
import { aggregateRecords } from '../../../lib/engine/aggregate.ts';
import { passAtK } from '../../../lib/stats/index.ts';
import { manifest, record } from './records.ts';

// pass@k as openai/human-eval's evaluate_functional_correctness reports it
// (human_eval/evaluation.py): per task 1 − C(n−c, k)/C(n, k), averaged over tasks, only for the
// k with (total >= k).all().
function withK(k: number[], repeats: number) {
  const base = manifest({ candidates: [{ id: 'm' }, { id: 'n' }], repeats });
  return { ...base, scorers: [{ id: 'exact', type: 'exact', params: { k } }] };
}

// Five samples per task: t1 all fail (c = 0), t2 four pass (n − c = 1 < k for k ≥ 2), t3 two pass.
const PASSES: Record<string, number[]> = { t1: [0, 0, 0, 0, 0], t2: [1, 1, 0, 1, 1], t3: [0, 1, 0, 1, 0] };
const records = (candidate: string, passes: Record<string, number[]>) =>
  Object.entries(passes).flatMap(([sampleId, values]) => values.map((pass, repeat) => record({ sampleId, candidate, repeat, pass: pass === 1 })));

describe('accuracy.pass@k from the primary scorer\'s k', () => {
  it('worked values: c = 0 gives 0, n − c < k gives exactly 1', () => {
    expect(passAtK(5, 0, 1)).toBe(0);
    expect(passAtK(5, 0, 5)).toBe(0);
    expect(passAtK(5, 4, 2)).toBe(1);
    expect(passAtK(5, 2, 4)).toBe(1);
    // 1 − C(3,2)/C(5,2) = 1 − 3/10
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 15);
  });

  it('reports exactly the k asked, the mean over tasks of the per-task estimator, with n = tasks', async () => {
    const summary = await aggregateRecords([...records('m', PASSES), ...records('n', PASSES)], withK([1, 2, 5], 5));
    const metrics = summary.candidates.m!.metrics;
    expect(Object.keys(metrics).filter((name) => name.startsWith('accuracy.pass@')).sort()).toEqual(['accuracy.pass@1', 'accuracy.pass@2', 'accuracy.pass@5']);
    // By hand: pass@1 = (0 + 4/5 + 2/5)/3; pass@2 = (0 + 1 + 0.7)/3; pass@5 = (0 + 1 + 1)/3.
    expect(metrics['accuracy.pass@1']!.value).toBeCloseTo((0 + 0.8 + 0.4) / 3, 15);
    expect(metrics['accuracy.pass@2']!.value).toBeCloseTo((0 + 1 + 0.7) / 3, 15);
    expect(metrics['accuracy.pass@5']!.value).toBeCloseTo(2 / 3, 15);
    expect(metrics['accuracy.pass@2']!.n).toBe(3);
    expect(metrics['accuracy.pass@2']!.ci95).toHaveLength(2);
  });

  it('leaves a k out (null, with the reason) when some task has fewer than k samples', async () => {
    const short = { ...PASSES, t3: [0, 1, 0] };
    const metrics = (await aggregateRecords(records('m', short), withK([1, 3, 5], 5))).candidates.m!.metrics;
    expect(metrics['accuracy.pass@3']!.value).not.toBeNull();
    expect(metrics['accuracy.pass@5']).toMatchObject({ value: null, note: 'needs 5 samples of every task; the fewest any task has is 3' });
  });

  it('reports pass@1 = accuracy per task when there is one sample per task and k asks for it', async () => {
    const one = { t1: [0], t2: [1], t3: [1] };
    const metrics = (await aggregateRecords(records('m', one), withK([1, 10], 1))).candidates.m!.metrics;
    expect(metrics['accuracy.pass@1']!.value).toBeCloseTo(2 / 3, 15);
    expect(metrics['accuracy.pass@10']!.value).toBeNull();
  });

  it('compares candidates paired by task: the accuracy comparison counts tasks, not samples', async () => {
    const better = { t1: [1, 1, 1, 1, 1], t2: [1, 1, 1, 1, 1], t3: [1, 1, 1, 1, 1] };
    const summary = await aggregateRecords([...records('m', PASSES), ...records('n', better)], withK([1], 5));
    const accuracy = summary.comparisons!.find((comparison) => comparison.metric === 'accuracy')!;
    expect(accuracy.n).toBe(3);
  });

  it('compares pass@k paired by task: a paired bootstrap on per-task pass@k, exact McNemar where k = n makes it 0/1; pass@1 is the accuracy row', async () => {
    // n: t1 c = 1 → pass@2 = 1 − C(4,2)/C(5,2) = 0.4; t2 c = 5 → 1; t3 c = 3 → 1 − C(2,2)/C(5,2) = 0.9.
    const other = { t1: [1, 0, 0, 0, 0], t2: [1, 1, 1, 1, 1], t3: [1, 1, 1, 0, 0] };
    const summary = await aggregateRecords([...records('m', PASSES), ...records('n', other)], withK([1, 2, 5], 5));
    const byMetric = new Map(summary.comparisons!.map((comparison) => [comparison.metric, comparison]));
    expect([...byMetric.keys()].sort()).toEqual(['accuracy', 'accuracy.pass@2', 'accuracy.pass@5']);
    // m's pass@2 per task is 0, 1, 0.7 (above): Δ = (0.4 + 0 + 0.2)/3.
    expect(byMetric.get('accuracy.pass@2')).toMatchObject({ a: 'm', b: 'n', n: 3, test: 'paired-bootstrap', counts: { aHigher: 0, bHigher: 2, ties: 1 } });
    expect(byMetric.get('accuracy.pass@2')!.diff).toBeCloseTo(0.2, 12);
    expect(byMetric.get('accuracy.pass@2')!.valueA).toBeCloseTo(1.7 / 3, 12);
    // pass@5 with n = 5 is "any sample passed": m 0, 1, 1; n 1, 1, 1.
    expect(byMetric.get('accuracy.pass@5')).toMatchObject({ test: 'mcnemar-exact', counts: { onlyA: 0, onlyB: 1, both: 2, neither: 0 }, pValue: 1 });
    expect(byMetric.get('accuracy.pass@5')!.diff).toBeCloseTo(1 / 3, 12);
    // One Holm family with the accuracy comparison.
    expect(summary.comparisons!.every((comparison) => comparison.pAdjusted !== null)).toBe(true);
  });

  it('leaves out a pass@k comparison some task has fewer than k samples for', async () => {
    const short = { ...PASSES, t3: [0, 1, 0] };
    const summary = await aggregateRecords([...records('m', short), ...records('n', short)], withK([2, 5], 5));
    expect(summary.comparisons!.map((comparison) => comparison.metric).sort()).toEqual(['accuracy', 'accuracy.pass@2']);
  });
});

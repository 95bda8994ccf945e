import { describe, expect, it } from 'vitest';
import { VerdictError } from '../../../lib/errors/index.ts';
import { FsResultStore, registerBaselineSource, resolveBaseline } from '../../../lib/store/index.ts';
import { createWorkspace, runSpec, writeReplay, writeSpec } from './replay-runs.ts';

const replay = (file: string) => ({ provider: 'replay', file, key: 'id', field: 'output' });

describe('threshold gates on interval bounds (real local runs with replay candidates)', () => {
  it('passes 0.85 on the point value but fails it on ci_low with n = 20', async () => {
    const { dir, results } = await createWorkspace(20);
    // Right on 17 of 20 → 0.85; Wilson 95% interval [0.6396, 0.9476] (scipy binomtest(17, 20).proportion_ci('wilson')).
    const file = await writeReplay(dir, 'new.jsonl', 20, (i) => i >= 3);
    const spec = await writeSpec(dir, 'gate.yaml', {
      name: 'release',
      candidates: [{ id: 'new', ...replay(file) }, { id: 'oracle', provider: 'control', kind: 'oracle' }],
      gates: [
        { metric: 'accuracy', op: '>=', value: 0.8, candidate: 'new' },
        { metric: 'accuracy', op: '>=', value: 0.8, on: 'ci_low', candidate: 'new' },
      ],
    });
    const { summary } = await runSpec(spec, results, 'run-1');
    expect(summary.candidates.new!.metrics.accuracy!.value).toBe(0.85);
    expect(summary.gates.map((gate) => gate.pass)).toEqual([true, false]);
    expect(summary.gates[1]!.value).toBeCloseTo(0.6396, 4);
    expect(summary.gates[1]!.reason).toBe('accuracy (ci_low) = 0.6396 fails >= 0.8');
    expect(summary.passed).toBe(false);
    expect(summary.comparisons![0]).toMatchObject({ a: 'new', b: 'oracle', test: 'mcnemar-exact', counts: { onlyA: 0, onlyB: 3, both: 17, neither: 0 } });
  });

  it('reports pass@k and sample-level accuracy when each sample is asked several times', async () => {
    const { dir, results } = await createWorkspace(20);
    const file = await writeReplay(dir, 'sampled.jsonl', 20, (i, repeat) => (i + repeat) % 3 === 0, 3);
    const spec = await writeSpec(dir, 'repeats.yaml', { name: 'sampling', candidates: [{ id: 'sampled', ...replay(file) }], execution: { repeats: 3 } });
    const { summary } = await runSpec(spec, results, 'run-r');
    const metrics = summary.candidates.sampled!.metrics;
    expect(summary.candidates.sampled!.n).toBe(60);
    expect(metrics.accuracy!.n).toBe(20);
    expect(metrics.accuracy!.value).toBeCloseTo(1 / 3, 12);
    // Every sample is right on exactly one of its three repeats: pass@1 = 1/3, pass@3 = 1, none consistent.
    expect(metrics['accuracy.pass@3']!.value).toBe(1);
    expect(metrics['accuracy.consistency']!.value).toBe(0);
  });
});

describe('baseline gates across runs (non-inferiority, matched by sample id)', () => {
  // Per block of 20 samples: baseline right on 18, candidate on 14; onlyA 5, onlyB 1 → drop 0.2 (margin 0.05).
  const baselineRight = (i: number) => i % 20 >= 2;
  const candidateRight = (i: number) => i % 20 === 0 || i % 20 >= 7;

  async function twoRuns(n: number) {
    const { dir, results } = await createWorkspace(n);
    const gates = [{ metric: 'accuracy', maxDrop: 0.05, alpha: 0.05 }];
    const before = await writeSpec(dir, 'before.yaml', { name: 'release', candidates: [{ id: 'model', ...replay(await writeReplay(dir, 'old.jsonl', n, baselineRight)) }], gates });
    const after = await writeSpec(dir, 'after.yaml', { name: 'release', candidates: [{ id: 'model', ...replay(await writeReplay(dir, 'new.jsonl', n, candidateRight)) }], gates, baseline: 'latest' });
    const store = new FsResultStore(results);
    // The first run of an eval: `latest` finds nothing earlier, so its baseline gate is skipped and it passes.
    const nothing = await resolveBaseline({ ref: 'latest', baseDir: dir, latest: { store, specName: 'release', runId: 'run-1-before' } });
    const first = await runSpec(before, results, 'run-1-before', nothing);
    const baseline = await resolveBaseline({ ref: 'latest', baseDir: dir, latest: { store, specName: 'release', runId: 'run-2-after' } });
    const second = await runSpec(after, results, 'run-2-after', baseline);
    return { dir, results, first, second, after, store };
  }

  it('fails without any baseline, and `latest` with no earlier run resolves to a skip', async () => {
    const { first, after, results } = await twoRuns(20);
    expect(first.summary.gates[0]).toMatchObject({ pass: true, skipped: true, reason: expect.stringMatching(/no earlier passing sealed run of spec "release"/) });
    // A run resolved with no baseline at all: the gate fails and says how to give one.
    const unset = await runSpec(after, results, 'run-3-unset');
    expect(unset.summary.gates[0]).toMatchObject({ pass: false, reason: expect.stringMatching(/no baseline run/) });
  });

  it('`latest` never picks a run that failed its gates; `latest-sealed` does; the gate names the run', async () => {
    const { second, store, after, results } = await twoRuns(200);
    expect(second.summary.passed).toBe(false);
    // run-2 failed: the next run still compares with run-1, the newest run that passed.
    const passing = await resolveBaseline({ ref: 'latest', baseDir: '.', latest: { store, specName: 'release', runId: 'run-3-next' } });
    expect(passing).toMatchObject({ runId: 'run-1-before', chosenBy: 'latest' });
    expect(await resolveBaseline({ ref: 'latest-passing', baseDir: '.', latest: { store, specName: 'release', runId: 'run-3-next' } })).toMatchObject({ runId: 'run-1-before' });
    expect(await resolveBaseline({ ref: 'latest-sealed', baseDir: '.', latest: { store, specName: 'release', runId: 'run-3-next' } })).toMatchObject({ runId: 'run-2-after' });
    const third = await runSpec(after, results, 'run-3-next', passing);
    expect(third.summary.gates[0]).toMatchObject({ pass: false, baseline: { runId: 'run-1-before', chosenBy: 'latest' } });
  });

  it('`latest` with only failed runs before it skips and says why', async () => {
    const { dir, results } = await createWorkspace(20);
    const spec = await writeSpec(dir, 'gated.yaml', { name: 'release', candidates: [{ id: 'model', ...replay(await writeReplay(dir, 'new.jsonl', 20, () => true)) }], gates: [{ metric: 'accuracy', maxDrop: 0.05 }] });
    expect((await runSpec(spec, results, 'run-a')).summary.passed).toBe(false); // no baseline given: the gate fails
    const store = new FsResultStore(results);
    const none = await resolveBaseline({ ref: 'latest', baseDir: '.', latest: { store, specName: 'release', runId: 'run-b' } });
    expect(none).toEqual({ skip: expect.stringMatching(/no earlier passing sealed run of spec "release" in .* \(1 earlier run failed its gates and cannot be the baseline\)/) });
  });

  it('passes a large drop that is not significant (n = 20, p = 0.094)', async () => {
    const { second } = await twoRuns(20);
    const [gate] = second.summary.gates;
    expect(gate).toMatchObject({ candidate: 'model', pass: true, n: 20, baseline: { runId: 'run-1-before', candidate: 'model' } });
    expect(gate!.value).toBeCloseTo(0.2, 12);
    expect(gate!.reason).toMatch(/drop 0\.2, p = 0\.094 → pass$/);
    expect(second.summary.passed).toBe(true);
  });

  it('fails the same drop when it is significant (n = 200, p = 1.6e-5)', async () => {
    const { second } = await twoRuns(200);
    expect(second.summary.gates[0]).toMatchObject({ pass: false, n: 200 });
    expect(second.summary.gates[0]!.reason).toMatch(/fails only when the accuracy drop is larger than 0\.05 and significant at α = 0\.05.*drop 0\.2, p = 1\.6e-5 → FAIL$/);
    expect(second.summary.passed).toBe(false);
  });

  it('resolves other URI schemes through a registered BaselineSource, and an unknown scheme fails clearly', async () => {
    const { results } = await twoRuns(20);
    await expect(resolveBaseline({ ref: 'gs://bucket/runs/run-1-before', baseDir: '.' })).rejects.toThrow(
      /baseline "gs:\/\/bucket\/runs\/run-1-before": gs:\/\/ baselines are not available in this build/,
    );
    await expect(resolveBaseline({ ref: 'gs://bucket/runs/x', baseDir: '.' })).rejects.toBeInstanceOf(VerdictError);
    registerBaselineSource({ scheme: 'mem:', open: async (uri) => ({ store: new FsResultStore(results), runId: uri.slice('mem://'.length) }) });
    const baseline = await resolveBaseline({ ref: 'mem://run-1-before', baseDir: '.' });
    expect(baseline).toMatchObject({ runId: 'run-1-before' });
  });

  it('rejects a baseline folder that is not a result set, naming it', async () => {
    await expect(resolveBaseline({ ref: 'nowhere/run-x', baseDir: '/tmp' })).rejects.toThrow(/baseline "nowhere\/run-x": no result set at .*run-x \(no manifest.json\)/);
  });
});

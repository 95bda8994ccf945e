import { describe, expect, it } from 'vitest';
import { aggregateRecords, createManifest, describeRun, runDescriptionOf, workItemAt } from '../../../lib/engine/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { EvalSpecSchema } from '../../../lib/spec/index.ts';

function specWith(extra: Record<string, unknown>) {
  return EvalSpecSchema.parse({
    name: 'load',
    dataset: { path: 'rows.jsonl' },
    prompt: '{{q}}',
    candidates: [{ id: 'm', provider: 'openai', model: 'x', baseURL: 'http://127.0.0.1:1/v1', price: { inputPerMTokUsd: 2, outputPerMTokUsd: 8 } }],
    scorers: [{ type: 'exact', reference: '{{a}}' }],
    ...extra,
  });
}

function runFor(spec: ReturnType<typeof specWith>, samples: number, overrides: { concurrency?: number } = {}) {
  const sampleIds = Array.from({ length: samples }, (_, index) => `s${index}`);
  return describeRun(spec, overrides, {
    sampleIds,
    candidates: [{ id: 'm', provider: 'openai', kind: 'model', price: spec.candidates[0]!.price, params: {} }],
    scorers: [{ id: 'exact', type: 'exact', params: {} }],
  });
}

function manifestFor(spec: ReturnType<typeof specWith>, samples: number, overrides: { concurrency?: number } = {}) {
  const run = runFor(spec, samples, overrides);
  return createManifest({
    runId: 'r',
    createdAt: '2026-01-01T00:00:00.000Z',
    spec: { name: spec.name, path: 'spec.yaml', sha256: 'x', resolved: spec as unknown as Record<string, unknown> },
    dataset: { paths: ['rows.jsonl'], format: 'jsonl', sha256: 'y', sampleIds: run.plan.sampleIds },
    run,
    versions: { verdict: '0', node: '20' },
    git: { commit: null, dirty: null },
  });
}

function record(repeat: number, options: { e2eMs: number; pass: boolean; startMs: number }): ResultRecord {
  return {
    schemaVersion: 1,
    itemId: `s${repeat}|m|${repeat}`,
    shard: 'shard-00000',
    sampleId: `s0`,
    candidate: 'm',
    repeat,
    prompt: [],
    output: 'x',
    error: null,
    scores: { exact: { value: options.pass ? 1 : 0, pass: options.pass } },
    latencyMs: options.e2eMs,
    ttftMs: options.e2eMs / 2,
    chunkTimesMs: [options.e2eMs / 2, options.e2eMs],
    usage: { inputTokens: 100_000, outputTokens: 50_000, source: repeat % 2 === 0 ? 'server' : 'tokenizer' },
    attempts: 1,
    startedAt: new Date(options.startMs).toISOString(),
    finishedAt: new Date(options.startMs + options.e2eMs).toISOString(),
  };
}

describe('load patterns', () => {
  it('reads closed loops, open loops and sweeps from execution', () => {
    const closed = runFor(specWith({}), 1, { concurrency: 8 }).load;
    expect(closed.levels).toEqual([{ index: 0, mode: 'closed', concurrency: 8, label: 'c=8' }]);
    const open = runFor(specWith({ execution: { rate: 5, warmup: 3 } }), 1).load;
    expect(open).toMatchObject({ warmup: 3, levels: [{ mode: 'open', rate: 5 }] });
    const sweep = runFor(specWith({ execution: { sweep: [1, 4], repeats: 2 } }), 1).load;
    expect(sweep).toMatchObject({ sweepOver: 'concurrency', repeatsPerLevel: 2, levels: [{ concurrency: 1 }, { concurrency: 4 }] });
    const rates = runFor(specWith({ execution: { sweep: { rate: [2, 8] } } }), 1).load;
    expect(rates.levels.map((level) => level.label)).toEqual(['rate=2/s', 'rate=8/s']);
  });

  it('plans a sweep once per level and gives each work item its level', () => {
    const run = runFor(specWith({ execution: { sweep: [1, 4], repeats: 2 } }), 3);
    expect(run.plan).toMatchObject({ repeats: 4, repeatsPerLevel: 2, items: 12 });
    // Level k owns repeats [k·R, (k+1)·R): sample s0's items are repeats 0..3.
    expect([0, 1, 2, 3].map((index) => [workItemAt(run.plan, index).repeat, workItemAt(run.plan, index).level])).toEqual([[0, 0], [1, 0], [2, 1], [3, 1]]);
    // A sample id that looks like an item id does not confuse it (levels are not parsed from ids).
    const odd = describeRun(specWith({ execution: { sweep: [1, 4] } }), {}, { sampleIds: ['a|m|1'], candidates: [{ id: 'm', provider: 'openai', kind: 'model', params: {} }], scorers: [] });
    expect([0, 1].map((index) => workItemAt(odd.plan, index).level)).toEqual([0, 1]);
  });

  it('records --concurrency: the effective level, the override, and the manifest reads it back', () => {
    const manifest = manifestFor(specWith({ execution: { concurrency: 16 } }), 1, { concurrency: 3 });
    expect(manifest.run!.execution).toMatchObject({ concurrency: 3, overrides: { concurrency: 3 } });
    expect(runDescriptionOf(manifest).load.levels).toEqual([{ index: 0, mode: 'closed', concurrency: 3, label: 'c=3' }]);
    const plain = manifestFor(specWith({ execution: { concurrency: 16 } }), 1);
    expect(plain.run!.execution).toMatchObject({ concurrency: 16, overrides: {} });
  });

  it('describes a manifest written before `run` from its recorded spec, as a new one', async () => {
    const spec = specWith({ execution: { sweep: [1, 4], seed: 9 }, slo: { e2e_ms: 150 }, gates: [{ metric: 'accuracy', op: '>=', value: 0.5 }] });
    const current = manifestFor(spec, 1);
    const { run: _run, ...older } = current;
    const description = runDescriptionOf(older);
    expect(description).toEqual(runDescriptionOf(current));
    expect(description).toMatchObject({ execution: { seed: 9 }, slo: { e2e_ms: 150 }, gates: [{ metric: 'accuracy' }], plan: { repeatsPerLevel: 1 } });
    const records = [record(0, { e2eMs: 100, pass: true, startMs: 0 }), record(1, { e2eMs: 200, pass: false, startMs: 1000 })];
    // Everything but the manifest's own hash agrees.
    const { integrity: olderIntegrity, ...fromOlder } = await aggregateRecords(records, older);
    const { integrity, ...fromCurrent } = await aggregateRecords(records, current);
    expect(fromOlder).toEqual(fromCurrent);
    expect(olderIntegrity!.recordsSha256).toBe(integrity!.recordsSha256);
  });

  it('rejects a rate together with a sweep, and an empty SLO, naming the key', () => {
    const both = EvalSpecSchema.safeParse({ ...specWith({}), execution: { rate: 2, sweep: [1, 2] } });
    expect(both.success).toBe(false);
    expect(both.error!.issues[0]!.path).toEqual(['execution', 'sweep']);
    const empty = EvalSpecSchema.safeParse({ ...specWith({}), slo: {} });
    expect(empty.success).toBe(false);
  });
});

describe('summary with load, goodput and cost', () => {
  it('adds a sweep curve per candidate, goodput per level and cost figures', async () => {
    const spec = specWith({ execution: { sweep: [1, 4] }, slo: { e2e_ms: 150 } });
    const manifest = manifestFor(spec, 2);
    const records = [
      record(0, { e2eMs: 100, pass: true, startMs: 0 }),
      record(0, { e2eMs: 100, pass: true, startMs: 100 }),
      record(1, { e2eMs: 200, pass: false, startMs: 1000 }),
      record(1, { e2eMs: 100, pass: true, startMs: 1000 }),
    ];
    const summary = await aggregateRecords(records, manifest);
    const candidate = summary.candidates.m!;
    expect(summary.load).toEqual({ mode: 'closed', warmup: 0, sweepOver: 'concurrency', levels: [
      { index: 0, label: 'c=1', concurrency: 1 },
      { index: 1, label: 'c=4', concurrency: 4 },
    ] });
    const sweep = candidate.sweep as { concurrency: number; n: number; metrics: Record<string, { value: number | null }> }[];
    expect(sweep.map((point) => [point.concurrency, point.n])).toEqual([[1, 2], [4, 2]]);
    expect(sweep[0]!.metrics['goodput.rate']!.value).toBe(1);
    expect(sweep[1]!.metrics['goodput.rate']!.value).toBe(0.5);
    // Level 0: 100 000 output tokens in 0.2 s; level 1: 100 000 in 0.2 s.
    expect(sweep[0]!.metrics['throughput.output_tokens_per_s']!.value).toBe(500_000);
    expect(sweep[1]!.metrics['latency.p50_ms']!.value).toBe(150);
    expect(candidate.metrics['goodput.rate']!.value).toBe(0.75);
    // 400 000 input tokens × $2/M + 200 000 output × $8/M = $0.8 + $1.6 = $2.4; 3 correct; 4 items.
    expect(candidate.metrics['cost.usd']!.value).toBeCloseTo(2.4, 12);
    expect(candidate.metrics['cost.per_correct_usd']!.value).toBeCloseTo(0.8, 12);
    expect(candidate.metrics['cost.per_1k_samples_usd']!.value).toBeCloseTo(600, 9);
    expect(candidate.metrics['tokens.output']).toMatchObject({ source: { server: 2, tokenizer: 2 } });
  });

  it('leaves plain closed-loop summaries as they were (no load, no sweep)', async () => {
    const spec = specWith({});
    const summary = await aggregateRecords([record(0, { e2eMs: 100, pass: true, startMs: 0 })], manifestFor(spec, 1));
    expect(summary.load).toBeUndefined();
    expect(summary.candidates.m!.sweep).toBeUndefined();
    expect(summary.candidates.m!.metrics['goodput.rate']).toBeUndefined();
  });
});

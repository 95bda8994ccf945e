import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeCallsOf, lambdaShardSize, slowestRetryPolicy, WORKER_SAFETY_MARGIN_MS } from '../../../lib/cloud-lambda/index.ts';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';

describe('lambdaShardSize', () => {
  it('fits two waves when every item may take 5 attempts of 60 s (the spec defaults), after one 120 s rate-limit stall', () => {
    // Worst item: 5 × 60 000 + (250 + 500 + 1000 + 2000) back-off ceilings = 303 750 ms.
    // Budget: 900 000 − 30 000 = 870 000 ms; less the 120 s stall = 750 000 → 2 waves → 32 items at concurrency 16.
    const sizing = lambdaShardSize({ timeoutMs: 60_000, retries: 4, concurrency: 16 });
    expect(WORKER_SAFETY_MARGIN_MS).toBe(30_000);
    expect(sizing).toMatchObject({ itemWorstCaseMs: 303_750, budgetMs: 870_000, rateLimitWaitMs: 120_000, waves: 2, shardSize: 32, shardWorstCaseMs: 727_500 });
  });

  it('fits many waves for short timeouts and stops at the 500-item cap', () => {
    // Worst item: 3 × 10 000 + (250 + 500) = 30 750 ms → floor(750 000 / 30 750) = 24 waves × 8 = 192.
    expect(lambdaShardSize({ timeoutMs: 10_000, retries: 2, concurrency: 8 })).toMatchObject({ itemWorstCaseMs: 30_750, waves: 24, shardSize: 192 });
    // 1 s, no retries, so a 429 fails at once and nothing waits: 870 waves × 16 = 13 920 → capped at 500.
    expect(lambdaShardSize({ timeoutMs: 1_000, retries: 0, concurrency: 16 })).toMatchObject({ rateLimitWaitMs: 0, waves: 870, shardSize: 500 });
  });

  it('shrinks shards when the providers honour a longer Retry-After, and never waits less than 120 s or the back-off cap', () => {
    const base = { timeoutMs: 10_000, retries: 2, concurrency: 8 };
    // A 10-minute clamp leaves 870 000 − 600 000 = 270 000 ms → floor(270 000 / 30 750) = 8 waves × 8 = 64.
    expect(lambdaShardSize({ ...base, retryAfterClampMs: 600_000 })).toMatchObject({ rateLimitWaitMs: 600_000, waves: 8, shardSize: 64 });
    // A 5 s clamp still keeps room for 120 s: the same 192 as the default clamp.
    expect(lambdaShardSize({ ...base, retryAfterClampMs: 5_000 })).toMatchObject({ rateLimitWaitMs: 120_000, shardSize: 192 });
    // A 300 s back-off cap (ceilings 250 + 500 unchanged) → 570 000 ms left → 18 waves × 8 = 144.
    expect(lambdaShardSize({ ...base, retryPolicy: { baseMs: 250, capMs: 300_000 } })).toMatchObject({ rateLimitWaitMs: 300_000, waves: 18, shardSize: 144 });
  });

  it('never goes below one item, even when the stall eats the whole budget', () => {
    // 860 s clamp → 10 000 ms left; at 3 rpm that is floor(10 / 60 × 3) = 0 items → 1.
    expect(lambdaShardSize({ timeoutMs: 1_000, retries: 1, concurrency: 16, candidateConcurrency: [undefined], candidateRpm: [3], retryAfterClampMs: 860_000 }).shardSize).toBe(1);
    // A clamp beyond the budget leaves nothing: one wave (the worker's own clock cuts it short).
    expect(lambdaShardSize({ timeoutMs: 1_000, retries: 1, concurrency: 16, retryAfterClampMs: 1_000_000 })).toMatchObject({ waves: 1, shardSize: 16 });
  });

  it('keeps every shard inside the budget, whatever the inputs', () => {
    for (const timeoutMs of [500, 5_000, 30_000, 90_000]) {
      for (const retries of [0, 1, 4, 8]) {
        for (const concurrency of [1, 4, 32]) {
          // Settings where one item plus the stall could outlive the budget get one wave or are refused (last test).
          if ((retries + 1) * timeoutMs + retries * 20_000 + 120_000 > 870_000) continue;
          const sizing = lambdaShardSize({ timeoutMs, retries, concurrency });
          expect(sizing.shardWorstCaseMs).toBeLessThanOrEqual(sizing.budgetMs);
          expect(sizing.shardSize).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });

  it('uses the slowest per-candidate cap: 3 candidates, one capped at 2 → 6 in flight', () => {
    const sizing = lambdaShardSize({ timeoutMs: 10_000, retries: 2, concurrency: 16, candidateConcurrency: [undefined, 2, undefined] });
    expect(sizing.effectiveConcurrency).toBe(6);
    expect(sizing.shardSize).toBe(24 * 6);
  });

  it('keeps the rate limiter’s waits inside the budget after the stall: 2 candidates, one at 3 rpm per worker', () => {
    const rated = { timeoutMs: 1_000, concurrency: 16, candidateConcurrency: [undefined, undefined], candidateRpm: [3, 600] };
    // No retries: 870 s = 14.5 min; the slower candidate starts 3 a minute → 43.5 → 87 items over 2 candidates.
    expect(lambdaShardSize({ ...rated, retries: 0 }).shardSize).toBe(87);
    // One retry: 750 s = 12.5 min after the stall → 37.5 → 75 items.
    expect(lambdaShardSize({ ...rated, retries: 1 }).shardSize).toBe(75);
  });

  it('never exceeds the spec’s own execution.shardSize', () => {
    expect(lambdaShardSize({ timeoutMs: 1_000, retries: 0, concurrency: 16, requested: 40 }).shardSize).toBe(40);
  });

  it('gives one wave when a single item fits but not with the stall, and refuses when a single item could outlive the worker', () => {
    // 5 × 150 000 + 3 750 = 753 750 ms: fits 870 000, not the 750 000 left after the stall → one wave of 16.
    expect(lambdaShardSize({ timeoutMs: 150_000, retries: 4, concurrency: 16 })).toMatchObject({ waves: 1, shardSize: 16, shardWorstCaseMs: 873_750 });
    // 5 × 200 000 + 3 750 = 1 003 750 ms > 870 000.
    expect(() => lambdaShardSize({ timeoutMs: 200_000, retries: 4, concurrency: 16 })).toThrow(/lower execution.timeoutMs or execution.retries/);
  });
});

describe('lambdaShardSize with judge calls', () => {
  it('counts each judge call an item waits for as one more call worst case', () => {
    // Call worst case 3 × 10 000 + (250 + 500) = 30 750 ms; with 2 judge calls the item takes 3 × 30 750 = 92 250 ms
    // → floor(750 000 / 92 250) = 8 waves × 8 = 64 items (192 without the judge).
    expect(lambdaShardSize({ timeoutMs: 10_000, retries: 2, concurrency: 8, judgeCallsPerItem: 2 })).toMatchObject({
      itemWorstCaseMs: 92_250,
      judgeCallsPerItem: 2,
      waves: 8,
      shardSize: 64,
      shardWorstCaseMs: 858_000,
    });
    // The defaults with one judge call: 2 × 303 750 = 607 500 ms → one wave of 16 (32 without).
    expect(lambdaShardSize({ timeoutMs: 60_000, retries: 4, concurrency: 16, judgeCallsPerItem: 1 })).toMatchObject({ itemWorstCaseMs: 607_500, waves: 1, shardSize: 16 });
  });

  it('refuses a spec whose item and judge calls together could outlive the worker, naming the judge calls', () => {
    // 3 × 303 750 = 911 250 ms > 870 000.
    expect(() => lambdaShardSize({ timeoutMs: 60_000, retries: 4, concurrency: 16, judgeCallsPerItem: 2 })).toThrow(/911\.3 s \(1 \+ 2 judge calls, each timeoutMs 60000 × 5 attempts.*or the judge scorers' samples/);
  });

  it("keeps a rate-limited judge's calls inside the budget after the stall: every item calls it", () => {
    // No retries: 870 s = 14.5 min at 6 rpm per worker = 87 calls; 2 calls an item → 43 items.
    expect(lambdaShardSize({ timeoutMs: 1_000, retries: 0, concurrency: 16, judgeCallsPerItem: 2, judgeRpm: [{ rpm: 6, callsPerItem: 2 }] }).shardSize).toBe(43);
    // One retry: 750 s = 12.5 min → 75 calls → 37 items; the slower of two judges binds.
    const judgeRpm = [{ rpm: 600, callsPerItem: 1 }, { rpm: 6, callsPerItem: 2 }];
    expect(lambdaShardSize({ timeoutMs: 1_000, retries: 1, concurrency: 16, judgeCallsPerItem: 3, judgeRpm }).shardSize).toBe(37);
  });
});

describe('judgeCallsOf', () => {
  it('adds up the model judge calls an item waits for: samples in sequence, both orders for pairs, a panel once, replay and control judges not at all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verdict-sizing-'));
    try {
      await writeFile(join(dir, 'rows.jsonl'), `${JSON.stringify({ id: 'r1', q: 'Say hi', a: 'hi' })}\n`);
      await writeFile(join(dir, 'verdicts.jsonl'), `${JSON.stringify({ id: 'r1', text: 'GRADE: 5' })}\n`);
      const model = 'provider: openai, model: judge-model, baseURL: "http://127.0.0.1:9/v1", apiKeyEnv: JUDGE_KEY';
      const spec = [
        'name: sizing-judges',
        'dataset: { path: rows.jsonl }',
        'prompt: "{{q}}"',
        'candidates:',
        '  - { id: echo, provider: control, kind: echo }',
        'judges:',
        `  - { id: gpt, ${model} }`,
        '  - { id: first, provider: control, kind: prefers-first }',
        '  - { id: recorded, provider: replay, file: verdicts.jsonl, key: id, field: text }',
        'scorers:',
        '  - { type: exact, reference: "{{a}}" }',
        '  - { id: graded, type: judge, kind: rubric, judge: gpt, rubric: "Is it a greeting?", samples: 3 }',
        '  - { id: vs-reference, type: judge, kind: pairwise, judge: gpt, baseline: { field: a } }',
        '  - { id: panel, type: judge, kind: panel, task: pairwise, judges: [gpt, first], samples: 2, baseline: { field: a } }',
        `  - { id: inline, type: judge, kind: rubric, judge: { ${model} }, rubric: "Polite?" }`,
        '  - { id: controls, type: judge, kind: panel, judges: [first, recorded], rubric: "Polite?", samples: 4 }',
        '  - { id: replayed, type: judge, kind: rubric, judge: recorded, rubric: "Polite?", samples: 5 }',
      ];
      await writeFile(join(dir, 'eval.yaml'), `${spec.join('\n')}\n`);
      const loaded = await loadEvalSpec(join(dir, 'eval.yaml'), {});
      const { run } = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir));
      // graded 3 + vs-reference 2 (both orders) + panel 2 × 2 (its judges side by side) + inline 1; controls and replayed 0.
      const calls = judgeCallsOf(run.scorers, run.judges);
      expect(calls.perItem).toBe(10);
      expect(Object.fromEntries(calls.byJudge)).toEqual({ gpt: 9, 'inline.judge': 1 });
      expect(judgeCallsOf(run.scorers.filter((scorer) => scorer.type !== 'judge'), run.judges)).toEqual({ perItem: 0, byJudge: new Map() });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('slowestRetryPolicy', () => {
  it('takes the largest base and cap over the candidates, the default where one sets none', () => {
    expect(slowestRetryPolicy([])).toEqual({ baseMs: 250, capMs: 20_000 });
    expect(slowestRetryPolicy([{ baseMs: 5, capMs: 20 }])).toEqual({ baseMs: 5, capMs: 20 });
    expect(slowestRetryPolicy([undefined, { baseMs: 1_000, capMs: 5_000 }])).toEqual({ baseMs: 1_000, capMs: 20_000 });
    expect(slowestRetryPolicy([{ baseMs: 100, capMs: 300_000 }, { baseMs: 2_000, capMs: 4_000 }])).toEqual({ baseMs: 2_000, capMs: 300_000 });
  });
});

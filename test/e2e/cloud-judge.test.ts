import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRunInput } from '../../lib/cloud-client/index.ts';
import { loadDataset } from '../../lib/datasets/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { startOpenAIServer } from '../fixtures/openai-server.ts';
import { API_KEY_ENV, FUNCTIONS, readAll, runLocally, startCloudHarness, type CloudHarness } from './cloud-harness.ts';

// Pairwise judging against a candidate of the same run, on the cloud path: a worker sees only its
// shard, so it must hold the baseline's answers of its samples before it judges the others.
let harness: CloudHarness;
beforeAll(async () => {
  harness = await startCloudHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Six sums, three candidates × two repeats (6 items a sample), judged against the oracle's answers. */
async function writePairwiseEval(name: string, shardSize: number): Promise<string> {
  const dir = join(harness.dir, name);
  await mkdir(dir, { recursive: true });
  const rows = Array.from({ length: 6 }, (_, index) => JSON.stringify({ id: `sum-${index}`, a: 2 + index * 3, b: 5 + index, sum: String(7 + index * 4) }));
  await writeFile(join(dir, 'sums.jsonl'), `${rows.join('\n')}\n`);
  const spec = [
    `name: ${name}`,
    'dataset: { path: sums.jsonl }',
    'prompt: "What is {{a}} + {{b}}?"',
    'candidates:',
    `  - { id: model-a, provider: openai, model: fake-model, baseURL: "\${E2E_OPENAI_URL}", apiKeyEnv: ${API_KEY_ENV}, backoff: { baseMs: 5, capMs: 20 } }`,
    '  - { id: echo, provider: control, kind: echo }',
    '  - { id: oracle, provider: control, kind: oracle }',
    'judges:',
    '  - { id: first, provider: control, kind: prefers-first }',
    'scorers:',
    '  - { type: exact, reference: "{{sum}}" }',
    '  - { id: vs-oracle, type: judge, kind: pairwise, judge: first, baseline: { candidate: oracle } }',
    `execution: { concurrency: 4, timeoutMs: 2000, retries: 1, repeats: 2, shardSize: ${shardSize}, seed: 3 }`,
    'cache: { mode: off }',
  ];
  await writeFile(join(dir, 'eval.yaml'), `${spec.join('\n')}\n`);
  return join(dir, 'eval.yaml');
}

async function submit(name: string, shardSize: number) {
  const env = { E2E_OPENAI_URL: harness.openai.url };
  const loaded = await loadEvalSpec(await writePairwiseEval(name, shardSize), env);
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  await submitRunInput({ store: harness.store, runId: name, loaded, dataset, env, now: new Date().toISOString() });
  return { loaded, dataset };
}

/** Writes `count` question rows and the spec (whose dataset is rows.jsonl), then submits the run as the CLI would. */
async function submitQuestionRun(name: string, count: number, spec: readonly string[]): Promise<void> {
  const dir = join(harness.dir, name);
  await mkdir(dir, { recursive: true });
  const rows = Array.from({ length: count }, (_, index) => JSON.stringify({ id: `q${index}`, question: `Question ${index}?`, answer: `answer-${index}` }));
  await writeFile(join(dir, 'rows.jsonl'), `${rows.join('\n')}\n`);
  await writeFile(join(dir, 'eval.yaml'), `${spec.join('\n')}\n`);
  const loaded = await loadEvalSpec(join(dir, 'eval.yaml'), {});
  const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
  await submitRunInput({ store: harness.store, runId: name, loaded, dataset, env: {}, now: new Date().toISOString() });
}

describe('pairwise judging against an in-run baseline candidate, in the cloud', () => {
  it('judges every item against the baseline answer a local run uses, score for score', async () => {
    // Shards of 8 would split samples (6 items each); Prepare cuts them at whole samples instead.
    const { loaded, dataset } = await submit('cloud-pairwise', 8);
    const local = await runLocally(harness, loaded, dataset);
    const { execution, summary } = await harness.runWorkflow('cloud-pairwise');
    expect(execution.status).toBe('SUCCEEDED');
    expect((await harness.store.readManifest('cloud-pairwise'))!.plan.shards.map((shard) => shard.size)).toEqual([6, 6, 6, 6, 6, 6]);

    const localRecords = await readAll(local.store, 'local');
    // The comparison means something: every non-baseline item was judged against a real answer.
    const judged = localRecords.filter((record) => record.candidate !== 'oracle');
    expect(judged).toHaveLength(24);
    for (const record of judged) expect(record.scores['vs-oracle']).toMatchObject({ value: 0.5, detail: { outcome: 'tie', baseline: 'oracle' } });
    const scoresOf = (records: typeof localRecords) => Object.fromEntries(records.map((record) => [record.itemId, record.scores]));
    expect(scoresOf(await readAll(harness.store, 'cloud-pairwise'))).toEqual(scoresOf(localRecords));
    expect(summary!.candidates['model-a']!.metrics['judge.vs-oracle.tie_rate']).toEqual(local.summary.candidates['model-a']!.metrics['judge.vs-oracle.tie_rate']);
  }, 120_000);

  it('refuses at Prepare a spec whose shard cannot hold one whole sample, naming the scorer', async () => {
    await submit('cloud-pairwise-small', 5);
    const { execution } = await harness.runWorkflow('cloud-pairwise-small');
    expect(execution).toMatchObject({ status: 'FAILED', error: 'VerdictError' });
    expect(execution.cause).toMatch(/scorers\.vs-oracle: .*6 items/);
    expect(await harness.store.readManifest('cloud-pairwise-small')).toBeNull();
  }, 60_000);
});

describe("a judge's rate limit split over the cloud workers", () => {
  it('records each worker its share of the judge rpm, and a worker paces its judge calls to that share', async () => {
    // The judge server notes when each grading request arrives, and which answer it grades.
    const arrivals: { answer: string; at: number }[] = [];
    const judgeServer = await startOpenAIServer({
      answer: (_body, info) => {
        arrivals.push({ answer: /<<<ANSWER>>>\n([\s\S]*?)\n<<<END ANSWER>>>/.exec(info.lastUserMessage)?.[1] ?? '', at: performance.now() });
        return 'Correct.\nGRADE: 5';
      },
    });
    try {
      const name = 'cloud-judge-rpm';
      await submitQuestionRun(name, 8, [
        `name: ${name}`,
        'dataset: { path: rows.jsonl }',
        'prompt: "{{question}}"',
        'candidates: [{ id: oracle, provider: control, kind: oracle }]',
        'judges:',
        // 120 a minute over 2 workers: 60 each, one call a second (a worker with the whole limit would call every 0.5 s).
        `  - { id: grader, provider: openai, model: judge-model, baseURL: "${judgeServer.url}", apiKeyEnv: ${API_KEY_ENV}, rateLimit: { rpm: 120 } }`,
        'scorers:',
        '  - { type: exact, reference: "{{answer}}" }',
        '  - { id: graded, type: judge, kind: rubric, judge: grader, rubric: "Is it right?", scale: [1, 5], reference: "{{answer}}" }',
        'execution: { concurrency: 4, timeoutMs: 5000, retries: 0, shardSize: 4, workers: 2, seed: 3 }',
        'cache: { mode: off }',
      ]);

      const { execution } = await harness.runWorkflow(name);
      expect(execution.status).toBe('SUCCEEDED');
      const manifest = (await harness.store.readManifest(name))!;
      expect(manifest.cloud).toEqual({ workers: 2, rateLimits: {}, judgeRateLimits: { grader: { rpm: 60 } } });
      const records = await readAll(harness.store, name);
      expect(records.map((record) => record.scores.graded?.value)).toEqual(Array(8).fill(1));

      // Each shard's judge calls, by the answer they graded. The limiter lets one call go early
      // (its tolerance), so the first gap may be ~0; every later one is at least the share's
      // interval, less 20% for timers on a loaded machine.
      const shardOf = new Map(records.map((record) => [record.output, record.shard]));
      const intervalMs = 60_000 / manifest.cloud!.judgeRateLimits!.grader!.rpm!;
      expect(arrivals).toHaveLength(8);
      for (const shard of manifest.plan.shards) {
        const times = arrivals.filter((arrival) => shardOf.get(arrival.answer) === shard.id).map((arrival) => arrival.at).sort((a, b) => a - b);
        expect(times).toHaveLength(4);
        const gaps = times.slice(2).map((time, index) => time - times[index + 1]!);
        expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.8 * intervalMs);
      }
    } finally {
      await judgeServer.close();
    }
  }, 120_000);
});

describe("Prepare sizes shards for an item's judge calls", () => {
  /** Submits 100 rows × one control candidate, graded by a model judge with a 300 s back-off cap, and runs Prepare only. */
  async function preparedShardSizes(name: string, judgeExtra: string, executionExtra: string): Promise<number[]> {
    await submitQuestionRun(name, 100, [
      `name: ${name}`,
      'dataset: { path: rows.jsonl }',
      'prompt: "{{question}}"',
      'candidates: [{ id: oracle, provider: control, kind: oracle }]',
      'judges:',
      `  - { id: grader, provider: openai, model: judge-model, baseURL: "${harness.openai.url}", apiKeyEnv: ${API_KEY_ENV}, backoff: { baseMs: 250, capMs: 300000 }${judgeExtra} }`,
      'scorers:',
      '  - { id: graded, type: judge, kind: rubric, judge: grader, rubric: "Is it right?", reference: "{{answer}}" }',
      `execution: { concurrency: 8, timeoutMs: 10000, retries: 2${executionExtra} }`,
      'cache: { mode: off }',
    ]);
    await harness.functions[FUNCTIONS.prepare]!.handler({ runId: name });
    return (await harness.store.readManifest(name))!.plan.shards.map((shard) => shard.size);
  }

  it("counts a model judge's calls and its back-off in an item's worst case", async () => {
    // A call: 3 × 10 s + (250 + 500 ms) = 30 750 ms; the item and its judge call 61 500 ms. The judge's
    // 300 s back-off cap is the stall kept free: 870 − 300 = 570 s → 9 waves × 8 = 72 items
    // (192 counting the answer alone; 96 with the judge call but the default back-off).
    expect(await preparedShardSizes('cloud-judge-sizing', '', '')).toEqual([72, 28]);
  }, 60_000);

  it('shares a rate limit over the workers that run, not over more workers than there are shards', async () => {
    // 100 items in shards of 50: 2 shards, so the map runs 2 workers however many are asked for.
    // Split 16 ways, each would hold 37 of the 600 a minute and the run would use an eighth of it.
    const name = 'cloud-judge-few-shards';
    expect(await preparedShardSizes(name, ', rateLimit: { rpm: 600 }', ', workers: 16, shardSize: 50')).toEqual([50, 50]);
    const manifest = (await harness.store.readManifest(name))!;
    expect(manifest.cloud).toEqual({ workers: 2, rateLimits: {}, judgeRateLimits: { grader: { rpm: 300 } } });
  }, 60_000);

  it("keeps a rate-limited judge's calls of a shard inside the worker's budget", async () => {
    // 16 rpm over 4 workers: 4 a minute each; 570 s = 9.5 min → 38 judge calls, one an item → shards
    // 38, 38, 24. Three shards run on three workers, so the limit is shared 3 ways: 5.33 a minute
    // each → 50 calls fit in 9.5 min → shards 50, 50 (two workers at 5.33: never past the 16).
    const name = 'cloud-judge-sizing-rpm';
    expect(await preparedShardSizes(name, ', rateLimit: { rpm: 16 }', ', workers: 4')).toEqual([50, 50]);
    const { cloud } = (await harness.store.readManifest(name))!;
    expect(cloud?.workers).toBe(3);
    expect(cloud?.judgeRateLimits?.grader?.rpm).toBeCloseTo(16 / 3, 9);
  }, 60_000);
});

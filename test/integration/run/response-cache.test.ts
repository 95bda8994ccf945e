import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../../lib/local/index.ts';
import { prepareRun } from '../../../lib/run/index.ts';
import { resolveRunCache } from '../../../lib/execution/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { loadEvalSpec } from '../../../lib/spec/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { makeWorkspace, questionRows } from '../../fixtures/workspace.ts';
import { ofKind } from '../../../lib/results/index.ts';

/** Runs through the real `openai` client against the local server, with a response cache in a temp folder. */
let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ latencyMs: 20 });
});
afterAll(async () => {
  await server.close();
});

function specYaml(options: { repeats?: number; params?: string; cache?: string; limit?: number; rateLimit?: string } = {}): string {
  return `
name: cache-check
dataset: { path: qa.jsonl${options.limit ? `, limit: ${options.limit}` : ''} }
prompt: "{{question}}"
candidates:
  - { id: local, provider: openai, model: scripted, baseURL: "${server.url}", params: ${options.params ?? '{ temperature: 0, max_tokens: 32 }'},
      price: { inputPerMTokUsd: 1000, outputPerMTokUsd: 2000 }${options.rateLimit ? `, rateLimit: ${options.rateLimit}` : ''} }
  - { id: oracle, provider: control, kind: oracle }
scorers:
  - { type: includes, reference: "{{question}}" }
execution: { concurrency: 4, retries: 0, repeats: ${options.repeats ?? 1} }
${options.cache ?? ''}
`;
}

async function run(dir: string, cacheDir: string, runId: string, spec: string) {
  makeWorkspaceFile(dir, spec);
  const loaded = await loadEvalSpec(join(dir, 'spec.yaml'), {});
  const prepared = prepareRun(loaded, await loadDataset(loaded.spec.dataset, loaded.baseDir), { overrides: { cacheDir } });
  const store = new FsResultStore(join(dir, 'results'));
  const cache = resolveRunCache(prepared.run.cache!, loaded.baseDir);
  const before = server.requestCount;
  const { summary } = await runLocal({ prepared, store, runId, env: {}, clock: systemClock, progress: createProgressReporter({ quiet: true }), cache });
  const records: ResultRecord[] = [];
  for await (const record of store.readRecords(runId)) if (record.candidate === 'local') records.push(record);
  records.sort((a, b) => a.itemId.localeCompare(b.itemId));
  return { summary, records, asked: server.requestCount - before };
}

/** The spec changes between runs of one test; the dataset stays. */
function makeWorkspaceFile(dir: string, spec: string): void {
  writeFileSync(join(dir, 'spec.yaml'), spec);
}

function fresh() {
  return { dir: makeWorkspace({ 'qa.jsonl': questionRows(6) }), cacheDir: mkdtempSync(join(tmpdir(), 'verdict-cache-')) };
}

describe('the response cache in a local run', () => {
  it('serves an identical second run from the cache: no calls, marked records, no latency, cost 0 with the original cost apart', async () => {
    const { dir, cacheDir } = fresh();
    const first = await run(dir, cacheDir, 'r1', specYaml());
    const second = await run(dir, cacheDir, 'r2', specYaml());

    expect(first.asked).toBe(6);
    expect(first.records.every((record) => record.cache === undefined && record.latencyMs !== null)).toBe(true);
    expect(second.asked).toBe(0);
    expect(second.records.map((record) => record.output)).toEqual(first.records.map((record) => record.output));
    for (const [index, record] of second.records.entries()) {
      expect(record.cache!.key).toMatch(/^[0-9a-f]{64}$/);
      // The original call's latency is kept in the mark (the record's own figure is rounded to µs).
      expect(record.cache!.latencyMs).toBeCloseTo(first.records[index]!.latencyMs!, 2);
      expect(record).toMatchObject({ latencyMs: null, ttftMs: null, attempts: 0 });
      expect(record.usage).toEqual(first.records[index]!.usage);
    }
    const metrics = second.summary.candidates.local!.metrics;
    expect(metrics['latency.p50_ms']).toBeUndefined();
    expect(metrics['throughput.output_tokens_per_s']).toBeUndefined();
    expect(metrics.accuracy!.value).toBe(first.summary.candidates.local!.metrics.accuracy!.value);
    const firstCost = first.summary.candidates.local!.metrics['cost.usd']!;
    expect(firstCost.value).toBeGreaterThan(0);
    expect(metrics['cost.usd']).toMatchObject({ value: 0, cached: 6, uncounted: 0 });
    expect(ofKind(metrics['cost.usd'], 'cost')!.cachedUsd!).toBeCloseTo(firstCost.value!, 12);
  });

  // Everything but the cache mark, the call's timing and the attempt count is the live record's.
  const answerOf = ({ cache, latencyMs, ttftMs, attempts, startedAt, finishedAt, ...rest }: ResultRecord) => rest;

  it('gives a hit the live answer\'s reasoning, reasoning-token count and log-probability confidence', async () => {
    server.setScript({ latencyMs: 20, reasoning: 'weighing the options', tokenLogprobs: (_token, index) => -0.1 * (index + 1) });
    try {
      const { dir, cacheDir } = fresh();
      const spec = specYaml({ params: '{ temperature: 0, logprobs: true, top_logprobs: 2 }', cache: 'calibration: { confidence: logprobs }' });
      const first = await run(dir, cacheDir, 'r1', spec);
      const second = await run(dir, cacheDir, 'r2', spec);
      expect(second.asked).toBe(0);
      expect(first.records[0]!.reasoning).toEqual({ text: 'weighing the options', source: 'field', tokens: 3, tokensSource: 'server' });
      expect(first.records[0]!.confidence).toMatchObject({ source: 'logprobs' });
      expect(second.records.map(answerOf)).toEqual(first.records.map(answerOf));
    } finally {
      server.setScript({ latencyMs: 20 });
    }
  });

  it('counts a hit\'s reasoning with the candidate\'s tokenizer when the server sent no count, as live (behind a rate limit too)', async () => {
    server.setScript({ latencyMs: 20, reasoning: 'weighing the options', omitUsage: true });
    try {
      const { dir, cacheDir } = fresh();
      const spec = specYaml({ rateLimit: '{ rpm: 60000 }' });
      const first = await run(dir, cacheDir, 'r1', spec);
      const second = await run(dir, cacheDir, 'r2', spec);
      expect(second.asked).toBe(0);
      expect(first.records[0]!.reasoning).toMatchObject({ text: 'weighing the options', source: 'field', tokensSource: 'tokenizer' });
      expect(second.records.map(answerOf)).toEqual(first.records.map(answerOf));
    } finally {
      server.setScript({ latencyMs: 20 });
    }
  });

  it('asks again for new repeats: repeats 2 and 3 miss, repeat 1 hits', async () => {
    const { dir, cacheDir } = fresh();
    await run(dir, cacheDir, 'r1', specYaml());
    const third = await run(dir, cacheDir, 'r3', specYaml({ repeats: 3 }));
    expect(third.asked).toBe(12);
    const hitsByRepeat = [0, 1, 2].map((repeat) => third.records.filter((record) => record.repeat === repeat && record.cache !== undefined).length);
    expect(hitsByRepeat).toEqual([6, 0, 0]);
  });

  it('misses when a request param changes, and excludes only the cached items from latency', async () => {
    const { dir, cacheDir } = fresh();
    await run(dir, cacheDir, 'r1', specYaml({ limit: 2 }));
    const changed = await run(dir, cacheDir, 'r2', specYaml({ limit: 2, params: '{ temperature: 0, max_tokens: 33 }' }));
    expect(changed.asked).toBe(2);

    const mixed = await run(dir, cacheDir, 'r3', specYaml());
    expect(mixed.asked).toBe(4);
    expect(mixed.records.filter((record) => record.cache !== undefined).map((record) => record.sampleId)).toEqual(['q01', 'q02']);
    expect(mixed.summary.candidates.local!.metrics['latency.p50_ms']!.n).toBe(4);
  });

  it('caches temperature > 0 only when asked to, and never with cache: false', async () => {
    const { dir, cacheDir } = fresh();
    const warm = '{ temperature: 0.7 }';
    await run(dir, cacheDir, 'a1', specYaml({ params: warm }));
    expect((await run(dir, cacheDir, 'a2', specYaml({ params: warm }))).asked).toBe(6);

    await run(dir, cacheDir, 'b1', specYaml({ params: warm, cache: 'cache: { mode: on }' }));
    expect((await run(dir, cacheDir, 'b2', specYaml({ params: warm, cache: 'cache: { mode: on }' }))).asked).toBe(0);
    expect((await run(dir, cacheDir, 'b3', specYaml({ params: warm, cache: 'cache: false' }))).asked).toBe(6);
  });
});

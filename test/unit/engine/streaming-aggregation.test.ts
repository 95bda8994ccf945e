import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateRecords, createManifest, describeRun } from '../../../lib/engine/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import { ExecutionSpecSchema } from '../../../lib/spec/index.ts';

// The summary this fixture gave before aggregation kept compact per-sample state (typed arrays):
// golden/streaming-aggregation.json was written by the previous implementation (main at aafee16)
// and must not change. Set WRITE_GOLDEN=1 only to record it from a trusted implementation.
const GOLDEN = join(import.meta.dirname, 'golden', 'streaming-aggregation.json');
const candidates = ['a', 'b', 'c'];
const repeats = 3;
const sampleIds = Array.from({ length: 60 }, (_, index) => `s${index}`);

function fixture() {
  const run = describeRun(
    { execution: ExecutionSpecSchema.parse({ concurrency: 4, repeats, shardSize: 50, seed: 11 }), gates: [], compare: [{ a: 'a', b: 'b' }, { a: 'a', b: 'c' }] },
    {},
    {
      sampleIds,
      candidates: candidates.map((id) => ({ id, provider: 'openai', kind: 'model', params: {} })),
      scorers: [{ id: 'exact', type: 'exact', params: {} }, { id: 'f1', type: 'f1', params: {} }],
    },
  );
  const manifest = createManifest({
    runId: 'golden',
    createdAt: '2026-01-01T00:00:00.000Z',
    spec: { name: 'golden', path: 'golden.yaml', sha256: '0', resolved: { execution: { concurrency: 4, repeats, seed: 11 }, compare: [{ a: 'a', b: 'b' }, { a: 'a', b: 'c' }] } },
    dataset: { paths: ['golden.jsonl'], format: 'jsonl', sha256: '0', sampleIds },
    run,
    versions: { verdict: '0', node: 'v20' },
    git: { commit: null, dirty: null },
  });
  const records: ResultRecord[] = [];
  for (let index = 0; index < run.plan.items; index++) {
    const sample = Math.floor(index / (candidates.length * repeats));
    const candidate = candidates[Math.floor(index / repeats) % candidates.length]!;
    const repeat = index % repeats;
    const skill = { a: 5, b: 4, c: 7 }[candidate]!;
    const pass = (sample * skill + repeat * 3) % 7 < 4;
    const failed = (sample + repeat) % 23 === 0 && candidate === 'c';
    records.push({
      schemaVersion: 1,
      itemId: `s${sample}|${candidate}|${repeat}`,
      shard: `shard-${String(Math.floor(index / run.plan.shardSize)).padStart(5, '0')}`,
      sampleId: `s${sample}`,
      candidate,
      repeat,
      cluster: `c${sample % 7}`,
      category: sample % 3 === 0 ? 'odd' : 'even',
      prompt: [{ role: 'user', content: `question ${sample}` }],
      reference: String(sample),
      output: failed ? null : pass ? String(sample) : 'no',
      error: failed ? { code: 'HTTP_500', message: 'server error', retryable: true } : null,
      scores: failed ? {} : { exact: { value: pass ? 1 : 0, pass }, f1: { value: pass ? 1 : ((sample % 5) / 5), pass } },
      latencyMs: failed ? null : 40 + ((index * 37) % 53),
      ttftMs: failed ? null : 10 + ((index * 11) % 17),
      usage: { inputTokens: 12, outputTokens: 3, source: 'server' },
      attempts: failed ? 3 : 1,
      startedAt: new Date(1_700_000_000_000 + index * 10).toISOString(),
      finishedAt: new Date(1_700_000_000_050 + index * 10).toISOString(),
    } as ResultRecord);
  }
  return { manifest, records };
}

describe('streaming aggregation with compact per-sample state', () => {
  it('gives the same summary as before on candidates × repeats × clusters × paired comparisons', async () => {
    const { manifest, records } = fixture();
    const summary = await aggregateRecords(records, manifest, { exactPlan: true });
    const { integrity: _integrity, ...metrics } = summary;
    if (process.env.WRITE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(metrics, null, 2)}\n`);
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8'));
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(golden);
    expect(golden.comparisons.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(golden.candidates)).toEqual(candidates);
  });
});

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateRecords, createManifest, describeRun } from '../../../lib/engine/index.ts';
import { readSummaryFile, ResultRecordSchema, type ResultRecord } from '../../../lib/results/index.ts';
import { parseRecordLines } from '../../../lib/store/parse-records.ts';
import { ExecutionSpecSchema } from '../../../lib/spec/index.ts';
import { CalibrationSpecSchema } from '../../../lib/spec/answer-spec.ts';
import { getScorerDefinition } from '../../../lib/scorers/registry.ts';
import type { ScorerDefinition } from '../../../lib/scorers/types.ts';

// The summary this fixture gave before aggregation kept compact per-sample state (typed arrays):
// golden/streaming-aggregation.json was written by the previous implementation (main at aafee16)
// and must not change. Set WRITE_GOLDEN=1 only to record it from a trusted implementation.
// One deliberate change since: latency std is summed over the sorted values (so it does not
// depend on record order), which moved the seven `std` figures in their 16th digit. The file is
// summary.json version 1 and stays so: it is read through the upgrade, which must give each metric
// the kind the current writers give it.
const GOLDEN = join(import.meta.dirname, 'golden', 'streaming-aggregation.json');
const candidates = ['a', 'b', 'c'];
const repeats = 3;
const sampleIds = Array.from({ length: 60 }, (_, index) => `s${index}`);

/** `resampled`: adds per-answer confidence (calibration's bootstrap) and a BLEU scorer (its corpus bootstrap). */
function fixture(options: { resampled?: boolean } = {}) {
  const extra = options.resampled ? { calibration: CalibrationSpecSchema.parse({ resamples: 200 }) } : {};
  const bleuParams = { reference: '{{answer}}' };
  const scorers = [{ id: 'exact', type: 'exact', params: {} }, { id: 'f1', type: 'f1', params: {} }, ...(options.resampled ? [{ id: 'bleu', type: 'bleu', params: bleuParams }] : [])];
  const bleuDefinition = getScorerDefinition('bleu') as ScorerDefinition;
  const bleu = bleuDefinition.create(bleuDefinition.params.parse(bleuParams), { id: 'bleu' } as never);
  const run = describeRun(
    { execution: ExecutionSpecSchema.parse({ concurrency: 4, repeats, shardSize: 50, seed: 11 }), gates: [], compare: [{ a: 'a', b: 'b' }, { a: 'a', b: 'c' }], ...extra },
    {},
    {
      sampleIds,
      candidates: candidates.map((id) => ({ id, provider: 'openai', kind: 'model', params: {} })),
      scorers,
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
    const output = failed ? null : pass ? `the answer is ${sample}` : `no idea about ${sample % 4}`;
    const resampled = options.resampled && !failed
      ? {
          scores: {
            exact: { value: pass ? 1 : 0, pass },
            f1: { value: pass ? 1 : (sample % 5) / 5, pass },
            bleu: bleu.score({ sample: { id: `s${sample}`, data: { answer: `the answer is ${sample}` }, source: { file: 'golden.jsonl', line: sample + 1 } }, output: output! }),
          },
          confidence: { value: ((sample * 13 + repeat * 7) % 10) / 10, source: 'verbalized', method: 'stated' },
        }
      : {};
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
      ...resampled,
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
    const golden = readSummaryFile(JSON.parse(readFileSync(GOLDEN, 'utf8')), GOLDEN);
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(golden);
    expect(golden.comparisons!.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(golden.candidates)).toEqual(candidates);
  });

  it.each([
    ['paired comparisons, clusters, categories', false],
    ['calibration and corpus BLEU bootstraps', true],
  ])('gives a byte-identical summary whatever order the records arrive in (%s)', async (_name, resampled) => {
    const { manifest, records } = fixture({ resampled });
    if (resampled) expect(records.filter((record) => record.confidence).length).toBeGreaterThan(400);
    const inOrder = await aggregateRecords(records, manifest, { exactPlan: true });
    if (resampled) expect(Object.keys(inOrder.candidates.a!.metrics)).toEqual(expect.arrayContaining(['calibration.ece', 'bleu']));
    for (const order of [shuffled(records, 7), shuffled(records, 23), [...records].reverse()]) {
      const summary = await aggregateRecords(order, manifest, { exactPlan: true });
      // The record digest is over records in store order by definition; everything else must not depend on it.
      expect(summary.integrity?.recordsSha256).not.toBe(inOrder.integrity?.recordsSha256);
      const [got, want] = [JSON.stringify({ ...summary, integrity: null }), JSON.stringify({ ...inOrder, integrity: null })];
      expect(JSON.parse(got)).toEqual(JSON.parse(want));
      expect(got).toBe(want);
    }
  });

  it('digests records read from lines as the JSON of the parsed records, whatever key order or spacing the lines have', async () => {
    const { manifest, records } = fixture({ resampled: true });
    const parsed = records.map((record) => ResultRecordSchema.parse({ ...record, error: record.error && { code: record.error.code, message: record.error.message } }));
    const schemaOrder = parsed.map((record) => JSON.stringify(record));
    // The definition (run-digest.ts), computed here independently of RunDigest.
    const expected = createHash('sha256').update(schemaOrder.map((line) => `${line}\n`).join('')).digest('hex');
    // How the writer ordered keys before it used the schema's order: startedAt right after the labels.
    const olderOrder = parsed.map((record) => {
      const entries = Object.entries(record).filter(([key]) => key !== 'startedAt');
      entries.splice(entries.findIndex(([key]) => key === 'prompt'), 0, ['startedAt', record.startedAt]);
      return JSON.stringify(Object.fromEntries(entries));
    });
    const spaced = schemaOrder.map((line, index) => (index % 2 === 0 ? line.replace(',"repeat":', ', "repeat":') : line));
    const fromObjects = await aggregateRecords(parsed, manifest, { exactPlan: true });
    expect(fromObjects.integrity?.recordsSha256).toBe(expected);
    for (const lines of [schemaOrder, olderOrder, spaced]) {
      expect(lines).toHaveLength(records.length);
      const summary = await aggregateRecords(parseRecordLines(lines.map((text) => ({ text, last: false })), 'shard.jsonl'), manifest, { exactPlan: true });
      expect(summary.integrity?.recordsSha256).toBe(expected);
      expect(summary).toEqual(fromObjects);
    }
    expect(olderOrder[0]).toMatch(/"cluster":"c0","startedAt"/);
  });
});

/** A seeded Fisher–Yates shuffle (mulberry32), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other]!, out[index]!];
  }
  return out;
}

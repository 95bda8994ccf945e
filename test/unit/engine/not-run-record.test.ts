import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../lib/datasets/sample.ts';
import { notRunRecord, planRun, workItemAt } from '../../../lib/engine/index.ts';
import { ResultRecordSchema } from '../../../lib/results/index.ts';

// Budget refusals (local) and failed shards (cloud) both record items through this one factory.
const plan = planRun({ sampleIds: ['s0', 's1'], candidates: ['m'], repeats: 2 });
const sample: Sample = { id: 's1', category: 'geo', cluster: 'c1', data: { q: 'x' }, source: { file: 'rows.jsonl', line: 2 } };
const error = { code: 'WORKER_FAILED', message: 'worker failed' };

describe('notRunRecord', () => {
  it('records the item with its error, sample fields and prompt, and no answer', () => {
    const item = workItemAt(plan, 3);
    const record = notRunRecord(item, 'shard-00000', { sample, prompt: [{ role: 'user', content: 'x' }], reference: 'Paris', error, now: '2026-01-01T00:00:00.000Z' });
    expect(ResultRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toMatchObject({
      itemId: 's1|m|1',
      sampleId: 's1',
      repeat: 1,
      category: 'geo',
      cluster: 'c1',
      reference: 'Paris',
      output: null,
      error,
      scores: {},
      attempts: 0,
      latencyMs: null,
    });
  });

  it('without the sample keeps the sample id and leaves the prompt empty', () => {
    const record = notRunRecord(workItemAt(plan, 0), 'shard-00000', { sample: { id: 's0' }, error, now: '2026-01-01T00:00:00.000Z' });
    expect(record).toMatchObject({ itemId: 's0|m|0', sampleId: 's0', prompt: [], error });
    expect(JSON.parse(JSON.stringify(record))).not.toHaveProperty('category');
    expect(ResultRecordSchema.safeParse(JSON.parse(JSON.stringify(record))).success).toBe(true);
  });
});

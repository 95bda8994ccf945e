import { describe, expect, it } from 'vitest';
import { aggregateRecords } from '../../../lib/engine/index.ts';
import { isVerdictError } from '../../../lib/errors/index.ts';
import type { Manifest } from '../../../lib/results/index.ts';
import { fakeManifest, fakeRecord } from '../../fixtures/result-set.ts';

/** Two shards of two items (samples s0..s3, one candidate). */
function planned(): Manifest {
  const manifest = fakeManifest('cover', 2);
  return { ...manifest, dataset: { ...manifest.dataset, sampleIds: ['s0', 's1', 's2', 's3'] } };
}

const records = () => [0, 1, 2, 3].map((index) => fakeRecord(index, { shard: index < 2 ? 'shard-00000' : 'shard-00001' }));

async function sealError(list: ReturnType<typeof records>): Promise<string> {
  try {
    await aggregateRecords(list, planned(), { exactPlan: true });
  } catch (error) {
    if (isVerdictError(error, 'RUN_INCOMPLETE')) return error.message;
    throw error;
  }
  return '';
}

describe('sealing checks the records against the plan', () => {
  it('counts an item recorded twice (two writers) once', async () => {
    const list = records();
    const summary = await aggregateRecords([...list, { ...list[1]!, output: 'again' }], planned(), { exactPlan: true });
    expect(summary.candidates.oracle!.n).toBe(4);
    expect(summary.candidates.oracle!.metrics.accuracy!.n).toBe(4);
    // The digest still covers every line, so verify sees the file as written.
    expect(summary.integrity!.records).toBe(5);
  });

  it('refuses to seal when a planned item has no record', async () => {
    expect(await sealError(records().slice(0, 3))).toContain('1 of 4 planned items have no record');
  });

  it('refuses to seal a record of an item outside the plan, or in the wrong shard', async () => {
    const list = records();
    expect(await sealError([...list, fakeRecord(9)])).toContain('"s9|oracle|0" is not an item of the plan');
    const moved = list.map((record, index) => (index === 3 ? { ...record, shard: 'shard-00000' } : record));
    expect(await sealError(moved)).toContain('says shard "shard-00000"; the plan put it in shard-00001');
  });
});

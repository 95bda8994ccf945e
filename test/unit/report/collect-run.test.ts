import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportIndex, digestDistribution, sharedEdges, type SampleChunk } from '../../../lib/report/index.ts';
import { percentile } from '../../../lib/stats/index.ts';
import { FsResultStore } from '../../../lib/store/index.ts';
import { writeAuditFixture } from '../../fixtures/report-runs.ts';

describe('distribution digest', () => {
  it('counts every value once, folds the tail above p99 into the last bin, and keeps type-7 percentiles', () => {
    const values = [...Array.from({ length: 99 }, (_, index) => 100 + index), 5000];
    const edges = sharedEdges([values])!;
    const digest = digestDistribution(values, edges)!;
    expect(digest.counts.reduce((sum, count) => sum + count, 0)).toBe(100);
    expect(digest.overflow).toBe(1);
    expect(edges[edges.length - 1]).toBeCloseTo(percentile(values, 99)!, 6);
    expect(digest.quantiles[50]).toBe(percentile(values, 50));
    expect(digest.quantiles[100]).toBe(5000);
  });

  it('returns nothing for an empty list', () => {
    expect(digestDistribution([], [0, 1])).toBeNull();
  });
});

describe('buildReportIndex', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes rows in plan order in chunks, keeps records out of the overview, and digests latency per candidate', async () => {
    const { summary } = await writeAuditFixture(join(dir, 'results'), { samples: 2000, bias: false });
    const chunks = new Map<string, SampleChunk>();
    const index = await buildReportIndex({
      resultsDir: join(dir, 'results'),
      sink: { writeChunk: async (name, json) => void chunks.set(name, JSON.parse(json) as SampleChunk) },
    });
    const run = index.runs[0]!;
    expect(run.samples.count).toBe(6000);
    expect(run.samples.chunks).toEqual(['r0/samples-0000', 'r0/samples-0001']);
    const rows = run.samples.chunks.flatMap((name) => chunks.get(name)!.rows);
    expect(rows.map((row) => row.i)).toEqual(rows.map((_, position) => position));
    expect(rows.slice(0, 3).map((row) => row.itemId)).toEqual(['bbq-000001|model-a|0', 'bbq-000001|model-b|0', 'bbq-000001|chance|0']);
    // pass follows accuracy's rule: the primary scorer passed and there was no error.
    const passed = rows.filter((row) => row.candidate === 'model-a' && row.pass).length;
    expect(passed / 2000).toBeCloseTo(summary.candidates['model-a']!.metrics.accuracy!.value!, 10);
    expect(JSON.stringify(index)).not.toContain('Context 0:');
    expect('sampleIds' in run.manifest.dataset).toBe(false);
    expect(run.distributions['model-a']!.latency!.n).toBe(summary.candidates['model-a']!.metrics['latency.p50_ms']!.n);
    expect(run.distributions.chance!.latency).toBeUndefined();
  });

  it('lists a run without summary.json as incomplete', async () => {
    const results = join(dir, 'partial');
    await writeAuditFixture(results, { runId: 'sealed', samples: 10 });
    const store = new FsResultStore(results);
    const manifest = (await store.readManifest('sealed'))!;
    await store.writeManifest({ ...manifest, runId: 'unsealed' });
    const index = await buildReportIndex({ resultsDir: results, sink: { writeChunk: async () => {} } });
    expect(index.runs.find((run) => run.runId === 'unsealed')!.status).toBe('incomplete');
    // The fixture's summary is what its records compute, so it verifies; an edited one does not.
    expect(index.runs.find((run) => run.runId === 'sealed')!.status).toBe('sealed');
    const summary = (await store.readSummary('sealed'))!;
    await store.writeSummary({ ...summary, runId: 'forged' });
    const forged = { ...manifest, runId: 'forged' };
    await store.writeManifest(forged);
    for (const shard of manifest.plan.shards) {
      const rows = [];
      for await (const record of store.readShard('sealed', shard.id)) rows.push(record);
      await store.writeShard('forged', shard.id, rows.map((record) => ({ ...record, output: 'edited' })));
    }
    const again = await buildReportIndex({ resultsDir: results, sink: { writeChunk: async () => {} } });
    expect(again.runs.find((run) => run.runId === 'forged')!.status).toBe('tampered');
  });

  it('fails with the fix when the folder holds no result sets', async () => {
    await expect(buildReportIndex({ resultsDir: join(dir, 'nothing'), sink: { writeChunk: async () => {} } })).rejects.toThrow(/no result sets found.*verdict run/);
  });
});

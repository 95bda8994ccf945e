/**
 * Bench worker: seal-time aggregation (`aggregateRecords` with `exactPlan`, as a run's seal and
 * `verify` do) of N records: 2 candidates, 2 repeats, clusters and a paired comparison. With
 * `lines` (the default) the records are first written to a run folder through the local store,
 * as a run's writer leaves them (`generateMs`, not part of `ms`), then `ms` times the seal alone:
 * the store reading the shard files back (parse, strict schema check, canonical-line proof for
 * the digest) into the aggregation. With `objects` the records are generated one at a time
 * into the aggregation (the aggregation alone; `ms` includes making them, which `generateMs`
 * times on its own in a first pass). Prints `{ count, from, ms, generateMs, cpuUserMs,
 * generateCpuUserMs, maxRssMb }`; the CPU figures are the process's user CPU over each pass
 * (steadier than wall time on a loaded machine).
 * Usage: tsx bench/workers/aggregation.ts <records> [lines|objects]
 */
import { aggregateRecords, createManifest, describeRun } from '../../lib/engine/index.ts';
import { ExecutionSpecSchema } from '../../lib/spec/index.ts';
import type { ResultRecord } from '../../lib/results/index.ts';
import { FsResultStore } from '../../lib/store/index.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const count = Number(process.argv[2] ?? 1_000_000);
const from = process.argv[3] === 'objects' ? 'objects' : 'lines';
const candidates = ['a', 'b'];
const repeats = 2;
const samples = Math.ceil(count / (candidates.length * repeats));
const sampleIds = Array.from({ length: samples }, (_, index) => `s${index}`);
const run = describeRun({ execution: ExecutionSpecSchema.parse({ concurrency: 200, repeats }), gates: [], compare: [{ a: 'a', b: 'b' }] }, {}, {
  sampleIds,
  candidates: candidates.map((id) => ({ id, provider: 'openai', kind: 'model', params: {} })),
  scorers: [{ id: 'exact', type: 'exact', params: {} }],
});
const { plan } = run;
const manifest = createManifest({
  runId: 'bench',
  createdAt: new Date().toISOString(),
  spec: { name: 'bench', path: 'bench.yaml', sha256: '0', resolved: { execution: { concurrency: 200, repeats }, compare: [{ a: 'a', b: 'b' }] } },
  dataset: { paths: ['bench.jsonl'], format: 'jsonl', sha256: '0', sampleIds },
  run,
  versions: { verdict: '0', node: process.version },
  git: { commit: null, dirty: null },
});

function* records(): Generator<ResultRecord> {
  for (let index = 0; index < plan.items; index++) {
    const sample = Math.floor(index / (candidates.length * repeats));
    const candidate = candidates[Math.floor(index / repeats) % candidates.length]!;
    const repeat = index % repeats;
    const pass = (sample * 7 + repeat + (candidate === 'b' ? 1 : 0)) % 3 !== 0;
    yield {
      schemaVersion: 1,
      itemId: `s${sample}|${candidate}|${repeat}`,
      shard: `shard-${String(Math.floor(index / plan.shardSize)).padStart(5, '0')}`,
      sampleId: `s${sample}`,
      candidate,
      repeat,
      cluster: `c${sample % 97}`,
      prompt: [{ role: 'user', content: `question ${sample}` }],
      reference: String(sample),
      output: pass ? String(sample) : 'no',
      error: null,
      scores: { exact: { value: pass ? 1 : 0, pass } },
      latencyMs: 50 + (index % 17),
      ttftMs: 20 + (index % 5),
      usage: { inputTokens: 12, outputTokens: 3, source: 'server' },
      attempts: 1,
      startedAt: new Date(1_700_000_000_000 + index).toISOString(),
      finishedAt: new Date(1_700_000_000_050 + index).toISOString(),
    } as ResultRecord;
  }
}

/** Writes the records to a run folder as the record writer does: batches appended per shard. */
async function writeRun(store: FsResultStore): Promise<void> {
  await store.writeManifest(manifest);
  let batch: ResultRecord[] = [];
  for (const record of records()) {
    if (batch.length > 0 && (batch.length === 512 || batch[0]!.shard !== record.shard)) {
      await store.appendRecords(manifest.runId, batch[0]!.shard, batch);
      batch = [];
    }
    batch.push(record);
  }
  if (batch.length > 0) await store.appendRecords(manifest.runId, batch[0]!.shard, batch);
  await store.close();
}

const dir = await mkdtemp(join(tmpdir(), 'verdict-aggregation-'));
const store = new FsResultStore(dir);
try {
  const generateCpu = process.cpuUsage();
  const generated = performance.now();
  let made = 0;
  if (from === 'lines') await writeRun(store);
  else for (const record of records()) made += record.repeat >= 0 ? 1 : 0;
  const generateMs = performance.now() - generated;
  const generateCpuUserMs = process.cpuUsage(generateCpu).user / 1000;
  if (from === 'objects' && made !== plan.items) throw new Error(`generated ${made} records, planned ${plan.items}`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await aggregateRecords(from === 'lines' ? store.readRecords(manifest.runId) : records(), manifest, { exactPlan: true });
  const ms = performance.now() - started;
  const cpuUserMs = process.cpuUsage(cpu).user / 1000;
  if (summary.integrity?.records !== plan.items) throw new Error(`aggregated ${summary.integrity?.records} records, planned ${plan.items}`);
  process.stdout.write(`${JSON.stringify({ count: plan.items, from, ms, generateMs, cpuUserMs, generateCpuUserMs, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

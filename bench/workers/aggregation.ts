/**
 * Bench worker: seal-time aggregation (`aggregateRecords` with `exactPlan`, as a run's seal and
 * `verify` do) of N records generated one at a time, so only the aggregation's own state is
 * held: 2 candidates, 2 repeats, clusters and a paired comparison. Prints `{ count, ms,
 * generateMs, maxRssMb }`: `ms` includes making the records, which `generateMs` times alone (one
 * pass over the same generator first), so `ms − generateMs` is the aggregation's own time.
 * Usage: tsx bench/workers/aggregation.ts <records>
 */
import { aggregateRecords, createManifest, describeRun } from '../../lib/engine/index.ts';
import { ExecutionSpecSchema } from '../../lib/spec/index.ts';
import type { ResultRecord } from '../../lib/results/index.ts';

const count = Number(process.argv[2] ?? 1_000_000);
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

const generated = performance.now();
let made = 0;
for (const record of records()) made += record.repeat >= 0 ? 1 : 0;
const generateMs = performance.now() - generated;
if (made !== plan.items) throw new Error(`generated ${made} records, planned ${plan.items}`);
const started = performance.now();
await aggregateRecords(records(), manifest, { exactPlan: true });
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ count: plan.items, ms, generateMs, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);

/**
 * Bench worker: seal-time aggregation (`aggregateRecords` with `exactPlan`, as a run's seal and
 * `verify` do) of N records generated one at a time, so only the aggregation's own state is
 * held: 2 candidates, 2 repeats, clusters and a paired comparison. The records reach the
 * aggregation as a seal reads them — JSON lines through the store's parser (parse, strict schema
 * check, canonical-line proof for the digest), without the disk — or, with `objects`, as objects
 * (the aggregation alone). Prints `{ count, from, ms, generateMs, cpuUserMs, generateCpuUserMs, maxRssMb }`: `ms`
 * includes making the records (and their lines), which `generateMs` times alone (one pass over
 * the same generator first), so `ms − generateMs` is the seal's own time; `cpuUserMs` and
 * `generateCpuUserMs` are the process's user CPU over each pass (steadier than wall time on a
 * loaded machine).
 * Usage: tsx bench/workers/aggregation.ts <records> [lines|objects]
 */
import { aggregateRecords, createManifest, describeRun } from '../../lib/engine/index.ts';
import { ExecutionSpecSchema } from '../../lib/spec/index.ts';
import type { ResultRecord } from '../../lib/results/index.ts';
import { parseRecordLines } from '../../lib/store/parse-records.ts';

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

/** The records as a shard file holds them (the writer's JSON.stringify, one per line). */
function* lines(): Generator<{ text: string; last: boolean }> {
  for (const record of records()) yield { text: JSON.stringify(record), last: false };
}

const generateCpu = process.cpuUsage();
const generated = performance.now();
let made = 0;
if (from === 'lines') for (const line of lines()) made += line.text.length > 0 ? 1 : 0;
else for (const record of records()) made += record.repeat >= 0 ? 1 : 0;
const generateMs = performance.now() - generated;
const generateCpuUserMs = process.cpuUsage(generateCpu).user / 1000;
if (made !== plan.items) throw new Error(`generated ${made} records, planned ${plan.items}`);
const cpu = process.cpuUsage();
const started = performance.now();
await aggregateRecords(from === 'lines' ? parseRecordLines(lines(), 'bench.jsonl') : records(), manifest, { exactPlan: true });
const ms = performance.now() - started;
const cpuUserMs = process.cpuUsage(cpu).user / 1000;
process.stdout.write(`${JSON.stringify({ count: plan.items, from, ms, generateMs, cpuUserMs, generateCpuUserMs, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);

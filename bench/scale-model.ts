/**
 * `npm run bench:scale`: the measured scale model of a cloud run (issue 18, docs/scale-model.md).
 *
 * A run of N samples × 5 candidates (three replay recordings and two controls, so no model is
 * asked) goes through the run state machine exactly as the stack synthesises it, executed by the
 * local interpreter (test/fixtures/asl-interpreter.ts) behind the local Step Functions endpoint,
 * with the real Prepare, worker and Seal handlers behind the local Lambda endpoint and s3rver as
 * S3 (test/e2e/cloud-harness.ts). Seal runs in its own process, so its peak RSS is its own.
 *
 * Measured per size: execution wall time; the handlers' own time (Prepare, each worker, Seal);
 * orchestration overhead per item = (wall − Prepare − Σ workers − Seal) / items, which is clean
 * because the map runs one shard at a time (`workers: 1`); S3 requests by operation (counted at
 * the fixture; the CLI's input upload is counted apart); state transitions, parent and children.
 *
 * Options: `--samples 10000,50000,100000` (sizes; default all three, about a minute here), `--workers N` (the map's
 * MaxConcurrency; default 1, see above), `--seal-only N`: only Seal at N samples × 5 (the real
 * Prepare writes the manifest and shard index, each shard's records are written as a worker's
 * would be, generated from the plan, then Seal runs in its own process), so Seal can be measured
 * at 500,000 records without running every worker through the harness. Prints a table and, last,
 * one JSON line with every figure.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { submitRunInput } from '../lib/cloud-client/index.ts';
import { loadDataset } from '../lib/datasets/index.ts';
import { writeShardOnce } from '../lib/cloud-lambda/index.ts';
import { planFromManifest, workItemAt } from '../lib/engine/index.ts';
import type { ResultRecord } from '../lib/results/index.ts';
import { loadEvalSpec } from '../lib/spec/index.ts';
import { BUCKET, FUNCTIONS, startCloudHarness, type CloudHarness } from '../test/e2e/cloud-harness.ts';
import { FAKE_CREDENTIALS } from '../test/fixtures/s3-server.ts';
import { runWorker } from './lib/processes.ts';
import { fmt, formatTable, type BenchRow } from './lib/table.ts';

const CANDIDATES = 5;
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const SIZES = (argument('--samples') ?? '10000,50000,100000').split(',').map(Number);
const WORKERS = Number(argument('--workers') ?? 1);
const log = (message: string) => process.stderr.write(`bench:scale: ${message}\n`);

/** Every figure of one size. */
export interface ScaleFigures {
  samples: number;
  items: number;
  shards: number;
  wallMs: number;
  prepareMs: number;
  workerMs: number;
  sealMs: number;
  /** The seal process from spawn to exit (Node start-up included). */
  sealWallMs: number;
  sealMaxRssMb: number;
  overheadMsPerItem: number;
  s3: Record<string, number>;
  s3Submit: Record<string, number>;
  transitions: { parent: number; children: number };
  workerInvocations: number;
  status: string;
}

/** Writes the dataset, three replay recordings (each wrong on a different stride) and the spec. */
async function writeScaleRun(dir: string, samples: number): Promise<string> {
  await mkdir(join(dir, 'evals'), { recursive: true });
  await mkdir(join(dir, 'data'), { recursive: true });
  const rows: string[] = [];
  const replays: string[][] = [[], [], []];
  for (let index = 0; index < samples; index++) {
    rows.push(JSON.stringify({ id: `q${index}`, question: `What is ${index} plus one?`, answer: String(index + 1) }));
    replays.forEach((lines, k) => {
      lines.push(JSON.stringify({ id: `q${index}`, output: { text: index % (k + 3) === 0 ? 'no' : String(index + 1) } }));
    });
  }
  await writeFile(join(dir, 'data', 'scale.jsonl'), `${rows.join('\n')}\n`);
  for (const [k, lines] of replays.entries()) await writeFile(join(dir, 'data', `replay-${k}.jsonl`), `${lines.join('\n')}\n`);
  const spec = join(dir, 'evals', `scale-${samples}.yaml`);
  await writeFile(
    spec,
    [
      `name: scale-${samples}`,
      'dataset: { path: ../data/scale.jsonl }',
      'prompt: "{{question}}"',
      'candidates:',
      ...[0, 1, 2].map((k) => `  - { id: recorded-${k}, provider: replay, file: ../data/replay-${k}.jsonl, key: id, field: output.text }`),
      '  - { id: oracle, provider: control, kind: oracle }',
      '  - { id: echo, provider: control, kind: echo }',
      'scorers: [{ type: exact, reference: "{{answer}}" }]',
      `execution: { concurrency: 200, retries: 0, workers: ${WORKERS} }`,
      '',
    ].join('\n'),
  );
  return spec;
}

/** Wraps a local function's handler so its own time adds up in `total.ms`. */
function timed(harness: CloudHarness, name: string): { ms: number; calls: number } {
  const total = { ms: 0, calls: 0 };
  const fn = harness.functions[name]!;
  harness.functions[name] = {
    ...fn,
    handler: async (event) => {
      const started = performance.now();
      try {
        return await fn.handler(event);
      } finally {
        total.ms += performance.now() - started;
        total.calls++;
      }
    },
  };
  return total;
}

async function measure(samples: number): Promise<ScaleFigures> {
  const harness = await startCloudHarness();
  const sfn = new SFNClient({ endpoint: harness.sfn.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
  try {
    const runId = `scale-${samples}`;
    const spec = await writeScaleRun(harness.dir, samples);
    const prepare = timed(harness, FUNCTIONS.prepare);
    const worker = timed(harness, FUNCTIONS.worker);
    const seal = { ms: 0, wallMs: 0, maxRssMb: 0 };
    // Seal in its own process (the Lambda's memory is its own); its time is the handler's, start-up excluded.
    harness.functions[FUNCTIONS.seal] = {
      handler: async (event) => {
        const { runId: id } = event as { runId: string };
        const spawned = performance.now();
        const result = await runWorker<{ outcome: unknown; ms: number; maxRssMb: number }>('bench/workers/cloud-seal.ts', [harness.s3.endpoint, BUCKET, 'runs/', id]);
        seal.ms += result.ms;
        seal.wallMs += performance.now() - spawned;
        seal.maxRssMb = Math.max(seal.maxRssMb, result.maxRssMb);
        return result.outcome;
      },
    };
    const loaded = await loadEvalSpec(spec, {});
    const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
    await submitRunInput({ store: harness.store, runId, loaded, dataset, env: {}, now: new Date().toISOString() });
    const s3Submit = { ...harness.s3.requests };
    for (const key of Object.keys(harness.s3.requests)) harness.s3.requests[key] = 0;

    log(`${fmt(samples)} samples × ${CANDIDATES} candidates: running the state machine (workers: ${WORKERS})`);
    const started = performance.now();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: harness.sfn.stateMachineArn, name: runId, input: JSON.stringify({ runId }) }));
    await harness.sfn.idle();
    const wallMs = performance.now() - started;
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const prepared = JSON.parse(execution.output ?? '{}') as { prepared?: { items: number; shards: number } };
    const counted = harness.sfn.executions.get(runId)!;
    const items = prepared.prepared?.items ?? 0;
    const figures: ScaleFigures = {
      samples,
      items,
      shards: prepared.prepared?.shards ?? 0,
      wallMs,
      prepareMs: prepare.ms,
      workerMs: worker.ms,
      sealMs: seal.ms,
      sealWallMs: seal.wallMs,
      sealMaxRssMb: seal.maxRssMb,
      // The seal process's start-up is a cold start, not orchestration: its whole wall is taken out.
      overheadMsPerItem: (wallMs - prepare.ms - worker.ms - seal.wallMs) / items,
      s3: { ...harness.s3.requests },
      s3Submit,
      transitions: { parent: counted.transitions - counted.childTransitions, children: counted.childTransitions },
      workerInvocations: worker.calls,
      status: execution.status ?? 'UNKNOWN',
    };
    if (figures.status !== 'SUCCEEDED' || items !== samples * CANDIDATES) throw new Error(`${runId}: ${figures.status}, ${items} items: ${execution.error ?? ''} ${execution.cause ?? ''}`);
    return figures;
  } finally {
    sfn.destroy();
    await harness.close();
  }
}

function rowsOf(f: ScaleFigures): BenchRow[] {
  const perItem = (value: number, decimals = 4) => fmt(value / f.items, decimals);
  const s3 = Object.entries(f.s3)
    .filter(([, count]) => count > 0)
    .map(([operation, count]) => `${operation} ${fmt(count)} (${perItem(count)}/item)`)
    .join(', ');
  const size = `${fmt(f.samples)} × ${CANDIDATES} = ${fmt(f.items)} items, ${fmt(f.shards)} shards`;
  return [
    { benchmark: `scale: ${size}: execution wall`, verdict: `${fmt(f.wallMs / 1000, 1)} s (prepare ${fmt(f.prepareMs)} ms, workers ${fmt(f.workerMs)} ms, seal ${fmt(f.sealMs)} ms, its process ${fmt(f.sealWallMs)} ms)` },
    { benchmark: `scale: ${size}: orchestration overhead`, verdict: `${fmt(f.overheadMsPerItem, 3)} ms/item, ${fmt((f.overheadMsPerItem * f.items) / f.shards, 1)} ms/shard (wall − handlers − seal process)` },
    { benchmark: `scale: ${size}: S3 requests`, verdict: s3 },
    {
      benchmark: `scale: ${size}: state transitions`,
      verdict: `parent ${fmt(f.transitions.parent)}, children ${fmt(f.transitions.children)} (${perItem(f.transitions.parent + f.transitions.children)}/item)`,
    },
    { benchmark: `scale: ${size}: seal (own process)`, verdict: `${fmt(f.sealMs / 1000, 2)} s, peak RSS ${fmt(f.sealMaxRssMb)} MB` },
  ];
}

/** Seal alone at `samples` × 5: real Prepare and plan, shard files written from the plan, Seal in its own process. */
async function sealAtScale(samples: number): Promise<{ samples: number; items: number; shards: number; sealMs: number; sealMaxRssMb: number; outcome: unknown }> {
  const harness = await startCloudHarness();
  try {
    const runId = `seal-${samples}`;
    const loaded = await loadEvalSpec(await writeScaleRun(harness.dir, samples), {});
    const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
    await submitRunInput({ store: harness.store, runId, loaded, dataset, env: {}, now: new Date().toISOString() });
    await harness.functions[FUNCTIONS.prepare]!.handler({ runId });
    const plan = planFromManifest((await harness.store.readManifest(runId))!);
    log(`${fmt(plan.items)} records in ${fmt(plan.shards.length)} shards: writing them`);
    const started = Date.parse('2026-12-03T00:00:00Z');
    const recordAt = (index: number, shard: string): ResultRecord => {
      const item = workItemAt(plan, index);
      const answer = String(item.sampleIndex + 1);
      const pass = item.candidate === 'oracle' || (item.candidate.startsWith('recorded-') && item.sampleIndex % (Number(item.candidate.slice(-1)) + 3) !== 0);
      return {
        schemaVersion: 1,
        itemId: item.itemId,
        shard,
        sampleId: plan.sampleIds[item.sampleIndex]!,
        candidate: item.candidate,
        repeat: item.repeat,
        prompt: [{ role: 'user', content: `What is ${item.sampleIndex} plus one?` }],
        reference: answer,
        output: pass ? answer : 'no',
        error: null,
        scores: { exact: { value: pass ? 1 : 0, pass } },
        latencyMs: null,
        ttftMs: null,
        usage: null,
        attempts: 1,
        startedAt: new Date(started + index).toISOString(),
        finishedAt: new Date(started + index).toISOString(),
        ...(item.candidate.startsWith('recorded-') && { meta: { replay: true } }),
      };
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < plan.shards.length) {
          const shard = plan.shards[next++]!;
          const records = Array.from({ length: shard.size }, (_, offset) => recordAt(shard.start + offset, shard.id));
          if ((await writeShardOnce(harness.store, runId, shard.id, records)) !== 'written') throw new Error(`${shard.id} already written`);
        }
      }),
    );
    log(`sealing ${fmt(plan.items)} records in its own process`);
    const sealed = await runWorker<{ outcome: unknown; ms: number; maxRssMb: number }>('bench/workers/cloud-seal.ts', [harness.s3.endpoint, BUCKET, 'runs/', runId]);
    return { samples, items: plan.items, shards: plan.shards.length, sealMs: sealed.ms, sealMaxRssMb: sealed.maxRssMb, outcome: sealed.outcome };
  } finally {
    await harness.close();
  }
}

const sealOnly = argument('--seal-only');
if (sealOnly !== undefined) {
  const sealed = await sealAtScale(Number(sealOnly));
  const size = `${fmt(sealed.samples)} × ${CANDIDATES} = ${fmt(sealed.items)} records, ${fmt(sealed.shards)} shards`;
  process.stdout.write(`\n${formatTable([{ benchmark: `scale: seal alone (own process), ${size}`, verdict: `${fmt(sealed.sealMs / 1000, 2)} s, peak RSS ${fmt(sealed.sealMaxRssMb)} MB` }])}\n${JSON.stringify(sealed)}\n`);
  process.exit(0);
}

const results: ScaleFigures[] = [];
for (const samples of SIZES) {
  results.push(await measure(samples));
  log(JSON.stringify(results.at(-1)));
}
process.stdout.write(`\n${formatTable(results.flatMap(rowsOf))}\n${JSON.stringify(results)}\n`);

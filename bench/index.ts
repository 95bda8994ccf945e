/**
 * `npm run bench`: how fast Verdict runs and how little it adds, printed as one table.
 *
 * Every measured run is its own Node process, and the fake OpenAI-compatible server
 * (test/fixtures/openai-server.ts, fixed latency) runs in yet another, so neither shares an event
 * loop with what it measures. Targets (issue 7, this 2-core machine): within 15% of a bare
 * `openai` loop's wall time at 10,000 rows; < 0.3 ms CPU per item beyond it; peak RSS < 300 MB at
 * 100,000 rows; median latency error < 2 ms. See docs/performance.md for method and lessons.
 *
 * Options: `--quick` (smaller runs, to try the bench), `--skip-memory`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeBenchRun } from './lib/datasets.ts';
import { peakRssOf, ROOT, runWorker, startServerProcess } from './lib/processes.ts';
import { fmt, formatTable, type BenchRow } from './lib/table.ts';

interface RunResult {
  wallMs: number;
  cpuMs: number;
  maxRssMb?: number;
  items: number;
  errors?: number;
  metrics?: { accuracy: number | null; p50: number | null; p99: number | null; mean: number | null };
}

const quick = process.argv.includes('--quick');
const skipMemory = process.argv.includes('--skip-memory');
const ROWS = quick ? 2_000 : 10_000;
const BIG_ROWS = quick ? 20_000 : 100_000;
const LATENCY_MS = 50;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'verdict-bench-'));
  const rows: BenchRow[] = [];
  const server = await startServerProcess(LATENCY_MS);
  try {
    rows.push(...(await throughput(dir, server.url)));
    rows.push(...(await fidelity(dir, server.url)));
    if (!skipMemory) rows.push(...(await memory(dir, server.url)));
  } finally {
    await server.stop();
  }
  rows.push(...(await scorers()));
  rows.push(...(await reportBench()));
  await rm(dir, { recursive: true, force: true });
  process.stdout.write(`\n${formatTable(rows)}\n`);
}

/** Verdict vs a bare p-limit loop over the same client, same rows, concurrency 200: best of two rounds each. */
async function throughput(dir: string, url: string): Promise<BenchRow[]> {
  const { spec, data } = await writeBenchRun(dir, { rows: ROWS, url, concurrency: 200, name: 'throughput' });
  const warm = await writeBenchRun(dir, { rows: 2_000, url, concurrency: 200, name: 'warm' });
  log('warming the server up');
  await runWorker('bench/workers/bare-loop.ts', [warm.data, url, '200']);
  const bare: RunResult[] = [];
  const verdict: RunResult[] = [];
  for (let round = 1; round <= 2; round++) {
    log(`throughput round ${round}: bare loop, ${ROWS} rows`);
    bare.push(await runWorker<RunResult>('bench/workers/bare-loop.ts', [data, url, '200']));
    log(`throughput round ${round}: verdict run, ${ROWS} rows`);
    verdict.push(await runWorker<RunResult>('bench/workers/verdict-run.ts', [spec, join(dir, `out-throughput-${round}`)]));
  }
  const best = (runs: RunResult[]) => runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const b = best(bare);
  const v = best(verdict);
  const ratio = v.wallMs / b.wallMs;
  const cpuPerItem = (v.cpuMs - b.cpuMs) / ROWS;
  if (v.errors) log(`warning: ${v.errors} Verdict items failed`);
  return [
    {
      benchmark: `throughput: ${fmt(ROWS)} rows, c=200, ${LATENCY_MS} ms server`,
      verdict: `${fmt(v.wallMs / 1000, 2)} s (${fmt(ROWS / (v.wallMs / 1000))} req/s)`,
      baseline: `${fmt(b.wallMs / 1000, 2)} s (${fmt(ROWS / (b.wallMs / 1000))} req/s) bare openai loop`,
      target: '≤ 1.15× bare',
      pass: ratio <= 1.15,
    },
    { benchmark: '  wall time vs bare loop', verdict: `${fmt(ratio, 3)}×`, target: '≤ 1.15×', pass: ratio <= 1.15 },
    {
      benchmark: 'overhead: client CPU per item beyond bare loop',
      verdict: `${fmt(cpuPerItem, 3)} ms (${fmt(v.cpuMs / ROWS, 3)} ms/item total)`,
      baseline: `${fmt(b.cpuMs / ROWS, 3)} ms/item`,
      target: '< 0.3 ms',
      pass: cpuPerItem < 0.3,
    },
  ];
}

/** Measured minus injected latency at concurrency 50 (the server waits LATENCY_MS before answering). */
async function fidelity(dir: string, url: string): Promise<BenchRow[]> {
  const rowsForFidelity = quick ? 1_000 : 4_000;
  const { spec } = await writeBenchRun(dir, { rows: rowsForFidelity, url, concurrency: 50, name: 'fidelity' });
  log(`fidelity: verdict run, ${rowsForFidelity} rows, c=50`);
  const run = await runWorker<RunResult>('bench/workers/verdict-run.ts', [spec, join(dir, 'out-fidelity')]);
  const median = run.metrics!.p50! - LATENCY_MS;
  const p99 = run.metrics!.p99! - LATENCY_MS;
  return [
    { benchmark: `fidelity: measured − injected, median (c=50, n=${fmt(run.items)})`, verdict: `${fmt(median, 2)} ms`, target: '< 2 ms', pass: Math.abs(median) < 2 },
    { benchmark: '  measured − injected, p99', verdict: `${fmt(p99, 2)} ms` },
  ];
}

/** Peak RSS of `verdict run` (the CLI, in its own process) on 10,000 and 100,000 generated rows. */
async function memory(dir: string, url: string): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  for (const count of [ROWS, BIG_ROWS]) {
    const { spec } = await writeBenchRun(dir, { rows: count, url, concurrency: 200, name: `memory-${count}` });
    log(`memory: verdict run (CLI), ${count} rows`);
    const { peakRssMb, wallMs } = await peakRssOf([process.execPath, '--import', 'tsx', join(ROOT, 'bin/verdict.ts'), 'run', spec, '--out', join(dir, `out-memory-${count}`), '--quiet']);
    out.push({
      benchmark: `memory: peak RSS, verdict run, ${fmt(count)} rows`,
      verdict: `${fmt(peakRssMb)} MB (${fmt(wallMs / 1000, 1)} s)`,
      ...(count === BIG_ROWS && { target: '< 300 MB', pass: peakRssMb < 300 }),
    });
  }
  return out;
}

/** Items per second for every scorer on 100,000 outputs, and aggregation of 100,000 records. */
async function scorers(): Promise<BenchRow[]> {
  log(`scorers and aggregation: ${BIG_ROWS} records`);
  const result = await runWorker<{ count: number; scorers: { type: string; itemsPerS: number }[]; aggregationMs: number }>('bench/workers/scorers.ts', [String(BIG_ROWS)]);
  return [
    ...result.scorers.map((scorer) => ({ benchmark: `scorer ${scorer.type}: ${fmt(result.count)} outputs`, verdict: `${fmt(scorer.itemsPerS)} items/s` })),
    { benchmark: `aggregation: ${fmt(result.count)} records → summary`, verdict: `${fmt(result.aggregationMs)} ms` },
  ];
}

/**
 * The report's own benchmark, when bench/report.ts exists (it is built on another branch).
 * It may export `default` or `benchReport`: a function returning rows of this table.
 */
async function reportBench(): Promise<BenchRow[]> {
  const file = join(ROOT, 'bench', 'report.ts');
  if (!existsSync(file)) return [];
  log('report benchmark (bench/report.ts)');
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const run = (module.benchReport ?? module.default) as (() => Promise<unknown>) | undefined;
  if (typeof run !== 'function') return [{ benchmark: 'report benchmark', verdict: 'bench/report.ts exports no benchReport()' }];
  const result = await run();
  const rows = Array.isArray(result) ? result : [result];
  return rows.map((row) =>
    typeof row === 'object' && row !== null && 'benchmark' in row ? (row as BenchRow) : { benchmark: 'report benchmark', verdict: JSON.stringify(row) },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

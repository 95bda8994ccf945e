/**
 * Bench worker: one Verdict run, in this process, timed from loading the spec to the sealed
 * summary. Prints `{ wallMs, cpuMs, maxRssMb, items, errors, metrics }` as its last stdout line.
 * Usage: tsx bench/workers/verdict-run.ts <spec.yaml> <outDir>
 */
import { loadDataset } from '../../lib/datasets/index.ts';
import { createProgressReporter, runLocal } from '../../lib/local/index.ts';
import { prepareRun } from '../../lib/run/index.ts';
import { systemClock } from '../../lib/providers/index.ts';
import { loadEvalSpec } from '../../lib/spec/index.ts';
import { FsResultStore } from '../../lib/store/index.ts';
import { performance as perfHooks } from 'node:perf_hooks';

const [specPath, outDir] = process.argv.slice(2);
// Load the lazy SDK and undici (transport: http) before timing, as a long-running CLI has them loaded by the first request.
await import('openai');
await import('undici');
const cpu = process.cpuUsage();
const elu = perfHooks.eventLoopUtilization();
const started = performance.now();
const loaded = await loadEvalSpec(specPath!, {});
const dataset = await loadDataset(loaded.spec.dataset, loaded.baseDir);
const prepared = prepareRun(loaded, dataset);
const { summary } = await runLocal({
  prepared,
  store: new FsResultStore(outDir!),
  runId: 'bench',
  env: {},
  clock: systemClock,
  progress: createProgressReporter({ quiet: true }),
});
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const candidate = Object.values(summary.candidates)[0]!;
const pick = (name: string) => candidate.metrics[name]?.value ?? null;
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    loopBusy: perfHooks.eventLoopUtilization(elu).utilization,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    items: candidate.n,
    errors: candidate.errors,
    metrics: { accuracy: pick('accuracy'), p50: pick('latency.p50_ms'), p99: pick('latency.p99_ms'), mean: pick('latency.mean_ms') },
  })}\n`,
);

/**
 * Bench worker: the baseline — a bare promise pool (p-limit) over the official `openai` client,
 * on the same rows, sending the same request Verdict sends. Prints `{ wallMs, cpuMs, items, correct }`.
 * Usage: tsx bench/workers/bare-loop.ts <rows.jsonl> <baseURL> <concurrency>
 */
import { readBenchRows } from '../lib/datasets.ts';
import OpenAI from 'openai';
import pLimit from 'p-limit';
import { performance as perfHooks } from 'node:perf_hooks';

const [rowsPath, baseURL, concurrency] = process.argv.slice(2);
const cpu = process.cpuUsage();
const elu = perfHooks.eventLoopUtilization();
const started = performance.now();
const rows = await readBenchRows(rowsPath!);
const client = new OpenAI({ apiKey: 'not-needed', baseURL, maxRetries: 0 });
const limit = pLimit(Number(concurrency));
let correct = 0;
await Promise.all(
  rows.map((row) =>
    limit(async () => {
      const response = await client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: row.question }] });
      if (response.choices[0]?.message.content === row.answer) correct++;
    }),
  ),
);
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000, loopBusy: perfHooks.eventLoopUtilization(elu).utilization, items: rows.length, correct })}\n`);

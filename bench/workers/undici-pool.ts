/**
 * Bench worker: the raw-client baseline for `transport: http` — an undici Pool with one
 * connection per slot and a plain worker loop, on the same rows, sending the request body Verdict
 * sends, parsing each JSON answer. Nothing else: no retries, scoring, records or summary.
 * Prints `{ wallMs, cpuMs, items, correct }` as its last stdout line.
 * Usage: tsx bench/workers/undici-pool.ts <rows.jsonl> <baseURL> <concurrency>
 */
import { readBenchRows } from '../lib/datasets.ts';
import { Pool } from 'undici';

const [rowsPath, baseURL, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const cpu = process.cpuUsage();
const started = performance.now();
const rows = await readBenchRows(rowsPath!);
const url = new URL(`${baseURL!.replace(/\/+$/, '')}/chat/completions`);
const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1 });
const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer not-needed' };
let next = 0;
let correct = 0;
let failed = 0;

async function worker(): Promise<void> {
  while (next < rows.length) {
    const row = rows[next++]!;
    const body = JSON.stringify({ model: 'fake-model', messages: [{ role: 'user', content: row.question }] });
    const response = await pool.request({ origin: url.origin, path: url.pathname, method: 'POST', headers, body });
    const answer = (await response.body.json()) as { choices?: { message?: { content?: string } }[] };
    if (response.statusCode !== 200) failed++;
    else if (answer.choices?.[0]?.message?.content === row.answer) correct++;
  }
}

await Promise.all(Array.from({ length: concurrency }, () => worker()));
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
await pool.close();
if (failed > 0) throw new Error(`${failed} requests failed`);
process.stdout.write(`${JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000, items: rows.length, correct })}\n`);

import { readFile } from 'node:fs/promises';
import OpenAI from 'openai';
import pLimit from 'p-limit';
const [rowsPath, baseURL, variant] = process.argv.slice(2);
const rows = (await readFile(rowsPath!, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
const client = new OpenAI({ apiKey: 'x', baseURL, maxRetries: 0, timeout: 60000, logLevel: 'off' });
const limit = pLimit(200);
const cpu = process.cpuUsage(); const t0 = performance.now();
await Promise.all(rows.map((row: any) => limit(async () => {
  let opts: any = undefined; let timer: any;
  if (variant === 'signal') { const c = new AbortController(); timer = setTimeout(() => c.abort(), 60000); opts = { signal: c.signal }; }
  const r = await client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: row.question }] }, opts);
  if (timer) clearTimeout(timer);
  return r;
})));
const used = process.cpuUsage(cpu);
console.log(variant, { wallMs: Math.round(performance.now() - t0), cpuMs: Math.round((used.user + used.system) / 1000) });

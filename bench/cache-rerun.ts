/**
 * `npx tsx bench/cache-rerun.ts`: the response cache's done-when check. A spec with a `bedrock`
 * candidate (local Converse server) and an `openai` candidate (local server), both 150 ms per
 * answer, runs three times through the CLI: the first asks the models, the second is served
 * from the cache, the third (`repeats: 3`) asks again for repeats 2 and 3 only. Prints each
 * run's dispatch span (first record started → last finished) and the whole process's wall time.
 */
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBedrockServer } from '../test/fixtures/bedrock-server.ts';
import { startOpenAIServer } from '../test/fixtures/openai-server.ts';

const bedrock = await startBedrockServer({ latencyMs: 150 });
const openai = await startOpenAIServer({ latencyMs: 150 });
const dir = mkdtempSync(join(tmpdir(), 'i17-demo-'));
writeFileSync(join(dir, 'qa.jsonl'), Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `q${i + 1}`, question: `question ${i + 1}` })).join('\n'));
const spec = (repeats: number) => `
name: done-when
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates:
  - { id: claude, provider: bedrock, model: "us.anthropic.claude-3-5-haiku-20241022-v1:0", region: us-east-1, endpoint: "${bedrock.url}", params: { temperature: 0, max_tokens: 32 } }
  - { id: gpt, provider: openai, model: gpt-4o-mini, baseURL: "${openai.url}", params: { temperature: 0, max_tokens: 32 } }
scorers:
  - { type: includes, reference: "{{question}}" }
execution: { concurrency: 4, repeats: ${repeats} }
`;
const { spawn } = await import('node:child_process');
function cli(runId: string, repeats: number): Promise<number> {
  writeFileSync(join(dir, 'spec.yaml'), spec(repeats));
  return new Promise((done) => {
    const start = performance.now();
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'verdict.js'), 'run', 'spec.yaml', '--run-id', runId, '--quiet'], {
      cwd: dir, env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local-secret' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => { const ms = performance.now() - start; console.log(`${runId}: exit ${code}, ${ms.toFixed(0)} ms wall (process incl.)`); if (code !== 0) console.log(err); done(ms); });
  });
}
function records(runId: string) {
  const folder = join(dir, 'results', runId, 'records');
  return readdirSync(folder).flatMap((f) => readFileSync(join(folder, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l)));
}
function runSpan(runId: string) {
  const recs = records(runId);
  const start = Math.min(...recs.map((r) => Date.parse(r.startedAt)));
  const end = Math.max(...recs.map((r) => Date.parse(r.finishedAt)));
  return { ms: end - start, n: recs.length, cached: recs.filter((r) => r.cache).length, cachedByRepeat: [0, 1, 2].map((k) => recs.filter((r) => r.repeat === k && r.cache).length) };
}
const askedBefore = () => bedrock.requests.length + openai.requestCount;
let a0 = askedBefore();
const w1 = await cli('first', 1); console.log('first', runSpan('first'), 'asked', askedBefore() - a0); a0 = askedBefore();
const w2 = await cli('second', 1); console.log('second', runSpan('second'), 'asked', askedBefore() - a0); a0 = askedBefore();
const w3 = await cli('third', 3); console.log('third', runSpan('third'), 'asked', askedBefore() - a0, 'bedrock', bedrock.requests.length, 'openai', openai.requestCount);
console.log(`ratio second/first dispatch span: ${(runSpan('second').ms / runSpan('first').ms).toFixed(4)}; wall ${ (w2 / w1).toFixed(3)}`);
await bedrock.close(); await openai.close();

/**
 * `npm run bench:cache`: the response cache's "done when" (issue 17), rerunnable. A spec with a
 * `bedrock` candidate (the local Converse server) and an `openai` candidate (the local
 * OpenAI-compatible server), 40 samples, both servers 150 ms per answer, `temperature: 0`, runs
 * three times through the real CLI in one workspace:
 *   1. first run: every item asks a model;
 *   2. the identical spec again: every item is served from `.verdict-cache`, no request;
 *   3. `repeats: 3`: repeat 1 is served from the cache, repeats 2 and 3 ask the models again.
 * It prints each run's dispatch span (first record started → last record finished: the run's own
 * time), the CLI process's wall time (start-up included), the requests each server received and
 * the cached records per repeat, then checks the three claims and exits 1 if one fails.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBedrockServer } from '../test/fixtures/bedrock-server.ts';
import { startOpenAIServer } from '../test/fixtures/openai-server.ts';

const SAMPLES = 40;
const LATENCY_MS = 150;
const VERDICT = join(import.meta.dirname, '..', 'bin', 'verdict.js');

interface RunFigures {
  readonly runId: string;
  readonly wallMs: number;
  readonly spanMs: number;
  readonly records: number;
  readonly cachedByRepeat: number[];
  readonly asked: { readonly bedrock: number; readonly openai: number };
}

const bedrock = await startBedrockServer({ latencyMs: LATENCY_MS });
const openai = await startOpenAIServer({ latencyMs: LATENCY_MS, recordRequests: false });
const dir = mkdtempSync(join(tmpdir(), 'verdict-cache-bench-'));
writeFileSync(join(dir, 'qa.jsonl'), Array.from({ length: SAMPLES }, (_, i) => JSON.stringify({ id: `q${i + 1}`, question: `question ${i + 1}` })).join('\n'));

function specYaml(repeats: number): string {
  return [
    'name: cache-done-when',
    'dataset: { path: qa.jsonl }',
    'prompt: "{{question}}"',
    'candidates:',
    `  - { id: claude, provider: bedrock, model: "us.anthropic.claude-3-5-haiku-20241022-v1:0", region: us-east-1, endpoint: "${bedrock.url}", params: { temperature: 0, max_tokens: 32 } }`,
    `  - { id: gpt, provider: openai, model: gpt-4o-mini, baseURL: "${openai.url}", params: { temperature: 0, max_tokens: 32 } }`,
    'scorers:',
    '  - { type: includes, reference: "{{question}}" }',
    `execution: { concurrency: 4, repeats: ${repeats} }`,
    '',
  ].join('\n');
}

/** One CLI run; the local Converse server checks no signature, so any credentials do. */
async function run(runId: string, repeats: number): Promise<RunFigures> {
  writeFileSync(join(dir, 'spec.yaml'), specYaml(repeats));
  const before = { bedrock: bedrock.requests.length, openai: openai.requestCount };
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = spawn(process.execPath, [VERDICT, 'run', 'spec.yaml', '--run-id', runId, '--quiet'], {
      cwd: dir,
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'us-east-1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let text = '';
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('close', (exit) => done({ code: exit, stderr: text }));
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`${runId}: verdict exited ${code}\n${stderr}`);
  const folder = join(dir, 'results', runId, 'records');
  const records = readdirSync(folder).flatMap((file) =>
    readFileSync(join(folder, file), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { startedAt: string; finishedAt: string; repeat: number; cache?: unknown }),
  );
  const spanMs = Math.max(...records.map((r) => Date.parse(r.finishedAt))) - Math.min(...records.map((r) => Date.parse(r.startedAt)));
  const cachedByRepeat = Array.from({ length: repeats }, (_, k) => records.filter((r) => r.repeat === k && r.cache !== undefined).length);
  return { runId, wallMs, spanMs, records: records.length, cachedByRepeat, asked: { bedrock: bedrock.requests.length - before.bedrock, openai: openai.requestCount - before.openai } };
}

try {
  const first = await run('first', 1);
  const second = await run('second', 1);
  const third = await run('third', 3);
  for (const figures of [first, second, third]) {
    process.stdout.write(
      `${figures.runId.padEnd(6)}  span ${String(Math.round(figures.spanMs)).padStart(6)} ms  wall ${String(Math.round(figures.wallMs)).padStart(6)} ms  ` +
        `records ${figures.records}  cached per repeat [${figures.cachedByRepeat.join(', ')}]  asked bedrock ${figures.asked.bedrock}, openai ${figures.asked.openai}\n`,
    );
  }
  const ratio = second.spanMs / first.spanMs;
  const checks: [string, boolean][] = [
    [`second run from the cache in < 1/10 of the first's time (span ratio ${ratio.toFixed(3)}; wall ratio ${(second.wallMs / first.wallMs).toFixed(3)}, start-up included)`, ratio < 0.1],
    ['second run asked no model', second.asked.bedrock === 0 && second.asked.openai === 0],
    [`repeats: 3 asked each model for repeats 2 and 3 only (${2 * SAMPLES} requests each, repeat 1 all cached)`, third.asked.bedrock === 2 * SAMPLES && third.asked.openai === 2 * SAMPLES && third.cachedByRepeat.join() === [2 * SAMPLES, 0, 0].join()],
  ];
  for (const [claim, ok] of checks) process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${claim}\n`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
} finally {
  await bedrock.close();
  await openai.close();
  rmSync(dir, { recursive: true, force: true });
}

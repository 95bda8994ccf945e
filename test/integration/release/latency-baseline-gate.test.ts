import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer, type RequestInfo } from '../../fixtures/openai-server.ts';
import { makeWorkspace, questionRows, runCli } from '../../fixtures/workspace.ts';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ recordRequests: false });
});
afterAll(async () => {
  await server.close();
});

/**
 * A request's scripted latency: 40–100 ms drawn per request from `seed` (one model's noise), plus
 * `slower` ms. A loaded two-core machine can add a second to a few requests, and so to a p95 of
 * 40 (docs/decisions/0004): the gate's margin (2 s) and the slowdown (5 s) are large beside that,
 * so the verdicts hold under load. All 40 requests are in flight at once, so a run takes one
 * request's time.
 */
function latencyOf(seed: number, slower: number): (info: RequestInfo) => number {
  return (info) => {
    let x = Math.imul(info.count ^ (seed * 0x9e3779b9), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    return 40 + ((x ^ (x >>> 16)) % 61) + slower;
  };
}

const spec = (url: string) =>
  [
    'name: latency-release',
    'dataset: { path: questions.jsonl }',
    'prompt: "{{question}}"',
    'candidates:',
    `  - { id: model, provider: openai, model: fake, baseURL: "${url}" }`,
    'scorers: [{ type: includes, reference: "{{answer}}" }]',
    'execution: { concurrency: 40, retries: 0 }',
    'cache: false',
    'baseline: latest',
    'gates:',
    '  - { metric: latency.p95_ms, maxIncrease: 2000, alpha: 0.05 }',
  ].join('\n');

async function run(dir: string, runId: string, seed: number, slower: number) {
  server.setScript({ latencyMs: latencyOf(seed, slower) });
  const result = await runCli(['run', 'spec.yaml', '--out', 'results', '--run-id', runId, '--quiet'], { cwd: dir });
  const summary = JSON.parse(await readFile(join(dir, 'results', runId, 'summary.json'), 'utf8'));
  return { ...result, summary, gate: summary.gates[0] };
}

describe('baseline latency gate (two-sample bootstrap of p95, real runs over HTTP)', () => {
  it('passes three runs of the same model and fails a real slowdown, naming the test, the baseline and p', async () => {
    const dir = makeWorkspace({ 'questions.jsonl': questionRows(40), 'spec.yaml': spec(server.url) });
    const first = await run(dir, 'run-1', 1, 0);
    expect(first.gate).toMatchObject({ skipped: true, pass: true });
    // The same model again, twice: each run's p95 differs, but not by a significant 2 s.
    const second = await run(dir, 'run-2', 2, 0);
    const third = await run(dir, 'run-3', 3, 0);
    for (const noise of [second, third]) {
      expect(noise.code).toBe(0);
      expect(noise.gate).toMatchObject({ op: 'maxIncrease', threshold: 2000, pass: true, test: 'exact-two-sample-bootstrap-percentile', n: 40, baselineN: 40 });
      expect(noise.gate.reason).toMatch(/one-sided two-sample bootstrap of the p95 difference/);
    }
    expect(third.gate.baseline.runId).toBe('run-2');
    // A slower model: every request 5 s more. Caught, at p far below α.
    const slow = await run(dir, 'run-4', 4, 5000);
    expect(slow.code).toBe(1);
    expect(slow.gate).toMatchObject({ pass: false, baseline: { runId: 'run-3' } });
    expect(slow.gate.value).toBeGreaterThan(2000);
    expect(slow.gate.pValue).toBeLessThan(0.001);
    expect(slow.gate.increaseCi95[0]).toBeGreaterThan(0);
    expect(slow.gate.reason).toMatch(/rise \+\d+(\.\d)? ms \[\+\d+.*\], p (< 1e-12|= \S+) → FAIL$/);
    expect(slow.stderr).toMatch(/FAIL {2}model: fails only when latency\.p95_ms rose by more than 2000 ms.*\[baseline: run-3\]/);
    // The baseline value is the baseline run's own summary figure (same requests, same percentile).
    expect(slow.gate.baselineValue).toBe(third.summary.candidates.model.metrics['latency.p95_ms'].value);
  }, 240_000); // four CLI runs, each a child process: bounds a hang on a loaded machine, not a speed
});

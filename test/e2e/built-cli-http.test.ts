import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../fixtures/openai-server.ts';
import { makeWorkspace, questionRows, REPO_ROOT } from '../fixtures/workspace.ts';

// The CLI as the package ships it: the esbuild bundle in dist/bin/, run directly (the launcher
// would run the TypeScript sources whenever one is newer than the bundle). `transport: http`
// reaches undici through a dynamic import the bundle has to keep working.
const BUNDLE = join(REPO_ROOT, 'dist', 'bin', 'verdict.mjs');

let server: OpenAIServer;
beforeAll(async () => {
  // Test files run one at a time (vitest.config.ts), so rebuilding dist/ here disturbs no other CLI.
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'build-cli.mjs')], { cwd: REPO_ROOT });
  server = await startOpenAIServer({ latencyMs: 5 });
});
afterAll(async () => {
  await server?.close();
});

async function bundledVerdict(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BUNDLE, ...args], { cwd, env: { ...process.env, GITHUB_STEP_SUMMARY: '', OPENAI_API_KEY: 'sk-local' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function recordsOf(dir: string, runId: string): { candidate: string; sampleId: string; output: string | null; error: unknown; attempts: number }[] {
  const folder = join(dir, 'results', runId, 'records');
  return readdirSync(folder).flatMap((file) => readFileSync(join(folder, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
}

function spec(gate: number): string {
  return [
    'name: bundled-http',
    'dataset: { path: qa.jsonl }',
    'prompt: "{{question}}"',
    'candidates:',
    `  - { id: plain, provider: openai, model: scripted, transport: http, baseURL: "${server.url}", params: { temperature: 0 } }`,
    `  - { id: streamed, provider: openai, model: scripted, transport: http, stream: true, baseURL: "${server.url}", params: { temperature: 0 } }`,
    'scorers:',
    '  - { type: includes, reference: "{{question}}" }',
    'execution: { concurrency: 4, retries: 0 }',
    'cache: false',
    `gates:\n  - { metric: accuracy, op: ">=", value: ${gate} }`,
    '',
  ].join('\n');
}

describe('the built CLI bundle with transport: http', () => {
  it('runs both candidates over undici against the local server, records every answer, and exits by its gates', async () => {
    const dir = makeWorkspace({ 'qa.jsonl': questionRows(5), 'pass.yaml': spec(1), 'fail.yaml': spec(1.5) });
    const before = server.requestCount;
    const passed = await bundledVerdict(['run', 'pass.yaml', '--run-id', 'r1', '--quiet'], dir);
    expect(passed.code, passed.stderr).toBe(0);
    expect(server.requestCount - before).toBe(10);
    // The requests came through undici (Verdict's own user agent), not the SDK's fetch.
    expect(new Set(server.requests.slice(-10).map((request) => request.headers['user-agent']))).toEqual(new Set(['verdict']));
    const records = recordsOf(dir, 'r1').sort((a, b) => `${a.candidate}${a.sampleId}`.localeCompare(`${b.candidate}${b.sampleId}`));
    expect(records.map((record) => [record.candidate, record.sampleId, record.output, record.error, record.attempts])).toEqual(
      ['plain', 'streamed'].flatMap((candidate) => [1, 2, 3, 4, 5].map((n) => [candidate, `q0${n}`, `echo: question ${n}`, null, 1])),
    );
    const summary = JSON.parse(readFileSync(join(dir, 'results', 'r1', 'summary.json'), 'utf8'));
    expect(summary.passed).toBe(true);
    expect(summary.candidates.streamed.metrics['ttft.p50_ms'].n).toBe(5);

    const failed = await bundledVerdict(['run', 'fail.yaml', '--run-id', 'r2', '--quiet'], dir);
    expect(failed.code, failed.stderr).toBe(1);
    expect(recordsOf(dir, 'r2').filter((record) => record.output !== null)).toHaveLength(10);
  }, 120_000);
});

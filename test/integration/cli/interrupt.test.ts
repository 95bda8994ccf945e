import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { REPO_ROOT, makeWorkspace, runCli } from '../../fixtures/workspace.ts';

const ROWS = 30;
let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ latencyMs: 200 });
});
afterAll(() => server.close());

function countLines(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').length : 0;
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during a run', (signal) => {
  it('stops dispatch, lets the items in flight finish, leaves the run unsealed and prints the exact resume command', async () => {
    const rows = Array.from({ length: ROWS }, (_, index) => JSON.stringify({ id: `r${index}`, question: `q${index}`, answer: `q${index}` })).join('\n');
    const dir = makeWorkspace({
      'qa.jsonl': rows,
      'spec.yaml': `
name: interrupt
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates: [{ id: model, provider: openai, model: m, baseURL: "${server.url}" }]
scorers: [{ type: includes, reference: "{{answer}}" }]
execution: { concurrency: 3, retries: 0 }
`,
    });
    const shard = join(dir, 'out', 'int', 'records', 'shard-00000.jsonl');
    const requestsBefore = server.requestCount;
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/verdict.js'), 'run', 'spec.yaml', '--run-id', 'int', '--out', 'out', '--quiet'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const requestsAtSignal = await new Promise<number>((done) => {
      const timer = setInterval(() => {
        if (countLines(shard) >= 3) {
          clearInterval(timer);
          child.kill(signal);
          done(server.requestCount);
        }
      }, 5);
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (exitCode) => done(exitCode)));
    expect(code).toBe(3);
    expect(stderr).toContain(`verdict: ${signal}: stopping`);
    expect(stderr).toContain('Resume it with:\n  verdict run spec.yaml --run-id int --resume --out out\n');

    const store = new FsResultStore(join(dir, 'out'));
    expect(await store.readSummary('int')).toBeNull();
    const recorded = countLines(shard);
    expect(recorded).toBeLessThan(ROWS);
    // Every request sent (those in flight at the signal included) was answered and recorded; none started after.
    expect(recorded).toBe(server.requestCount - requestsBefore);
    expect(server.requestCount).toBeLessThanOrEqual(requestsAtSignal + 3);
    expect(existsSync(join(dir, 'out', 'int', 'run.lock'))).toBe(false);

    const resumed = await runCli(['run', 'spec.yaml', '--run-id', 'int', '--resume', '--out', 'out', '--quiet'], { cwd: dir });
    expect(resumed.code).toBe(0);
    const ids = new Set<string>();
    for await (const record of store.readRecords('int')) ids.add(record.itemId);
    expect(ids.size).toBe(ROWS);
  });
});

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { REPO_ROOT, makeWorkspace, runCli } from '../../fixtures/workspace.ts';

const ROWS = 60;
let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ latencyMs: 40 });
});
afterAll(() => server.close());

function countLines(path: string): number {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').length;
  } catch {
    return 0;
  }
}

/** Starts `verdict run` and SIGKILLs it once `killAfter` records are on disk. */
function runAndKill(dir: string, killAfter: number): Promise<void> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/verdict.js'), 'run', 'spec.yaml', '--run-id', 'crash', '--quiet'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const shard = join(dir, 'results', 'crash', 'records', 'shard-00000.jsonl');
  return new Promise((done, fail) => {
    const timer = setInterval(() => {
      if (countLines(shard) >= killAfter) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') done();
      else fail(new Error(`the run ended on its own (code ${code}) before it could be killed`));
    });
  });
}

describe('a run killed part way', () => {
  it('resumes to exactly one record per item without repeating finished items', async () => {
    const rows = Array.from({ length: ROWS }, (_, index) => JSON.stringify({ id: `r${index}`, question: `q${index}`, answer: `q${index}` })).join('\n');
    const dir = makeWorkspace({
      'qa.jsonl': rows,
      'spec.yaml': `
name: crash-test
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates:
  - { id: model, provider: openai, model: m, baseURL: "${server.url}" }
scorers:
  - { type: includes, reference: "{{answer}}" }
execution: { concurrency: 2, retries: 0 }
`,
    });
    await runAndKill(dir, 12);
    const store = new FsResultStore(join(dir, 'results'));
    expect(await store.readSummary('crash')).toBeNull();
    let doneBeforeResume = 0;
    for await (const _record of store.readRecords('crash')) doneBeforeResume++;
    expect(doneBeforeResume).toBeGreaterThanOrEqual(12);
    expect(doneBeforeResume).toBeLessThan(ROWS);
    const requestsBeforeResume = server.requestCount;

    const resumed = await runCli(['run', 'spec.yaml', '--run-id', 'crash', '--resume', '--quiet'], { cwd: dir });
    expect(resumed.stderr).toContain('verdict: PASS');
    expect(resumed.code).toBe(0);

    const ids: string[] = [];
    for await (const record of store.readRecords('crash')) ids.push(record.itemId);
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
    // Only the items not on disk were asked again (those in flight at the kill are among them).
    expect(server.requestCount - requestsBeforeResume).toBe(ROWS - doneBeforeResume);
    const summary = await store.readSummary('crash');
    expect(summary!.candidates.model!.metrics.accuracy!.value).toBe(1);
  });

  it('refuses to resume a sealed run', async () => {
    const dir = makeWorkspace({
      'qa.jsonl': '{"id":"a","question":"q","answer":"q"}\n',
      'spec.yaml': `
name: sealed
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates: [{ id: o, provider: control, kind: oracle }]
scorers: [{ type: includes, reference: "{{answer}}" }]
`,
    });
    expect((await runCli(['run', 'spec.yaml', '--run-id', 'done', '--quiet'], { cwd: dir })).code).toBe(0);
    const again = await runCli(['run', 'spec.yaml', '--run-id', 'done', '--resume', '--quiet'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already complete');
  });
});

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsResultStore } from '../../../lib/store/index.ts';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { REPO_ROOT, makeWorkspace, runCli } from '../../fixtures/workspace.ts';

const ROWS = 40;
let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer({ latencyMs: 150 });
});
afterAll(() => server.close());

function countLines(path: string): number {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').length;
  } catch {
    return 0;
  }
}

function workspace(): string {
  const rows = Array.from({ length: ROWS }, (_, index) => JSON.stringify({ id: `r${index}`, question: `q${index}`, answer: `q${index}` })).join('\n');
  return makeWorkspace({
    'qa.jsonl': rows,
    'spec.yaml': `
name: lock-test
dataset: { path: qa.jsonl }
prompt: "{{question}}"
candidates:
  - { id: model, provider: openai, model: m, baseURL: "${server.url}" }
scorers:
  - { type: includes, reference: "{{answer}}" }
execution: { concurrency: 2, retries: 0 }
`,
  });
}

/** Starts `verdict run` and SIGKILLs it once `killAfter` records are on disk (it leaves its lock behind). */
function runAndKill(dir: string, killAfter: number): Promise<void> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/verdict.js'), 'run', 'spec.yaml', '--run-id', 'twice', '--quiet'], { cwd: dir, stdio: 'ignore' });
  const shard = join(dir, 'results', 'twice', 'records', 'shard-00000.jsonl');
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

describe('the run lock', () => {
  it('lets only one of two concurrent --resume processes write the run: one record per item, each item asked once', async () => {
    const dir = workspace();
    await runAndKill(dir, 5);
    const store = new FsResultStore(join(dir, 'results'));
    let before = 0;
    for await (const _record of store.readRecords('twice')) before++;
    const requestsBefore = server.requestCount;

    const resume = ['run', 'spec.yaml', '--run-id', 'twice', '--resume', '--quiet'];
    const [first, second] = await Promise.all([runCli(resume, { cwd: dir }), runCli(resume, { cwd: dir })]);
    const codes = [first.code, second.code].sort();
    expect(codes).toEqual([0, 2]);
    const refused = first.code === 2 ? first : second;
    expect(refused.stderr).toMatch(/run\.lock: the run is being written by process \d+ on /);

    const ids: string[] = [];
    for await (const record of store.readRecords('twice')) ids.push(record.itemId);
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
    expect(server.requestCount - requestsBefore).toBe(ROWS - before);
    const summary = await store.readSummary('twice');
    expect(summary!.candidates.model!.n).toBe(ROWS);
    // The lock is released once the run is sealed.
    expect(() => readFileSync(join(dir, 'results', 'twice', 'run.lock'))).toThrow();
  });

  it('refuses a run whose lock a live process holds, and takes over the lock of a dead one', async () => {
    const dir = workspace();
    await runAndKill(dir, 3);
    const lock = join(dir, 'results', 'twice', 'run.lock');
    const left = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number; host: string };
    // The killed run's lock is still there: stale, since its pid is dead.
    expect(left.pid).toBeGreaterThan(0);
    // A live owner (this test process) holds it now: the resume must refuse and leave it alone.
    writeFileSync(lock, JSON.stringify({ ...left, pid: process.pid, token: 'live' }));
    const refused = await runCli(['run', 'spec.yaml', '--run-id', 'twice', '--resume', '--quiet'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`being written by process ${process.pid}`);
    expect(JSON.parse(readFileSync(lock, 'utf8')).token).toBe('live');

    writeFileSync(lock, JSON.stringify({ ...left, token: 'dead' }));
    const resumed = await runCli(['run', 'spec.yaml', '--run-id', 'twice', '--resume', '--quiet'], { cwd: dir });
    expect(resumed.code).toBe(0);
  });
});

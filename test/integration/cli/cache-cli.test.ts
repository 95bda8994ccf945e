import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, questionRows, runCli, startServerProcess, type ServerProcess } from '../../fixtures/workspace.ts';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess([]);
});
afterAll(async () => {
  await server.stop();
});

function recordsOf(dir: string, runId: string): { cache?: unknown }[] {
  const folder = join(dir, 'results', runId, 'records');
  return readdirSync(folder).flatMap((file) => readFileSync(join(folder, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
}

describe('verdict run with the response cache, and verdict cache stats|clear', () => {
  it('caches temperature-0 answers in .verdict-cache by default, skips it with --no-cache, and counts and clears it', async () => {
    const dir = makeWorkspace({
      'qa.jsonl': questionRows(3),
      'spec.yaml': `name: cli-cache\ndataset: { path: qa.jsonl }\nprompt: "{{question}}"\ncandidates:\n  - { id: local, provider: openai, model: m, baseURL: "${server.url}", params: { temperature: 0 } }\nscorers:\n  - { type: includes, reference: "{{answer}}" }\n`,
    });
    expect((await runCli(['run', 'spec.yaml', '--run-id', 'r1', '--quiet'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['run', 'spec.yaml', '--run-id', 'r2', '--quiet'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['run', 'spec.yaml', '--run-id', 'r3', '--quiet', '--no-cache'], { cwd: dir })).code).toBe(0);
    expect(recordsOf(dir, 'r1').filter((record) => record.cache)).toHaveLength(0);
    expect(recordsOf(dir, 'r2').filter((record) => record.cache)).toHaveLength(3);
    expect(recordsOf(dir, 'r3').filter((record) => record.cache)).toHaveLength(0);

    const stats = await runCli(['cache', 'stats', '--json'], { cwd: dir });
    expect(JSON.parse(stats.stdout)).toMatchObject({ entries: 3, bytes: expect.any(Number) });
    const cleared = await runCli(['cache', 'clear'], { cwd: dir });
    expect(cleared.stdout).toContain('removed 3 cached answers');
    expect(JSON.parse((await runCli(['cache', 'stats', '--json'], { cwd: dir })).stdout)).toMatchObject({ entries: 0 });
  }, 150_000); // six CLI processes, each a few seconds on a loaded 2-core machine
});

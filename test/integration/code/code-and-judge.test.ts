/**
 * A spec that both runs code and asks a judge: the scorers are made again with the judge port, and
 * must keep the sandbox port too (a real run through the CLI, the local sandbox, a judge control).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const VERDICT = join(ROOT, 'bin', 'verdict.js');

describe('code execution beside a judge', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs every answer in the sandbox and grades it with the judge', async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-code-judge-'));
    const spec = [
      'name: code-and-judge',
      `dataset: { path: ${JSON.stringify(join(ROOT, 'datasets', 'code', 'tasks.jsonl'))}, format: code }`,
      'candidates:',
      '  - { id: oracle, provider: control, kind: oracle }',
      'scorers:',
      '  - { type: code, timeoutMs: 3000, memoryMb: 256 }',
      '  - { id: style, type: judge, kind: rubric, judge: { provider: control, kind: always-pass }, rubric: "Readable code" }',
      'execution: { allowCodeExecution: true, sandbox: local, concurrency: 2 }',
    ].join('\n');
    await writeFile(join(dir, 'spec.yaml'), `${spec}\n`);
    await promisify(execFile)(process.execPath, [VERDICT, 'run', 'spec.yaml', '--run-id', 'r', '--quiet'], { cwd: dir });
    const shards = await readdir(join(dir, 'results', 'r', 'records'));
    const records = (await Promise.all(shards.map((shard) => readFile(join(dir, 'results', 'r', 'records', shard), 'utf8'))))
      .flatMap((text) => text.trim().split('\n'))
      .map((line) => JSON.parse(line) as { error: unknown; scores: Record<string, { pass: boolean }> });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.error).toBeNull();
      expect(record.scores.code?.pass).toBe(true); // the canonical solution passes: the sandbox ran it
      expect(record.scores.style?.pass).toBe(true);
    }
  }, 120_000);
});

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../../fixtures/openai-server.ts';
import { makeWorkspace, REPO_ROOT, runCli } from '../../fixtures/workspace.ts';

const server: OpenAIServer = await startOpenAIServer({ answer: () => 'Here:\n```python\ndef f():\n    return 1\n```' });
afterAll(() => server.close());

const TASK = JSON.stringify({ id: 't1', prompt: 'Write f() returning 1.', tests: 'assert f() == 1\n', solution: 'def f():\n    return 1\n' });
const spec = (execution: string) => `
name: opt-in
dataset: { path: tasks.jsonl, format: code }
candidates:
  - { id: model, provider: openai, model: m, baseURL: "${server.url}" }
scorers:
  - { type: code, language: python }
execution: { ${execution} }
`;

describe('running model code needs an explicit opt-in', () => {
  it('exits 2 before any model call and says why, when neither the spec nor the flag opts in', async () => {
    const dir = makeWorkspace({ 'tasks.jsonl': TASK, 'spec.yaml': spec('retries: 0') });
    const before = server.requestCount;
    const result = await runCli(['run', 'spec.yaml', '--out', 'results', '--quiet'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/scorer code runs code written by the candidates.*execution\.allowCodeExecution: true.*--allow-code-execution/);
    expect(server.requestCount).toBe(before);
    expect(existsSync(join(dir, 'results'))).toBe(false);
  });

  it('runs with --allow-code-execution, and records the isolation reached in the manifest and the summary', async () => {
    const dir = makeWorkspace({ 'tasks.jsonl': TASK, 'spec.yaml': spec('retries: 0') });
    const result = await runCli(['run', 'spec.yaml', '--out', 'results', '--quiet', '--allow-code-execution', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.candidates.model.metrics.accuracy.value).toBe(1);
    const runDir = join(dir, 'results', readdirSync(join(dir, 'results'))[0]!);
    const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest.sandbox.kind).toBe('local');
    expect(summary.sandbox).toEqual(manifest.sandbox);
    if (manifest.sandbox.missing.length > 0) expect(result.stderr).toMatch(/sandbox could not provide/);
  }, 60_000);
});

describe('evals/code.yaml (shipped, offline)', () => {
  it('oracle passes every task, echo fails every task, recorded samples replay as repeats with pass@k and failure classes', async () => {
    const dir = makeWorkspace({});
    const result = await runCli(['run', join(REPO_ROOT, 'evals', 'code.yaml'), '--out', dir, '--quiet', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { candidates } = JSON.parse(result.stdout);
    expect(candidates.oracle.metrics.accuracy.value).toBe(1);
    expect(candidates.echo.metrics.accuracy.value).toBe(0);
    const recorded = candidates['recorded-samples'].metrics;
    // datasets/code/recorded-samples.jsonl: per task samples 0 (fenced) and 1 (bare code) are right,
    // sample 2 fails 8 of the 10 tasks' tests, sample 3 passes 4 → accuracy (20 + 2 + 4)/40;
    // pass@4 = 1 (every task has a passing sample).
    expect(recorded.accuracy.value).toBeCloseTo(26 / 40, 12);
    expect(recorded['accuracy.pass@4'].value).toBe(1);
    expect(recorded['accuracy.pass@1'].value).toBeCloseTo(26 / 40, 12);
    const failures = Object.fromEntries(Object.entries(recorded).filter(([name]) => name.startsWith('code.failures.')).map(([name, metric]) => [name, (metric as { value: number }).value]));
    expect(failures).toEqual({
      'code.failures.syntax_error': 2,
      'code.failures.runtime_error': 3,
      'code.failures.assertion': 6,
      'code.failures.timeout': 2,
      'code.failures.memory': 1,
      'code.failures.output_limit': 0,
    });
    expect(recorded['code.exec_ms'].n).toBe(40);
  }, 180_000);
});

describe('HumanEval completions run as the original harness runs them', () => {
  it('a function body (indented first line), a whole re-definition and the canonical solution all pass in the real sandbox', async () => {
    // A task written for this test in HumanEval's shape; completions are appended to the prompt.
    const task = {
      task_id: 'Demo/0',
      prompt: 'def double(x):\n    """Twice x."""\n',
      canonical_solution: '    return 2 * x\n',
      test: 'def check(candidate):\n    assert candidate(3) == 6\n    assert candidate(-1) == -2\n',
      entry_point: 'double',
    };
    const samples = [
      { task_id: 'Demo/0', sample_index: 0, completion: '    result = x + x\n    return result\n' },
      { task_id: 'Demo/0', sample_index: 1, completion: 'def double(x):\n    return x * 2' },
      { task_id: 'Demo/0', sample_index: 2, completion: '    return x + 1\n' },
    ];
    const dir = makeWorkspace({
      'HumanEval.jsonl': JSON.stringify(task),
      'samples.jsonl': samples.map((row) => JSON.stringify(row)).join('\n'),
      'spec.yaml': `
name: humaneval-shape
dataset: { path: HumanEval.jsonl, format: humaneval }
candidates:
  - { id: oracle, provider: control, kind: oracle }
  - { id: samples, provider: replay, file: samples.jsonl, key: task_id, field: completion, repeatField: sample_index }
scorers:
  - { type: code, language: python, timeoutMs: 10000 }
execution: { allowCodeExecution: true, sandbox: local, repeats: 3, concurrency: 2 }
`,
    });
    const result = await runCli(['run', 'spec.yaml', '--out', 'results', '--quiet', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const { candidates } = JSON.parse(result.stdout);
    expect(candidates.oracle.metrics.accuracy.value).toBe(1);
    expect(candidates.samples.metrics.accuracy.value).toBeCloseTo(2 / 3, 12);
    expect(candidates.samples.metrics['code.failures.assertion'].value).toBe(1);
    expect(candidates.samples.metrics['code.failures.syntax_error'].value).toBe(0);
  }, 120_000);
});

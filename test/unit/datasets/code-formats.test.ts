import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../lib/datasets/index.ts';
import { buildTestProgram, readCodeTask, type CodeTask } from '../../../lib/datasets/code-task.ts';
import { parseEvalSpec } from '../../../lib/spec/index.ts';

async function load(format: string, rows: object[]) {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-code-ds-'));
  writeFileSync(join(dir, 'rows.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n'));
  const dataset = await loadDataset({ path: 'rows.jsonl', format, idField: 'id' } as Parameters<typeof loadDataset>[0], dir);
  return { ...dataset, samples: [...dataset.samples] };
}

function taskOf(data: Record<string, unknown>): CodeTask {
  const task = readCodeTask(data);
  if ('problem' in task) throw new Error(task.problem);
  return task;
}

// A HumanEval-shaped row written for this test (not a HumanEval task).
const HUMANEVAL_ROW = {
  task_id: 'Mini/0',
  prompt: 'def add(a, b):\n    """Return a + b."""\n',
  canonical_solution: '    return a + b\n',
  test: '\n\ndef check(candidate):\n    assert candidate(1, 2) == 3\n',
  entry_point: 'add',
};

describe('code dataset formats', () => {
  it('humaneval: builds exactly human-eval\'s check program, prompt + completion + "\\n" + test + "\\n" + check(entry_point)', async () => {
    const { samples } = await load('humaneval', [HUMANEVAL_ROW]);
    expect(samples[0]!.id).toBe('Mini/0');
    const task = taskOf(samples[0]!.data);
    const completion = '    return a + b\n';
    // openai/human-eval human_eval/execution.py::unsafe_execute, check_program.
    const expected = `${HUMANEVAL_ROW.prompt}${completion}\n${HUMANEVAL_ROW.test}\ncheck(${HUMANEVAL_ROW.entry_point})`;
    expect(buildTestProgram(task, completion)).toBe(expected);
    expect(task.solution).toBe(HUMANEVAL_ROW.canonical_solution);
  });

  it('mbpp: setup code, then the answer, then the asserts; the text and tests fill the default prompt', async () => {
    const row = { task_id: 7, text: 'Write a function to double a number.', code: 'def double(x):\n    return 2 * x', test_list: ['assert double(2) == 4', 'assert double(0) == 0'], test_setup_code: 'import math' };
    const { samples } = await load('mbpp', [row]);
    expect(samples[0]!.id).toBe('7');
    const task = taskOf(samples[0]!.data);
    expect(buildTestProgram(task, 'ANSWER')).toBe('import math\nANSWER\nassert double(2) == 4\nassert double(0) == 0');
    expect(samples[0]!.data.tests_text).toBe('assert double(2) == 4\nassert double(0) == 0');
  });

  it('code: the row\'s own tests, setup, solution and language', async () => {
    const row = { id: 'js-1', language: 'javascript', prompt: 'Write f.', tests: 'require("node:assert").ok(f());', solution: 'function f() { return true; }' };
    const { samples } = await load('code', [row]);
    const task = taskOf(samples[0]!.data);
    expect(task).toMatchObject({ language: 'javascript', prefix: '', setup: '', solution: row.solution });
    expect(buildTestProgram(task, 'A')).toBe('A\nrequire("node:assert").ok(f());');
  });

  it('names the line and the field of a bad row', async () => {
    await expect(load('humaneval', [HUMANEVAL_ROW, { ...HUMANEVAL_ROW, task_id: 'Mini/1', test: undefined }])).rejects.toThrow(
      /rows\.jsonl:2: HumanEval row has no "test" string/,
    );
    await expect(load('mbpp', [{ task_id: 1, text: 't', test_list: [] }])).rejects.toThrow(/rows\.jsonl:1: MBPP row has no "test_list"/);
    await expect(load('code', [{ id: 'a', prompt: 'p', tests: 't', language: 'cobol' }])).rejects.toThrow(/"language" must be one of python, javascript, got "cobol"/);
  });

  it('gives each format a default prompt, recorded in the resolved spec', () => {
    const text = 'name: t\ndataset: { path: x.jsonl, format: humaneval }\ncandidates: [{ id: o, provider: control, kind: oracle }]\nscorers: [{ type: code }]\n';
    const { spec } = parseEvalSpec(text, { path: 't.yaml', baseDir: '.', env: {} });
    expect(spec.prompt).toContain('{{prompt}}');
  });
});

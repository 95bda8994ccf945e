import { CODE_LANGUAGES, CODE_TASK_FIELD, type CodeLanguage, type CodeTask } from './code-task.ts';
import type { DatasetFormat } from './dataset-format.ts';

/**
 * The default HumanEval prompt: the function's signature and docstring, asking for the whole
 * function. The `code` scorer appends the answer to the task's prompt as openai/human-eval does,
 * so a body or a complete re-definition both run.
 */
export const HUMANEVAL_DEFAULT_PROMPT =
  'Complete the following Python function. Reply with the complete function in one ```python code block.\n\n```python\n{{prompt}}```';

/**
 * The default MBPP prompt, worded as in the MBPP paper (Austin et al. 2021, "Program Synthesis with
 * Large Language Models", §2.1): the task text, then the tests the code should pass.
 */
export const MBPP_DEFAULT_PROMPT =
  'You are an expert Python programmer, and here is your task: {{text}} Your code should pass these tests:\n\n{{tests_text}}\n\nReply with the code in one ```python code block.';

/** The default prompt of free-form `code` tasks: the task's own prompt and the language asked for. */
export const CODE_DEFAULT_PROMPT = '{{prompt}}\n\nReply with the code in one fenced code block.';

function requireString(row: Record<string, unknown>, field: string, format: string): string {
  const value = row[field];
  if (typeof value !== 'string') throw new Error(`${format} row has no "${field}" string`);
  return value;
}

function optionalString(row: Record<string, unknown>, field: string, format: string): string {
  const value = row[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new Error(`${format} row: "${field}" must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function withTask(row: Record<string, unknown>, task: CodeTask, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...row, ...extra, [CODE_TASK_FIELD]: task };
}

/**
 * HumanEval rows (Chen et al. 2021; `openai/human-eval` `data/HumanEval.jsonl.gz`): task_id,
 * prompt, canonical_solution, test (defines `check(candidate)`) and entry_point. The id is the
 * `task_id`; the tests are `test + "\n" + "check(<entry_point>)"`.
 */
export const humanevalFormat: DatasetFormat = {
  parser: 'jsonl',
  defaults: {},
  defaultPrompt: HUMANEVAL_DEFAULT_PROMPT,
  adapt(row) {
    const prompt = requireString(row, 'prompt', 'HumanEval');
    const test = requireString(row, 'test', 'HumanEval');
    const entryPoint = requireString(row, 'entry_point', 'HumanEval');
    const solution = row.canonical_solution;
    return withTask(row, {
      language: 'python',
      prefix: prompt,
      tests: `${test}\ncheck(${entryPoint})`,
      setup: '',
      ...(typeof solution === 'string' && { solution }),
    });
  },
  idOf: (row) => (typeof row.task_id === 'string' || typeof row.task_id === 'number' ? String(row.task_id) : undefined),
};

/**
 * MBPP rows (Austin et al. 2021; `google-research/mbpp` `mbpp.jsonl`): task_id, text, code,
 * test_list (assert statements) and test_setup_code. The "sanitized" release names the text
 * `prompt`; both are read. Adds `tests_text` (the asserts, one a line) for the prompt.
 */
export const mbppFormat: DatasetFormat = {
  parser: 'jsonl',
  defaults: {},
  defaultPrompt: MBPP_DEFAULT_PROMPT,
  adapt(row) {
    const text = typeof row.text === 'string' ? row.text : requireString(row, 'prompt', 'MBPP');
    const tests = row.test_list;
    if (!Array.isArray(tests) || tests.length === 0 || !tests.every((test) => typeof test === 'string')) {
      throw new Error('MBPP row has no "test_list" (a non-empty list of assert strings)');
    }
    const imports = Array.isArray(row.test_imports) ? (row.test_imports as unknown[]).filter((line) => typeof line === 'string') : [];
    const setup = [optionalString(row, 'test_setup_code', 'MBPP'), ...imports].filter((line) => line !== '').join('\n');
    const solution = row.code;
    return withTask(
      row,
      { language: 'python', prefix: '', tests: tests.join('\n'), setup, ...(typeof solution === 'string' && { solution }) },
      { text, tests_text: tests.join('\n') },
    );
  },
  idOf: (row) => (typeof row.task_id === 'string' || typeof row.task_id === 'number' ? String(row.task_id) : undefined),
};

/**
 * Free-form code tasks written for Verdict: `id`, optional `language` (python | javascript; else
 * the scorer's `language`), `prompt`,
 * `tests` (code run after the answer; a failed check throws), optional `setup` (run before it)
 * and `solution` (the reference answer, what `oracle` returns).
 */
export const codeFormat: DatasetFormat = {
  parser: 'jsonl',
  defaults: {},
  defaultPrompt: CODE_DEFAULT_PROMPT,
  adapt(row) {
    requireString(row, 'prompt', 'code');
    const language = row.language;
    if (language !== undefined && !CODE_LANGUAGES.includes(language as CodeLanguage)) {
      throw new Error(`code row: "language" must be one of ${CODE_LANGUAGES.join(', ')}, got ${JSON.stringify(language)}`);
    }
    const solution = optionalString(row, 'solution', 'code');
    return withTask(
      row,
      {
        ...(language !== undefined && { language: language as CodeLanguage }),
        prefix: '',
        tests: requireString(row, 'tests', 'code'),
        setup: optionalString(row, 'setup', 'code'),
        ...(solution !== '' && { solution }),
      },
    );
  },
};

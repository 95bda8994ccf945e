/** Languages the `code` scorer runs. */
export const CODE_LANGUAGES = ['python', 'javascript'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/**
 * A programming task as the `code` scorer needs it, built by the `humaneval`, `mbpp` and `code`
 * dataset formats and stored on the sample as `codeTask`.
 *
 * The program run is `setup + prefix + answer + "\n" + tests` (setup followed by a newline when
 * present). For HumanEval, `prefix` is the task's prompt and `tests` is `test + "\n" +
 * "check(<entry_point>)"`, which is exactly the check program of openai/human-eval
 * (`human_eval/execution.py::unsafe_execute`).
 */
export interface CodeTask {
  /** The task's own language; else the scorer's `language`, else Python. */
  readonly language?: CodeLanguage;
  /** Text the answer is appended to (HumanEval's prompt); empty when the answer is the whole program. */
  readonly prefix: string;
  /** Code run after the answer; a failing check raises (an assertion). */
  readonly tests: string;
  /** Code run before the answer (MBPP's `test_setup_code`); may be empty. */
  readonly setup: string;
  /** The reference answer (what `oracle` returns): a body for HumanEval, a program otherwise. */
  readonly solution?: string;
}

/** The sample field the code formats store the task under. */
export const CODE_TASK_FIELD = 'codeTask';

/** The program the sandbox runs for an answer (already extracted from the model's text). */
export function buildTestProgram(task: CodeTask, answer: string): string {
  const setup = task.setup === '' ? '' : `${task.setup}\n`;
  return `${setup}${task.prefix}${answer}\n${task.tests}`;
}

/** Reads a sample's `codeTask`, or explains what is missing (the dataset needs a code format). */
export function readCodeTask(data: Readonly<Record<string, unknown>>): CodeTask | { problem: string } {
  const task = data[CODE_TASK_FIELD] as Partial<CodeTask> | undefined;
  if (task === undefined || typeof task !== 'object' || task === null) {
    return { problem: 'the sample has no code task; use dataset.format humaneval, mbpp or code' };
  }
  const languageOk = task.language === undefined || CODE_LANGUAGES.includes(task.language);
  if (typeof task.tests !== 'string' || typeof task.prefix !== 'string' || !languageOk) {
    return { problem: `the sample's code task is incomplete (needs prefix and tests, and a language among ${CODE_LANGUAGES.join(', ')})` };
  }
  return task as CodeTask;
}

import { z } from 'zod';
import type { Metric } from '../results/index.ts';
import { summarizeDistribution } from '../stats/index.ts';
import { buildTestProgram, CODE_LANGUAGES, readCodeTask } from '../datasets/index.ts';
import { extractProgram } from './extract-program.ts';
import { FAILURE_CLASSES, type FailureClass } from './sandbox.ts';
import { defineScorer, type ScoredRecord } from './types.ts';

/** Characters of stdout and stderr kept on each record. */
const STORED_OUTPUT_CHARS = 1000;

const codeParams = z.strictObject({
  language: z.enum(CODE_LANGUAGES).optional().describe('Language of tasks that do not name one (HumanEval and MBPP are Python). Default python.'),
  k: z
    .array(z.number().int().positive())
    .min(1)
    .optional()
    .describe('The k of accuracy.pass@k, reported when every task has at least k samples (execution.repeats).'),
  timeoutMs: z.number().int().positive().default(3000).describe('Wall-clock limit per program; CPU time gets the same budget.'),
  memoryMb: z.number().int().positive().default(512).describe('Memory limit per program.'),
  outputLimitBytes: z.number().int().positive().default(1024 * 1024).describe('stdout + stderr, and any file written, beyond which the program is stopped.'),
  extract: z
    .enum(['fenced', 'none'])
    .default('fenced')
    .describe('fenced: the first ```<language> block, else an untagged block, else the whole answer; none: the answer as is.'),
});

/** Scorer types that run model output and so need a sandbox (and the run's opt-in). */
export const SANDBOXED_SCORER_TYPES: readonly string[] = ['code'];

/**
 * `code`: functional correctness — the answer's program runs with the task's tests in the run's
 * sandbox, and passes when they do (Chen et al. 2021, §2). For HumanEval the answer is appended
 * to the task's prompt, as openai/human-eval builds its check program. `detail` records the
 * failure class, the exit code or signal, the execution time and capped stdout/stderr; the
 * aggregate adds `code.failures.<class>` and `code.exec_ms`.
 *
 * @example
 * scorers: [{ type: code, language: python, k: [1, 10], timeoutMs: 3000, memoryMb: 512 }]
 */
export const code = defineScorer({
  id: 'code',
  description: 'Runs the answer with the task tests in a sandbox (HumanEval, MBPP, code tasks); pass@k',
  params: codeParams,
  create(params, { id, ports }) {
    return {
      id,
      type: 'code',
      expected(sample) {
        const task = readCodeTask(sample.data);
        return 'problem' in task ? undefined : task.solution;
      },
      options: () => undefined,
      async score({ sample, output, verbatim, signal }) {
        const task = readCodeTask(sample.data);
        if ('problem' in task) throw new Error(`sample "${sample.id}": ${task.problem}`);
        if (!ports.sandbox) throw new Error('no sandbox to run code in; the run must opt in with execution.allowCodeExecution');
        const language = task.language ?? params.language ?? 'python';
        // Whitespace is code here: a HumanEval completion is a body whose first line is indented.
        const answer = verbatim ?? output;
        const extracted = params.extract === 'fenced' ? extractProgram(answer, language) : { code: answer, source: 'whole' as const };
        const result = await ports.sandbox.run({
          language,
          program: buildTestProgram(task, extracted.code),
          timeoutMs: params.timeoutMs,
          memoryMb: params.memoryMb,
          outputLimitBytes: params.outputLimitBytes,
          signal,
        });
        return {
          value: result.passed ? 1 : 0,
          pass: result.passed,
          detail: {
            ...(result.failure && { failure: result.failure }),
            exitCode: result.exitCode,
            ...(result.signal && { signal: result.signal }),
            execMs: Math.round(result.durationMs * 1000) / 1000,
            extracted: extracted.source,
            ...(result.stdout !== '' && { stdout: result.stdout.slice(0, STORED_OUTPUT_CHARS) }),
            ...(result.stderr !== '' && { stderr: tail(result.stderr, STORED_OUTPUT_CHARS) }),
            ...((result.truncated || result.stdout.length > STORED_OUTPUT_CHARS || result.stderr.length > STORED_OUTPUT_CHARS) && { truncated: true }),
          },
        };
      },
    };
  },
  aggregate: (items) => aggregateCode(items),
});

/** Python puts the error last, Node first: keep the head and the tail when cutting. */
function tail(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const half = Math.floor(limit / 2);
  return `${text.slice(0, half)}\n…\n${text.slice(-half)}`;
}

/** `code.failures.<class>` (count of items, n = programs run) and `code.exec_ms` percentiles. */
export function aggregateCode(items: readonly ScoredRecord[]): Record<string, Metric> {
  const counts = new Map<FailureClass, number>(FAILURE_CLASSES.map((failure) => [failure, 0]));
  const times: number[] = [];
  for (const { score } of items) {
    const detail = (score.detail ?? {}) as { failure?: FailureClass; execMs?: number };
    if (detail.failure && counts.has(detail.failure)) counts.set(detail.failure, counts.get(detail.failure)! + 1);
    if (typeof detail.execMs === 'number') times.push(detail.execMs);
  }
  const metrics: Record<string, Metric> = {};
  for (const [failure, count] of counts) metrics[`code.failures.${failure}`] = { kind: 'count', value: count, n: items.length };
  const summary = summarizeDistribution(times);
  metrics['code.exec_ms'] = { kind: 'distribution', value: summary.p50, n: summary.n, mean: summary.mean, p50: summary.p50, p90: summary.p90, p95: summary.p95, p99: summary.p99, max: summary.max };
  return metrics;
}

/**
 * A HumanEval completion is a function body: its first line is indented, and appended to the
 * prompt it only runs with that indentation. The answer reader trims answers for text scorers;
 * the `code` scorer must get the answer as written. Here the sandbox is a port that records the
 * program it is handed (the exact text is what is under test; test/integration/code runs it for real).
 */
import { describe, expect, it } from 'vitest';
import { createAnswerReader, createPromptRenderer, instantiateScorers, planRun, runWorkItem, workItemAt } from '../../../lib/engine/index.ts';
import { splitReasoning } from '../../../lib/engine/reasoning-split.ts';
import { humanevalFormat } from '../../../lib/datasets/code-formats.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import type { Sandbox, SandboxRequest } from '../../../lib/scorers/sandbox.ts';

const PROMPT = 'def add(a, b):\n    """Sum of a and b."""\n';
const BODY = '    total = a + b\n    return total\n';

function recordingSandbox(programs: string[]): Sandbox {
  return {
    isolation: { kind: 'recording', network: 'none', filesystem: '', user: '', limits: [], missing: [] },
    async run(request: SandboxRequest) {
      programs.push(request.program);
      return { passed: true, exitCode: 0, signal: null, durationMs: 1, stdout: '', stderr: '', truncated: false };
    },
  };
}

async function runCode(answer: string) {
  const row = { task_id: 'T/0', prompt: PROMPT, canonical_solution: BODY, test: 'def check(f):\n    assert f(1, 2) == 3\n', entry_point: 'add' };
  const sample = { id: 'T/0', data: humanevalFormat.adapt(row, { file: 'inline', line: 1 }), source: { file: 'inline', line: 1 } };
  const programs: string[] = [];
  const plan = planRun({ sampleIds: ['T/0'], candidates: ['m'], repeats: 1 });
  const record = await runWorkItem(workItemAt(plan, 0), 'shard-00000', {
    plan,
    samples: [sample],
    candidates: new Map([['m', { id: 'm', kind: 'replay' as const, provider: { id: 'm', complete: async () => ({ text: answer, latencyMs: 0, ttftMs: null, usage: null, attempts: 1 }) } }]]),
    scorers: instantiateScorers([{ type: 'code', language: 'python' } as never], { sandbox: recordingSandbox(programs) }).map(({ scorer }) => scorer),
    prompt: createPromptRenderer({ prompt: '{{prompt}}' }),
    answers: createAnswerReader({}),
    clock: systemClock,
    seed: 0,
    onRecord: () => {},
  });
  return { record, programs };
}

describe('code answers keep their whitespace', () => {
  it('splitReasoning trims the answer but keeps the untrimmed text beside it', () => {
    expect(splitReasoning(BODY)).toEqual({ answer: BODY.trim(), verbatim: BODY, answerOffset: 0 });
    expect(splitReasoning(`<think>plan</think>\n${BODY}`)).toMatchObject({ answer: BODY.trim(), verbatim: `\n${BODY}` });
    expect(splitReasoning('Paris')).toEqual({ answer: 'Paris', answerOffset: 0 });
    expect(createAnswerReader({}).read({ text: BODY, latencyMs: 0, ttftMs: null, usage: null, attempts: 1 })).toMatchObject({ answer: BODY.trim(), verbatim: BODY });
  });

  it('a HumanEval body runs after the prompt with its first-line indentation, and the record stores it so', async () => {
    const { record, programs } = await runCode(BODY);
    expect(programs).toEqual([`${PROMPT}${BODY}\ndef check(f):\n    assert f(1, 2) == 3\n\ncheck(add)`]);
    expect(record.output).toBe(BODY);
  });

  it('a fenced answer is still extracted from the untrimmed text', async () => {
    const { programs } = await runCode(`Sure:\n\`\`\`python\n${BODY}\`\`\`\n`);
    expect(programs[0]!.startsWith(`${PROMPT}${BODY}\n`)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../lib/datasets/sample.ts';
import { createPromptRenderer, planRun, runShard, type CandidateRuntime } from '../../../lib/engine/index.ts';
import type { Clock } from '../../../lib/ports/index.ts';
import type { ResultRecord } from '../../../lib/results/index.ts';
import type { ScoreInput, Scorer } from '../../../lib/scorers/types.ts';

// A grader that calls a port resolves later; the engine must await it and keep what it was given.
const samples: Sample[] = ['a', 'b'].map((id) => ({ id, data: { q: `question ${id}` }, source: { file: 'x.jsonl', line: 1 } }));
const clock: Clock = { now: () => 0, isoNow: () => '2026-01-01T00:00:00.000Z', sleep: async () => {} };
const echo: CandidateRuntime = {
  id: 'm',
  kind: 'control',
  provider: { id: 'm', complete: async ({ messages }) => ({ text: messages[0]!.content, latencyMs: 0, ttftMs: null, usage: null, attempts: 1 }) },
};

function grader(grade: (input: ScoreInput) => Promise<number>): Scorer {
  return {
    id: 'graded',
    type: 'test',
    expected: () => undefined,
    options: () => undefined,
    score: async (input) => {
      const value = await grade(input);
      return { value, pass: value >= 0.5, detail: { candidate: input.candidate, prompt: input.prompt?.[0]?.content } };
    },
  };
}

async function run(scorer: Scorer): Promise<ResultRecord[]> {
  const plan = planRun({ sampleIds: samples.map((s) => s.id), candidates: ['m'], repeats: 1 });
  const records: ResultRecord[] = [];
  await runShard(plan.shards[0]!, {
    plan,
    samples,
    candidates: new Map([['m', echo]]),
    scorers: [scorer],
    prompt: createPromptRenderer({ prompt: '{{q}}' }),
    clock,
    seed: 1,
    onRecord: (record) => void records.push(record),
  });
  return records.sort((x, y) => x.sampleId.localeCompare(y.sampleId));
}

describe('asynchronous graders', () => {
  it('awaits the grade and passes the prompt and candidate to the grader', async () => {
    const records = await run(grader(async ({ output }) => (output.endsWith('a') ? 1 : 0)));
    expect(records.map((r) => r.scores.graded)).toEqual([
      { value: 1, pass: true, detail: { candidate: 'm', prompt: 'question a' } },
      { value: 0, pass: false, detail: { candidate: 'm', prompt: 'question b' } },
    ]);
  });

  it('records a rejected grade as a scorer error on that item, and the other items still score', async () => {
    const records = await run(
      grader(async ({ output }) => {
        if (output.endsWith('b')) throw new Error('judge unreachable');
        return 1;
      }),
    );
    expect(records[0]!.error).toBeNull();
    expect(records[1]!.error).toEqual({ code: 'SCORER_FAILED', message: 'scorer "graded": judge unreachable' });
    expect(records[1]!.output).toBe('question b');
  });
});

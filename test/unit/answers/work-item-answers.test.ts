/**
 * The engine scores only the answer: reasoning (field, think block, `strip`) and a stated
 * confidence are taken out first, and the record keeps them apart. The provider is a fake that
 * implements the `Provider` port (no model is needed to test the engine's reading of its answer).
 */
import { describe, expect, it } from 'vitest';
import { createAnswerReader, createPromptRenderer, instantiateScorers, planRun, runWorkItem, workItemAt } from '../../../lib/engine/index.ts';
import type { Completion } from '../../../lib/ports/index.ts';
import { systemClock } from '../../../lib/providers/index.ts';
import { CalibrationSpecSchema, ReasoningSpecSchema } from '../../../lib/spec/answer-spec.ts';

async function recordFor(completion: Partial<Completion>, spec: { strip?: string; calibration?: boolean } = {}) {
  const sample = { id: 'q1', data: { question: 'Capital of France?', answer: 'Paris' }, source: { file: 'inline', line: 1 } };
  const plan = planRun({ sampleIds: ['q1'], candidates: ['m'], repeats: 1 });
  return runWorkItem(workItemAt(plan, 0), 'shard-00000', {
    plan,
    samples: [sample],
    candidates: new Map([['m', { id: 'm', kind: 'replay' as const, provider: { id: 'm', complete: async () => ({ text: '', latencyMs: 1, ttftMs: null, usage: null, attempts: 1, ...completion }) } }]]),
    scorers: instantiateScorers([{ type: 'exact', reference: '{{answer}}' } as never]).map(({ scorer }) => scorer),
    prompt: createPromptRenderer({ prompt: '{{question}}' }),
    answers: createAnswerReader({
      reasoning: ReasoningSpecSchema.parse(spec.strip ? { strip: spec.strip } : {}),
      ...(spec.calibration && { calibration: CalibrationSpecSchema.parse({ confidence: 'verbalized' }) }),
    }),
    clock: systemClock,
    seed: 0,
    onRecord: () => {},
  });
}

describe('only the answer is scored', () => {
  it('a reasoning field stays out of the output and the score', async () => {
    const record = await recordFor({ text: 'Paris', reasoning: 'France → Paris', reasoningTokens: { count: 3, source: 'server' } });
    expect(record).toMatchObject({ output: 'Paris', reasoning: { text: 'France → Paris', source: 'field', tokens: 3, tokensSource: 'server' } });
    expect(record.scores.exact!.pass).toBe(true);
  });

  it('a think block is stored apart and the answer after it is scored', async () => {
    const record = await recordFor({ text: '<think>Is it Lyon? No.</think>\nParis' });
    expect(record).toMatchObject({ output: 'Paris', reasoning: { text: 'Is it Lyon? No.', source: 'think', tokens: null } });
    expect(record.scores.exact!.pass).toBe(true);
  });

  it('reasoning without a count is counted with the tokenizer the completion carries, once the answer is split', async () => {
    const counted: string[] = [];
    const countTokens = async (text: string) => {
      counted.push(text);
      return text.split(' ').length;
    };
    const record = await recordFor({ text: '<think>Is it Lyon? No.</think>\nSo. Final answer: Paris', countTokens }, { strip: 'final answer:' });
    expect(record).toMatchObject({ output: 'Paris', reasoning: { text: 'Is it Lyon? No.\n\nSo. Final answer:', source: 'think', tokens: 4, tokensSource: 'tokenizer' } });
    expect(counted).toEqual(['Is it Lyon? No.']);
  });

  it('strip cuts a chain of thought, and a stated confidence is recorded but not scored', async () => {
    const record = await recordFor({ text: 'France is in Europe; Lyon is big. Final answer: Paris\nConfidence: 70%' }, { strip: 'final answer\\s*:', calibration: true });
    expect(record.output).toBe('Paris\nConfidence: 70%');
    expect(record.reasoning).toEqual({ text: 'France is in Europe; Lyon is big. Final answer:', source: 'strip', tokens: null });
    expect(record.confidence).toEqual({ value: 0.7, source: 'verbalized', method: 'stated', statement: 'Confidence: 70%' });
    expect(record.scores.exact!.pass).toBe(true);
  });

  it('without strip or calibration the whole text is scored', async () => {
    const record = await recordFor({ text: 'Final answer: Paris' });
    expect(record.reasoning).toBeUndefined();
    expect(record.confidence).toBeUndefined();
    expect(record.scores.exact!.pass).toBe(false);
  });
});

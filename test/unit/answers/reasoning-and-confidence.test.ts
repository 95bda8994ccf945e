import { describe, expect, it } from 'vitest';
import { splitReasoning } from '../../../lib/engine/reasoning-split.ts';
import { compileLinearPattern } from '../../../lib/scorers/linear-pattern.ts';
import { parseStatedConfidence } from '../../../lib/engine/verbalized-confidence.ts';
import { confidenceFromLogprobs } from '../../../lib/engine/logprob-confidence.ts';

describe('reasoning separated from the answer', () => {
  it('takes <think> blocks out and scores what follows', () => {
    expect(splitReasoning('<think>2 + 2 is 4.</think>\n\n4')).toEqual({ answer: '4', verbatim: '\n\n4', reasoning: '2 + 2 is 4.', source: 'think', thinking: '2 + 2 is 4.', answerOffset: 26 });
    expect(splitReasoning('<Thinking>a</Thinking> b <think>c</think> d').answer).toBe('b  d');
  });

  it('reads a lone </think> (the template opened the block) and an unclosed <think> (a truncated answer)', () => {
    expect(splitReasoning('let me see</think>Paris')).toMatchObject({ answer: 'Paris', reasoning: 'let me see', source: 'think' });
    expect(splitReasoning('<think>still going when max_tokens hit')).toMatchObject({ answer: '', reasoning: 'still going when max_tokens hit' });
  });

  it('strip cuts everything up to the last marker', () => {
    const split = splitReasoning('First, France. Answer: maybe Lyon? No. Final answer: Paris', { strip: compileLinearPattern('final answer:', 'i') });
    expect(split).toMatchObject({ answer: 'Paris', reasoning: 'First, France. Answer: maybe Lyon? No. Final answer:', source: 'strip' });
    expect(split.thinking).toBeUndefined();
    // `thinking` keeps the think blocks alone: what the tokenizer counts as reasoning tokens.
    expect(splitReasoning('<think>x</think>so. ANSWER: 4', { strip: compileLinearPattern('answer:', 'i') })).toMatchObject({ answer: '4', reasoning: 'x\n\nso. ANSWER:', source: 'think', thinking: 'x' });
  });

  it('leaves plain answers, and think blocks when think: false, alone', () => {
    expect(splitReasoning('  Paris ')).toEqual({ answer: 'Paris', verbatim: '  Paris ', answerOffset: 0 });
    expect(splitReasoning('<think>x</think>y', { think: false }).answer).toBe('<think>x</think>y');
    expect(splitReasoning('no marker here', { strip: compileLinearPattern('final answer:', 'i') })).toEqual({ answer: 'no marker here', answerOffset: 0 });
  });
});

describe('verbalised confidence', () => {
  it.each([
    ['Paris\nConfidence: 80%', 0.8, 'Paris'],
    ['Paris (confidence: 0.65)', 0.65, 'Paris'],
    ['Paris. Confidence level = 95 percent', 0.95, 'Paris.'],
    ['I am 90% confident it is Paris', 0.9, 'it is Paris'],
    ['Confidence: 30\nAnswer: B', 0.3, 'Answer: B'],
    ['巴黎。置信度：80%', 0.8, '巴黎。'],
    ['答案：B，置信度为 0.7', 0.7, '答案：B'],
    ['巴黎（信心：７５％）', 0.75, '巴黎'],
    ['北京，把握约 60%', 0.6, '北京'],
  ])('%j → %d', (text, value, answer) => {
    expect(parseStatedConfidence(text)).toMatchObject({ value, answer });
  });

  it('takes the last statement, and none when there is none or it exceeds 100%', () => {
    expect(parseStatedConfidence('Confidence: 20%. On reflection, confidence: 70%')!.value).toBe(0.7);
    expect(parseStatedConfidence('Paris')).toBeUndefined();
    expect(parseStatedConfidence('Confidence: 150%')).toBeUndefined();
  });
});

describe('confidence from log-probabilities', () => {
  const tokens = [
    { token: 'The', logprob: -1 },
    { token: ' answer', logprob: -0.5 },
    { token: ' is', logprob: -0.1 },
    { token: ' (', logprob: -0.01 },
    { token: 'C', logprob: -0.3 },
    { token: ')', logprob: -0.01 },
  ];

  it('is the chosen option letter probability for multiple choice', () => {
    expect(confidenceFromLogprobs(tokens, { chosen: { letter: 'C', text: 'owl' } })).toEqual({ value: Math.exp(-0.3), method: 'option-probability', tokens: 1 });
  });

  it('is the joint probability of the option text when no letter was written', () => {
    const text = [{ token: 'It', logprob: -1 }, { token: ' is', logprob: -1 }, { token: ' New', logprob: -0.2 }, { token: ' York', logprob: -0.1 }];
    expect(confidenceFromLogprobs(text, { chosen: { letter: 'B', text: 'New York' } })!.value).toBeCloseTo(Math.exp(-0.3), 12);
  });

  it('is the mean token probability otherwise, over the answer tokens only', () => {
    const mean = tokens.slice(3).reduce((sum, token) => sum + Math.exp(token.logprob), 0) / 3;
    expect(confidenceFromLogprobs(tokens, { answerOffset: 13 })).toEqual({ value: mean, method: 'mean-token-probability', tokens: 3 });
    expect(confidenceFromLogprobs([])).toBeUndefined();
  });
});

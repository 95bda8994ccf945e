import type { TokenLogprob } from '../ports/index.ts';

/** How a confidence was read from token log-probabilities. */
export type LogprobMethod = 'option-probability' | 'mean-token-probability';

/** A confidence from log-probabilities, and how many tokens it rests on. */
export interface LogprobConfidence {
  readonly value: number;
  readonly method: LogprobMethod;
  readonly tokens: number;
}

/**
 * Confidence from the answer's token log-probabilities:
 * - multiple choice (`chosen` is the option the scorer read, `letter` its label): the probability
 *   of the chosen option — exp of the log-probability of the first answer token that is the bare
 *   label ("B", " B", "(B"), else of the tokens spelling the option's text, summed (a joint
 *   probability). HELM's `max_prob` for a multiple-choice answer is the same quantity
 *   (`basic_metrics.py`: exp of the completion's logprob when the answer is the label);
 * - otherwise the mean token probability: the arithmetic mean of exp(logprob) over the answer's
 *   tokens (not the geometric mean exp(mean logprob), which one unlikely token drags to ~0).
 * Tokens before `answerOffset` (a think block in the content) are reasoning and left out.
 * Returns undefined when no answer token has a log-probability.
 */
export function confidenceFromLogprobs(
  tokens: readonly TokenLogprob[],
  options: { answerOffset?: number; chosen?: { letter: string; text: string } } = {},
): LogprobConfidence | undefined {
  const answer = answerTokens(tokens, options.answerOffset ?? 0);
  if (answer.length === 0) return undefined;
  if (options.chosen) {
    const option = optionProbability(answer, options.chosen);
    if (option) return option;
  }
  let sum = 0;
  for (const { token } of answer) sum += Math.exp(token.logprob);
  return { value: clamp(sum / answer.length), method: 'mean-token-probability', tokens: answer.length };
}

interface PlacedToken {
  readonly token: TokenLogprob;
  readonly start: number;
}

function answerTokens(tokens: readonly TokenLogprob[], answerOffset: number): PlacedToken[] {
  const placed: PlacedToken[] = [];
  let start = 0;
  for (const token of tokens) {
    if (start >= answerOffset && token.token.trim() !== '') placed.push({ token, start });
    start += token.token.length;
  }
  return placed;
}

function optionProbability(answer: readonly PlacedToken[], chosen: { letter: string; text: string }): LogprobConfidence | undefined {
  const label = answer.find(({ token }) => token.token.trim().replace(/^[([*]+|[)\].:*]+$/g, '') === chosen.letter);
  if (label) return { value: clamp(Math.exp(label.token.logprob)), method: 'option-probability', tokens: 1 };
  const text = answer.map(({ token }) => token.token).join('');
  const wanted = chosen.text.trim().toLowerCase();
  if (wanted === '') return undefined;
  const at = text.toLowerCase().indexOf(wanted);
  if (at < 0) return undefined;
  let offset = 0;
  let logprob = 0;
  let count = 0;
  for (const { token } of answer) {
    const end = offset + token.token.length;
    if (end > at && offset < at + wanted.length) {
      logprob += token.logprob;
      count++;
    }
    offset = end;
  }
  return { value: clamp(Math.exp(logprob)), method: 'option-probability', tokens: count };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

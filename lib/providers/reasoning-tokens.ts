import type { Completion } from '../ports/index.ts';
import { splitReasoning } from '../engine/index.ts';
import type { AttemptResult } from './chat-answer.ts';
import type { TokenCounter } from './token-count.ts';

/**
 * An attempt's log-probabilities and reasoning as the completion carries them. When the server
 * sent no reasoning-token count, the reasoning (its own field, else a `<think>` block in the
 * content) is counted with the local tokenizer, recorded as `source: 'tokenizer'`.
 */
export async function reasoningExtras(
  result: AttemptResult,
  counter: (() => Promise<TokenCounter>) | null,
): Promise<Pick<Completion, 'logprobs' | 'reasoning' | 'reasoningTokens'>> {
  const extras = {
    ...(result.logprobs && { logprobs: result.logprobs }),
    ...(result.reasoning !== undefined && { reasoning: result.reasoning }),
  };
  if (result.reasoningTokens) return { ...extras, reasoningTokens: result.reasoningTokens };
  const reasoning = result.reasoning ?? splitReasoning(result.text).reasoning;
  // Think blocks with log-probabilities are counted exactly from them later (answer-reader.ts).
  if (reasoning === undefined || counter === null || (result.reasoning === undefined && result.logprobs)) return extras;
  const count = (await counter()).count([], reasoning).outputTokens;
  return { ...extras, reasoningTokens: { count, source: 'tokenizer' } };
}

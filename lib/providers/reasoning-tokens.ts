import type { Completion } from '../ports/index.ts';
import { splitReasoning } from '../engine/index.ts';
import type { AttemptResult } from './chat-answer.ts';
import type { TokenCounter } from './token-count.ts';

/**
 * An attempt's log-probabilities and reasoning as the completion carries them. When the server
 * sent no reasoning-token count, the reasoning (its own field, else a `<think>` block in the
 * content) is counted with the local tokenizer, recorded as `source: 'tokenizer'`. A promise only
 * when that count is needed (loading the tokenizer): the common answer takes no extra await.
 * One object shape whatever is present (absent fields `undefined`), built without spreads.
 */
export function reasoningExtras(result: AttemptResult, counter: (() => Promise<TokenCounter>) | null): ReasoningExtras | Promise<ReasoningExtras> {
  const { logprobs, reasoning: field, reasoningTokens } = result;
  if (reasoningTokens) return { logprobs, reasoning: field, reasoningTokens };
  const reasoning = field ?? splitReasoning(result.text).reasoning;
  // Think blocks with log-probabilities are counted exactly from them later (answer-reader.ts).
  if (reasoning === undefined || counter === null || (field === undefined && logprobs)) return { logprobs, reasoning: field, reasoningTokens: undefined };
  return counter().then((tokens) => ({ logprobs, reasoning: field, reasoningTokens: { count: tokens.count([], reasoning).outputTokens, source: 'tokenizer' as const } }));
}

type ReasoningExtras = Pick<Completion, 'logprobs' | 'reasoning' | 'reasoningTokens'>;

import type { TokenLogprob } from '../ports/index.ts';

/**
 * What a chat-completions answer carries beside its content: token log-probabilities
 * (`choices[0].logprobs.content`, when the request set `logprobs: true`), reasoning returned in a
 * field of its own (`reasoning_content` as DeepSeek and vLLM name it, `reasoning` as vLLM ≥ 0.9,
 * OpenRouter and Ollama do) and the server's reasoning-token count
 * (`usage.completion_tokens_details.reasoning_tokens`). Shared by both transports (SDK and
 * `transport: http`), streamed or not; kept apart from the content parsing in chat-answer.ts.
 */
export interface AnswerExtras {
  readonly logprobs?: readonly TokenLogprob[];
  readonly reasoning?: string;
  readonly reasoningTokens?: { readonly count: number; readonly source: 'server' };
}

/** The extras of a whole (non-streamed) answer: `choices[0]` and the body's usage. */
export function extrasFromChoice(choice: unknown, usage: unknown): AnswerExtras {
  const collector = new AnswerExtrasCollector();
  const { message, logprobs } = (choice ?? {}) as { message?: unknown; logprobs?: unknown };
  collector.addDelta(message, logprobs);
  collector.addUsage(usage);
  return collector.result();
}

/** Gathers extras piece by piece from streamed chunks (`delta` and `logprobs` of `choices[0]`, then usage). */
export class AnswerExtrasCollector {
  private readonly tokens: TokenLogprob[] = [];
  private reasoning = '';
  private reasoningTokens: number | undefined;

  /** One message or delta and its logprobs block. */
  addDelta(delta: unknown, logprobs: unknown): void {
    if (typeof delta === 'object' && delta !== null) {
      const { reasoning_content: content, reasoning } = delta as { reasoning_content?: unknown; reasoning?: unknown };
      if (typeof content === 'string') this.reasoning += content;
      else if (typeof reasoning === 'string') this.reasoning += reasoning;
    }
    const entries = (logprobs as { content?: unknown } | null | undefined)?.content;
    if (Array.isArray(entries)) for (const entry of entries) this.addToken(entry);
  }

  addUsage(usage: unknown): void {
    const details = (usage as { completion_tokens_details?: { reasoning_tokens?: unknown } } | null | undefined)?.completion_tokens_details;
    const count = details?.reasoning_tokens;
    // Many servers send reasoning_tokens: 0 for every answer; only a positive count says anything.
    if (typeof count === 'number' && Number.isInteger(count) && count > 0) this.reasoningTokens = count;
  }

  result(): AnswerExtras {
    return {
      ...(this.tokens.length > 0 && { logprobs: this.tokens }),
      ...(this.reasoning !== '' && { reasoning: this.reasoning }),
      ...(this.reasoningTokens !== undefined && { reasoningTokens: { count: this.reasoningTokens, source: 'server' as const } }),
    };
  }

  private addToken(entry: unknown): void {
    const { token, logprob, top_logprobs: top } = (entry ?? {}) as { token?: unknown; logprob?: unknown; top_logprobs?: unknown };
    if (typeof token !== 'string' || typeof logprob !== 'number' || !Number.isFinite(logprob)) return;
    const alternatives = Array.isArray(top)
      ? top.flatMap((item: { token?: unknown; logprob?: unknown }) =>
          typeof item?.token === 'string' && typeof item.logprob === 'number' ? [{ token: item.token, logprob: item.logprob }] : [],
        )
      : [];
    this.tokens.push(alternatives.length > 0 ? { token, logprob, top: alternatives } : { token, logprob });
  }
}

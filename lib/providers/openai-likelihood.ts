import type { CompletionRequest } from '../ports/index.ts';
import { readUsage, type AttemptResult } from './chat-answer.ts';
import type { AttemptDeadline, ChatCall } from './openai-call.ts';
import { MalformedResponseError } from './openai-failure.ts';

/** An attempt's answer when continuations were scored: their log-likelihoods besides the usual fields. */
export interface LikelihoodResult extends AttemptResult {
  readonly optionLogLikelihoods: number[];
}

/**
 * The text the continuations are scored after: the prompt's one user message. Scoring needs
 * plain text, and a chat template (a system message, several turns) has no agreed plain form.
 */
export function likelihoodContext(request: Pick<CompletionRequest, 'messages'>): string {
  const [message, ...rest] = request.messages;
  if (!message || rest.length > 0 || message.role !== 'user') {
    throw new MalformedResponseError(
      `scoring continuations needs the prompt to be one user message (got ${request.messages.map((m) => m.role).join(', ') || 'none'}); drop the system prompt and turns`,
    );
  }
  return message.content;
}

/**
 * Scores each continuation by the legacy completions API, the way lm-evaluation-harness scores
 * multiple choice against OpenAI-compatible servers: one `POST /completions` whose `prompt` lists
 * context + continuation for every option, with `echo: true` (the prompt's tokens come back with
 * their log-probabilities), `logprobs: 1` and `max_tokens: 1` (the one generated token is left
 * out). A continuation's log-likelihood is the sum of the log-probabilities of the tokens that
 * start inside it (`text_offset` ≥ the context's length). A token that straddles the boundary
 * makes the split ambiguous and is an error, not a guess.
 */
export async function likelihoodOnce(call: ChatCall, request: CompletionRequest, deadline: AttemptDeadline): Promise<LikelihoodResult> {
  const context = likelihoodContext(request);
  const continuations = request.continuations!;
  const prompts = continuations.map((continuation) => `${context}${continuation}`);
  const body = { model: call.baseBody.model, prompt: prompts, echo: true, logprobs: 1, max_tokens: 1, temperature: 0 };
  const startMs = call.clock.now();
  const response = await call.client.completions.create(body as never, { signal: deadline.controller.signal }).asResponse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await response.text());
  } catch {
    throw new MalformedResponseError('the completions body is not JSON');
  }
  const latencyMs = call.clock.now() - startMs;
  const { choices, usage, model } = (parsed ?? {}) as { choices?: unknown; usage?: unknown; model?: unknown };
  if (!Array.isArray(choices) || choices.length !== prompts.length) {
    throw new MalformedResponseError(`expected ${prompts.length} choices (one per option), got ${Array.isArray(choices) ? choices.length : 'none'}`);
  }
  const byIndex = [...(choices as { index?: unknown }[])].sort((a, b) => Number(a.index) - Number(b.index));
  const optionLogLikelihoods = byIndex.map((choice, option) => continuationLogLikelihood(choice, context.length, prompts[option]!.length, option));
  const best = optionLogLikelihoods.indexOf(Math.max(...optionLogLikelihoods));
  return {
    text: continuations[best]!.trim(),
    latencyMs,
    ttftMs: null,
    usage: readUsage(usage),
    meta: { ...(typeof model === 'string' && { model }), scoring: 'completions-echo' },
    optionLogLikelihoods,
  };
}

function continuationLogLikelihood(choice: unknown, start: number, end: number, option: number): number {
  const logprobs = (choice as { logprobs?: { tokens?: unknown; token_logprobs?: unknown; text_offset?: unknown } }).logprobs;
  const tokens = logprobs?.tokens;
  const values = logprobs?.token_logprobs;
  const offsets = logprobs?.text_offset;
  if (!Array.isArray(tokens) || !Array.isArray(values) || !Array.isArray(offsets) || values.length !== offsets.length) {
    throw new MalformedResponseError(`choice ${option}: no logprobs { tokens, token_logprobs, text_offset }; the endpoint must support echo with logprobs`);
  }
  let sum = 0;
  let counted = 0;
  for (let index = 0; index < offsets.length; index++) {
    const offset = Number(offsets[index]);
    const length = String(tokens[index]).length;
    if (offset < start && offset + length > start) {
      throw new MalformedResponseError(`choice ${option}: the token ${JSON.stringify(tokens[index])} spans the end of the prompt and the start of the option`);
    }
    if (offset < start || offset >= end) continue;
    const value = values[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new MalformedResponseError(`choice ${option}: token ${index} has no log-probability`);
    sum += value;
    counted++;
  }
  if (counted === 0) throw new MalformedResponseError(`choice ${option}: no token of the option came back (is echo supported?)`);
  return sum;
}

import type { Usage } from '../results/index.ts';
import { AnswerExtrasCollector, extrasFromChoice, type AnswerExtras } from './answer-extras.ts';
import { MalformedResponseError, OutputTooLargeError } from './openai-failure.ts';

/**
 * The longest answer kept, in characters. Outputs are untrusted: past this an item is recorded
 * as an error (PROVIDER_OUTPUT_TOO_LARGE) rather than tokenized, scored and stored.
 */
export const MAX_OUTPUT_CHARS = 1_000_000;

/**
 * A JSON body's bytes at most: the output cap with room for JSON escapes (`\\uXXXX` is six bytes
 * per character) and the rest of the completion.
 */
export const MAX_BODY_BYTES = 6 * MAX_OUTPUT_CHARS + 64 * 1024;

/** One successful attempt, before the retry loop adds `attempts`. Extras: logprobs and reasoning (answer-extras.ts). */
export interface AttemptResult extends AnswerExtras {
  readonly text: string;
  readonly latencyMs: number;
  readonly ttftMs: number | null;
  readonly chunkTimesMs?: readonly number[];
  readonly usage: Usage | null;
  readonly meta: Record<string, unknown>;
}

/**
 * Reads a parsed chat-completions body (either transport) into an attempt's answer; a body
 * without `choices[0].message` or with non-text content is a malformed response.
 */
export function answerFromBody(body: unknown, latencyMs: number): AttemptResult {
  if (typeof body !== 'object' || body === null) {
    throw new MalformedResponseError(`expected a JSON object, got ${typeof body === 'string' ? 'text' : String(body)}`);
  }
  const { choices, model, usage } = body as { choices?: unknown; model?: unknown; usage?: unknown };
  if (!Array.isArray(choices) || choices.length === 0 || typeof choices[0] !== 'object' || choices[0] === null) {
    throw new MalformedResponseError('choices[0] is missing');
  }
  const choice = choices[0] as { message?: unknown; finish_reason?: unknown };
  const message = choice.message as { content?: unknown } | null | undefined;
  if (message === null || typeof message !== 'object') throw new MalformedResponseError('choices[0].message is missing');
  const content = message.content;
  if (content !== null && content !== undefined && typeof content !== 'string') {
    throw new MalformedResponseError(`choices[0].message.content is ${typeof content}, expected a string`);
  }
  if (typeof content === 'string' && content.length > MAX_OUTPUT_CHARS) throw new OutputTooLargeError(MAX_OUTPUT_CHARS);
  return {
    text: content ?? '',
    latencyMs,
    ttftMs: null,
    usage: readUsage(usage),
    meta: describeAnswer(model, choice.finish_reason),
    ...extrasFromChoice(choice, usage),
  };
}

/** The fields of a streamed chunk that an answer is built from. */
export interface ChunkFields {
  readonly model?: unknown;
  readonly choices?: readonly { readonly delta?: { readonly content?: unknown } | null; readonly finish_reason?: unknown; readonly logprobs?: unknown }[] | null;
  readonly usage?: unknown;
}

/**
 * Builds an answer from streamed chunks as they arrive: TTFT is the first chunk that carries
 * content, every content chunk's arrival time is kept (for ITL and TPOT), latency is the last chunk.
 */
export class StreamedAnswer {
  private text = '';
  private ttftMs: number | null = null;
  private readonly chunkTimesMs: number[] = [];
  private lastChunkMs: number;
  private usage: Usage | null = null;
  private model: unknown;
  private readonly extras = new AnswerExtrasCollector();
  /** Set once a chunk says why generation stopped. */
  finishReason: unknown;

  constructor(startedAtMs: number) {
    this.lastChunkMs = startedAtMs;
  }

  /** Notes when a chunk arrived (ms after the request was sent), whatever it carries. */
  arrived(atMs: number): void {
    this.lastChunkMs = atMs;
  }

  add(chunk: ChunkFields): void {
    this.model ??= chunk.model;
    const choice = chunk.choices?.[0];
    const piece = choice?.delta?.content;
    if (typeof piece === 'string' && piece !== '') {
      this.ttftMs ??= this.lastChunkMs;
      this.chunkTimesMs.push(this.lastChunkMs);
      this.text += piece;
      if (this.text.length > MAX_OUTPUT_CHARS) throw new OutputTooLargeError(MAX_OUTPUT_CHARS);
    }
    if (choice?.finish_reason) this.finishReason = choice.finish_reason;
    if (choice) this.extras.addDelta(choice.delta, choice.logprobs);
    if (chunk.usage) {
      this.usage = readUsage(chunk.usage);
      this.extras.addUsage(chunk.usage);
    }
  }

  result(): AttemptResult {
    return {
      text: this.text,
      latencyMs: this.lastChunkMs,
      ttftMs: this.ttftMs,
      chunkTimesMs: this.chunkTimesMs,
      usage: this.usage,
      meta: describeAnswer(this.model, this.finishReason),
      ...this.extras.result(),
    };
  }
}

/** The server's usage block, or null when it sent none (a tokenizer fallback fills in later). */
export function readUsage(usage: unknown): Usage | null {
  if (typeof usage !== 'object' || usage === null) return null;
  const { prompt_tokens: inputTokens, completion_tokens: outputTokens } = usage as Record<string, unknown>;
  if (!isCount(inputTokens) || !isCount(outputTokens)) return null;
  return { inputTokens, outputTokens, source: 'server' };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The served model (often a dated snapshot of the requested one) and why generation stopped. */
function describeAnswer(model: unknown, finishReason: unknown): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (typeof model === 'string') meta.model = model;
  if (typeof finishReason === 'string') meta.finishReason = finishReason;
  return meta;
}

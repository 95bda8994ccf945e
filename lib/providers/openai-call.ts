import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type { Clock, CompletionRequest } from '../engine/ports.ts';
import type { Usage } from '../results/index.ts';
import { MalformedResponseError } from './openai-failure.ts';

/** Everything one chat-completions call needs, fixed when the provider is created. */
export interface ChatCall {
  readonly client: OpenAI;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** The body without `messages`: the user's params, the model, and the streaming switches. */
  readonly baseBody: Readonly<Record<string, unknown>>;
  readonly stream: boolean;
}

/** One successful attempt, before the retry loop adds `attempts`. */
export interface AttemptResult {
  readonly text: string;
  readonly latencyMs: number;
  readonly ttftMs: number | null;
  readonly chunkTimesMs?: readonly number[];
  readonly usage: Usage | null;
  readonly meta: Record<string, unknown>;
}

/**
 * A per-attempt deadline over the whole exchange. The client's own `timeout` stops at the
 * response headers; this one also ends a body or a stream that stalls afterwards. It also
 * forwards the caller's abort without leaving a listener on the caller's long-lived signal.
 *
 * The AbortController is made only when a transport asks for `controller` (the SDK path); the
 * lean http transport registers `onExpire` instead, saving an AbortSignal per request (costly in
 * Node 20, see docs/performance.md).
 */
export class AttemptDeadline {
  timedOut = false;
  #controller: AbortController | undefined;
  #expire: ((reason: Error) => void) | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = () => this.#end(new DOMException('the caller aborted', 'AbortError'));

  constructor(timeoutMs: number, parent: AbortSignal | undefined) {
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#end(new DOMException(`no complete answer within ${timeoutMs} ms`, 'AbortError'));
    }, timeoutMs);
    this.#parent = parent;
    parent?.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  /** An AbortController that aborts when the deadline passes or the caller aborts. */
  get controller(): AbortController {
    this.#controller ??= new AbortController();
    return this.#controller;
  }

  /** Whether the deadline passed or the caller aborted. */
  get ended(): boolean {
    return this.timedOut || this.#parent?.aborted === true || this.#controller?.signal.aborted === true;
  }

  /** Calls `expire` (once) when the deadline passes or the caller aborts. */
  onExpire(expire: (reason: Error) => void): void {
    this.#expire = expire;
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#expire = undefined;
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }

  #end(reason: Error): void {
    this.#controller?.abort();
    const expire = this.#expire;
    this.#expire = undefined;
    expire?.(reason);
  }
}

/** One non-streaming call; latency runs from the call to the parsed body. */
export async function completeOnce(call: ChatCall, request: CompletionRequest, deadline: AttemptDeadline): Promise<AttemptResult> {
  const body = { ...call.baseBody, messages: request.messages } as unknown as ChatCompletionCreateParamsNonStreaming;
  const startMs = call.clock.now();
  const response: unknown = await call.client.chat.completions.create(body, { signal: deadline.controller.signal });
  const latencyMs = call.clock.now() - startMs;
  const choice = readFirstChoice(response);
  const message = choice.message as { content?: unknown } | undefined;
  if (message === null || typeof message !== 'object') throw new MalformedResponseError('choices[0].message is missing');
  const content = message.content;
  if (content !== null && content !== undefined && typeof content !== 'string') {
    throw new MalformedResponseError(`choices[0].message.content is ${typeof content}, expected a string`);
  }
  const { model, usage } = response as { model?: unknown; usage?: unknown };
  return {
    text: content ?? '',
    latencyMs,
    ttftMs: null,
    usage: readUsage(usage),
    meta: describeAnswer(model, choice.finish_reason),
  };
}

/** One streaming call; TTFT is the first chunk that carries content, latency the last chunk. */
export async function streamOnce(call: ChatCall, request: CompletionRequest, deadline: AttemptDeadline): Promise<AttemptResult> {
  const body = { ...call.baseBody, messages: request.messages } as unknown as ChatCompletionCreateParamsStreaming;
  const { clock } = call;
  const startMs = clock.now();
  const stream = await call.client.chat.completions.create(body, { signal: deadline.controller.signal });
  let text = '';
  let ttftMs: number | null = null;
  const chunkTimesMs: number[] = [];
  let lastChunkMs = clock.now() - startMs;
  let usage: Usage | null = null;
  let model: unknown;
  let finishReason: unknown;
  for await (const chunk of stream as AsyncIterable<ChatCompletionChunk | null>) {
    lastChunkMs = clock.now() - startMs;
    if (chunk === null || typeof chunk !== 'object') throw new MalformedResponseError('a stream event is not an object');
    model ??= chunk.model;
    const choice = chunk.choices?.[0];
    const piece = choice?.delta?.content;
    if (typeof piece === 'string' && piece !== '') {
      ttftMs ??= lastChunkMs;
      chunkTimesMs.push(lastChunkMs);
      text += piece;
    }
    if (choice?.finish_reason) finishReason = choice.finish_reason;
    if (chunk.usage) usage = readUsage(chunk.usage);
  }
  // The SDK ends the iteration quietly when its signal aborts, so a stream cut short by the
  // deadline looks complete; one that already sent its finish_reason is kept.
  if (deadline.controller.signal.aborted && finishReason === undefined) throw new DOMException('stream aborted', 'AbortError');
  return { text, latencyMs: lastChunkMs, ttftMs, chunkTimesMs, usage, meta: describeAnswer(model, finishReason) };
}

function readFirstChoice(response: unknown): { message?: unknown; finish_reason?: unknown } {
  const choices = (response as { choices?: unknown } | null | undefined)?.choices;
  if (typeof response !== 'object' || response === null) {
    throw new MalformedResponseError(`expected a JSON object, got ${typeof response === 'string' ? 'text' : String(response)}`);
  }
  if (!Array.isArray(choices) || choices.length === 0 || typeof choices[0] !== 'object' || choices[0] === null) {
    throw new MalformedResponseError('choices[0] is missing');
  }
  return choices[0] as { message?: unknown; finish_reason?: unknown };
}

/** The server's usage block, or null when it sent none (a tokenizer fallback fills in later). */
function readUsage(usage: unknown): Usage | null {
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

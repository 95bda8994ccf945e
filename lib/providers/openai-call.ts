import type OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type { Clock, CompletionRequest } from '../ports/index.ts';
import { answerFromBody, MAX_BODY_BYTES, MAX_OUTPUT_CHARS, type AttemptResult } from './chat-answer.ts';
import { MalformedResponseError, OutputTooLargeError, type OpenAIErrorClasses } from './openai-failure.ts';
import { SseAnswerReader } from './sse-answer.ts';

/** Everything one chat-completions call needs, fixed when the provider is created. */
export interface ChatCall {
  readonly client: OpenAI;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** The body without `messages`: the user's params, the model, and the streaming switches. */
  readonly baseBody: Readonly<Record<string, unknown>>;
  readonly stream: boolean;
  readonly errors: OpenAIErrorClasses;
}

export type { AttemptResult };

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
  /** Why the attempt ended, once it has: later listeners are told at once. */
  #endReason: Error | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #parent: AbortSignal | undefined;
  /** Made only when there is a caller's signal to listen to (most runs pass none). */
  readonly #onParentAbort: (() => void) | undefined;

  constructor(timeoutMs: number, parent: AbortSignal | undefined) {
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#end(new DOMException(`no complete answer within ${timeoutMs} ms`, 'AbortError'));
    }, timeoutMs);
    this.#parent = parent;
    if (parent !== undefined) {
      this.#onParentAbort = () => this.#end(new DOMException('the caller aborted', 'AbortError'));
      // A signal aborted before the attempt fires no event: end now, or the call runs to its timeout.
      if (parent.aborted) this.#onParentAbort();
      else parent.addEventListener('abort', this.#onParentAbort, { once: true });
    }
  }

  /** An AbortController that aborts when the deadline passes or the caller aborts (already aborted if either has). */
  get controller(): AbortController {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#endReason !== undefined) this.#controller.abort();
    }
    return this.#controller;
  }

  /** Whether the deadline passed or the caller aborted. */
  get ended(): boolean {
    return this.#endReason !== undefined || this.#parent?.aborted === true;
  }

  /** Calls `expire` (once) when the deadline passes or the caller aborts; at once if either has. */
  onExpire(expire: (reason: Error) => void): void {
    if (this.#endReason !== undefined) expire(this.#endReason);
    else this.#expire = expire;
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#expire = undefined;
    if (this.#onParentAbort !== undefined) this.#parent!.removeEventListener('abort', this.#onParentAbort);
  }

  #end(reason: Error): void {
    this.#endReason ??= reason;
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
  // The raw response (the SDK still sends, authenticates and turns non-2xx into its errors), so
  // the body is read under the byte cap instead of whole.
  const response = await call.client.chat.completions.create(body, { signal: deadline.controller.signal }).asResponse();
  const text = await readCappedText(response, MAX_BODY_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedResponseError('the body is not JSON');
  }
  return answerFromBody(parsed, call.clock.now() - startMs);
}

/**
 * One streaming call; TTFT is the first chunk that carries content, latency the last chunk. The
 * event stream is read by the same SSE reader as the http transport: the SDK's own iterator
 * treats a stream that simply stops as finished, and this one does not.
 */
export async function streamOnce(call: ChatCall, request: CompletionRequest, deadline: AttemptDeadline): Promise<AttemptResult> {
  const body = { ...call.baseBody, messages: request.messages } as unknown as ChatCompletionCreateParamsStreaming;
  const { clock } = call;
  const startMs = clock.now();
  const response = await call.client.chat.completions.create(body, { signal: deadline.controller.signal }).asResponse();
  const reader = new SseAnswerReader(clock.now() - startMs, call.errors);
  const decoder = new TextDecoder();
  for await (const bytes of bodyOf(response)) reader.feed(decoder.decode(bytes, { stream: true }), clock.now() - startMs);
  reader.feed(decoder.decode(), clock.now() - startMs);
  return reader.finish();
}

/** A response body as chunks; a missing body is an empty one. */
async function* bodyOf(response: Response): AsyncIterable<Uint8Array> {
  if (!response.body) return;
  yield* response.body as unknown as AsyncIterable<Uint8Array>;
}

async function readCappedText(response: Response, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for await (const part of bodyOf(response)) {
    bytes += part.length;
    if (bytes > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new OutputTooLargeError(MAX_OUTPUT_CHARS);
    }
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import type { Clock, CompletionRequest } from '../engine/ports.ts';
import { answerFromBody, StreamedAnswer, type AttemptResult } from './chat-answer.ts';
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
  return answerFromBody(response, call.clock.now() - startMs);
}

/** One streaming call; TTFT is the first chunk that carries content, latency the last chunk. */
export async function streamOnce(call: ChatCall, request: CompletionRequest, deadline: AttemptDeadline): Promise<AttemptResult> {
  const body = { ...call.baseBody, messages: request.messages } as unknown as ChatCompletionCreateParamsStreaming;
  const { clock } = call;
  const startMs = clock.now();
  const stream = await call.client.chat.completions.create(body, { signal: deadline.controller.signal });
  const answer = new StreamedAnswer(clock.now() - startMs);
  for await (const chunk of stream as AsyncIterable<ChatCompletionChunk | null>) {
    answer.arrived(clock.now() - startMs);
    if (chunk === null || typeof chunk !== 'object') throw new MalformedResponseError('a stream event is not an object');
    answer.add(chunk);
  }
  // The SDK ends the iteration quietly when its signal aborts, so a stream cut short by the
  // deadline looks complete; one that already sent its finish_reason is kept.
  if (deadline.controller.signal.aborted && answer.finishReason === undefined) throw new DOMException('stream aborted', 'AbortError');
  return answer.result();
}

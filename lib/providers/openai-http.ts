import { StringDecoder } from 'node:string_decoder';
import type { Dispatcher, Pool } from 'undici';
import type { Clock, CompletionRequest } from '../ports/index.ts';
import { answerFromBody, MAX_BODY_BYTES, MAX_OUTPUT_CHARS, type AttemptResult } from './chat-answer.ts';
import { SseAnswerReader } from './sse-answer.ts';
import type { AttemptDeadline } from './openai-call.ts';
import { MalformedResponseError, OutputTooLargeError, type OpenAIErrorClasses } from './openai-failure.ts';

/**
 * The lean transport (`transport: http`): chat completions over a keep-alive undici `Pool`,
 * driven through its `dispatch` hooks, so a request is one socket write and its answer a few
 * callbacks, without the SDK's fetch, web streams and header machinery, and without `node:http`'s
 * per-request `ClientRequest`/`IncomingMessage` streams (see docs/performance.md). It speaks the
 * same wire format and raises the SDK's own error classes, so retries, `Retry-After`, timeouts
 * and failure codes behave exactly as on the default path (the same integration tests run on
 * both). Timing is taken at the socket: the request is sent, then each content chunk as it is parsed.
 */
export interface HttpChatCall {
  readonly origin: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly pool: Pool;
  readonly clock: Clock;
  readonly baseBody: Readonly<Record<string, unknown>>;
  /** `baseBody` as JSON up to where `"messages":` goes, when it can be reused (see {@link requestBody}). */
  readonly bodyPrefix: string | undefined;
  readonly stream: boolean;
  readonly errors: OpenAIErrorClasses;
}

/** Builds the call: the chat-completions URL, fixed headers and one keep-alive pool per candidate. */
export async function createHttpChatCall(options: {
  baseURL: string;
  apiKey: string;
  headers?: Readonly<Record<string, string>>;
  clock: Clock;
  baseBody: Readonly<Record<string, unknown>>;
  stream: boolean;
  errors: OpenAIErrorClasses;
}): Promise<HttpChatCall> {
  // Loaded only when a candidate asks for this transport: the CLI keeps undici out of its start-up.
  // Through `default` (module.exports): the CLI bundle gives a CommonJS chunk no named exports.
  const { Pool } = (await import('undici')).default;
  const url = new URL(`${options.baseURL.replace(/\/+$/, '')}/chat/completions`);
  return {
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    headers: {
      'content-type': 'application/json',
      accept: options.stream ? 'text/event-stream' : 'application/json',
      'user-agent': 'verdict',
      ...options.headers,
      authorization: `Bearer ${options.apiKey}`,
    },
    // No undici header/body timeouts: the attempt's deadline covers the whole exchange, whatever `timeoutMs` is.
    pool: new Pool(url.origin, { headersTimeout: 0, bodyTimeout: 0 }),
    clock: options.clock,
    baseBody: options.baseBody,
    bodyPrefix: bodyPrefixOf(options.baseBody),
    stream: options.stream,
    errors: options.errors,
  };
}

/** One attempt; streaming or not as the candidate asks. The deadline aborts the exchange when it passes. */
export function httpAttempt(call: HttpChatCall, request: CompletionRequest, deadline: AttemptDeadline): Promise<AttemptResult> {
  const body = requestBody(call, request);
  return new Promise((resolve, reject) => {
    const exchange = new ChatExchange(call, resolve, reject);
    deadline.onExpire((reason) => exchange.abort(reason));
    if (deadline.ended) return; // aborted before it started: nothing to send
    call.pool.dispatch({ origin: call.origin, path: call.path, method: 'POST', headers: call.headers, body }, exchange);
  });
}

/**
 * The request body: byte for byte `JSON.stringify({ ...baseBody, messages })`, but the fixed part is
 * serialised once per candidate, not per request.
 */
function requestBody(call: HttpChatCall, request: CompletionRequest): string {
  if (call.bodyPrefix === undefined) return JSON.stringify({ ...call.baseBody, messages: request.messages });
  return `${call.bodyPrefix}${JSON.stringify(request.messages)}}`;
}

/** `{"model":"m",…,"messages":` — undefined when the params carry their own `messages` (then their key position wins). */
function bodyPrefixOf(baseBody: Readonly<Record<string, unknown>>): string | undefined {
  if (Object.hasOwn(baseBody, 'messages')) return undefined;
  const json = JSON.stringify(baseBody);
  return `${json.slice(0, -1)}${json === '{}' ? '' : ','}"messages":`;
}

/**
 * One request's answer as undici hands it over: a 2xx JSON body (under the byte cap), a 2xx event
 * stream (fed to the shared SSE reader as it arrives), or a non-2xx answer turned into the SDK's
 * error class. Settles exactly once; the first outcome wins over what aborting then reports.
 */
class ChatExchange implements Dispatcher.DispatchHandler {
  readonly #call: HttpChatCall;
  readonly #resolve: (result: AttemptResult) => void;
  readonly #reject: (error: Error) => void;
  readonly #startMs: number;
  #settled = false;
  #controller: Dispatcher.DispatchController | undefined;
  #abortReason: Error | undefined;
  #statusCode = 0;
  #headers: Record<string, string | string[] | undefined> | undefined;
  /** The body so far (JSON and error answers). */
  #parts: Buffer[] = [];
  #bytes = 0;
  #tooLarge = false;
  /** Set for a 2xx event stream. */
  #reader: SseAnswerReader | undefined;
  #decoder: StringDecoder | undefined;

  constructor(call: HttpChatCall, resolve: (result: AttemptResult) => void, reject: (error: Error) => void) {
    this.#call = call;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#startMs = call.clock.now();
  }

  /** The deadline passed or the caller aborted: settle now, and end the exchange once undici has started it. */
  abort(reason: Error): void {
    this.#fail(reason);
    this.#abortReason = reason;
    this.#controller?.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return; // 1xx: the real answer follows
    this.#statusCode = statusCode;
    this.#headers = headers;
    if (this.#call.stream && statusCode < 300) {
      this.#reader = new SseAnswerReader(this.#call.clock.now() - this.#startMs, this.#call.errors);
      this.#decoder = new StringDecoder('utf8');
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    if (this.#reader !== undefined) {
      try {
        this.#reader.feed(this.#decoder!.write(chunk), this.#call.clock.now() - this.#startMs);
      } catch (error) {
        this.#fail(error as Error);
        controller.abort(error as Error);
      }
      return;
    }
    this.#bytes += chunk.length;
    if (this.#bytes > MAX_BODY_BYTES) {
      this.#tooLarge = true;
      this.#parts = [];
      if (this.#statusCode < 300) this.#fail(new OutputTooLargeError(MAX_OUTPUT_CHARS));
      else this.#fail(this.#httpError(''));
      controller.abort(new OutputTooLargeError(MAX_OUTPUT_CHARS));
      return;
    }
    this.#parts.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    try {
      if (this.#reader !== undefined) {
        this.#reader.feed(this.#decoder!.end(), this.#call.clock.now() - this.#startMs);
        this.#succeed(this.#reader.finish());
        return;
      }
      const text = this.#parts.length === 1 ? this.#parts[0]!.toString('utf8') : Buffer.concat(this.#parts).toString('utf8');
      if (this.#statusCode < 200 || this.#statusCode >= 300) {
        this.#fail(this.#httpError(this.#tooLarge ? '' : text));
        return;
      }
      const latencyMs = this.#call.clock.now() - this.#startMs;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new MalformedResponseError('the body is not JSON');
      }
      this.#succeed(answerFromBody(parsed, latencyMs));
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#fail(connectionError(this.#call, error));
  }

  /** A non-2xx answer as the SDK's own error class (RateLimitError, InternalServerError...), headers kept for Retry-After. */
  #httpError(text: string): Error {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(this.#headers ?? {})) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    return this.#call.errors.APIError.generate(this.#statusCode, parsed as object | undefined, text === '' ? undefined : text, headers);
  }

  #succeed(result: AttemptResult): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolve(result);
  }

  #fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#parts = [];
    this.#reject(error);
  }
}

/** A socket-level failure; an abort (our deadline, or the caller) stays an AbortError so it is classified as such. */
function connectionError(call: HttpChatCall, error: Error): Error {
  if (error.name === 'AbortError') return error;
  return new call.errors.APIConnectionError({ cause: error });
}

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Clock, CompletionRequest } from '../ports/index.ts';
import { answerFromBody, MAX_BODY_BYTES, MAX_OUTPUT_CHARS, type AttemptResult } from './chat-answer.ts';
import { SseAnswerReader } from './sse-answer.ts';
import type { AttemptDeadline } from './openai-call.ts';
import { MalformedResponseError, OutputTooLargeError, type OpenAIErrorClasses } from './openai-failure.ts';

/**
 * The lean transport (`transport: http`): chat completions over a keep-alive `node:http(s)`
 * agent, without the SDK's fetch, web streams and header machinery. It speaks the same wire
 * format and raises the SDK's own error classes, so retries, `Retry-After`, timeouts and failure
 * codes behave exactly as on the default path (the same integration tests run on both).
 * Timing is taken at the socket: the request is sent, then each content chunk as it is parsed.
 */
export interface HttpChatCall {
  readonly url: URL;
  /** `node:http` request options, resolved once from the URL (not per request). */
  readonly target: { readonly protocol: string; readonly hostname: string; readonly port: string; readonly path: string };
  readonly headers: Readonly<Record<string, string>>;
  readonly agent: HttpAgent;
  readonly clock: Clock;
  readonly baseBody: Readonly<Record<string, unknown>>;
  readonly stream: boolean;
  readonly errors: OpenAIErrorClasses;
}

/** Builds the call: the chat-completions URL, fixed headers and one keep-alive agent per candidate. */
export function createHttpChatCall(options: {
  baseURL: string;
  apiKey: string;
  headers?: Readonly<Record<string, string>>;
  clock: Clock;
  baseBody: Readonly<Record<string, unknown>>;
  stream: boolean;
  errors: OpenAIErrorClasses;
}): HttpChatCall {
  const url = new URL(`${options.baseURL.replace(/\/+$/, '')}/chat/completions`);
  const Agent = url.protocol === 'https:' ? HttpsAgent : HttpAgent;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    url,
    target: { protocol: url.protocol, hostname, port: url.port, path: `${url.pathname}${url.search}` },
    headers: {
      'content-type': 'application/json',
      accept: options.stream ? 'text/event-stream' : 'application/json',
      'user-agent': 'verdict',
      ...options.headers,
      authorization: `Bearer ${options.apiKey}`,
    },
    agent: new Agent({ keepAlive: true, scheduling: 'lifo' }),
    clock: options.clock,
    baseBody: options.baseBody,
    stream: options.stream,
    errors: options.errors,
  };
}

/** One attempt over `node:http`; streaming or not as the candidate asks. */
export async function httpAttempt(call: HttpChatCall, request: CompletionRequest, deadline: AttemptDeadline): Promise<AttemptResult> {
  const body = JSON.stringify({ ...call.baseBody, messages: request.messages });
  const startMs = call.clock.now();
  const response = await send(call, body, deadline);
  if (response.statusCode === undefined || response.statusCode < 200 || response.statusCode >= 300) throw await httpError(call, response);
  return call.stream ? readStream(call, response, startMs) : readJson(call, response, startMs);
}

/** Sends the request; the deadline destroys it (and its response) when it passes. */
function send(call: HttpChatCall, body: string, deadline: AttemptDeadline): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = call.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send({ ...call.target, method: 'POST', agent: call.agent, headers: { ...call.headers, 'content-length': Buffer.byteLength(body) } }, resolve);
    req.on('error', (error) => reject(connectionError(call, error)));
    deadline.onExpire((reason) => req.destroy(reason));
    req.end(body);
  });
}

async function readJson(call: HttpChatCall, response: IncomingMessage, startMs: number): Promise<AttemptResult> {
  const text = await readBody(call, response);
  const latencyMs = call.clock.now() - startMs;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedResponseError('the body is not JSON');
  }
  return answerFromBody(parsed, latencyMs);
}

/** Server-sent events, read by the shared SSE reader (the SDK transport uses the same one). */
function readStream(call: HttpChatCall, response: IncomingMessage, startMs: number): Promise<AttemptResult> {
  const { clock } = call;
  return new Promise((resolve, reject) => {
    const reader = new SseAnswerReader(clock.now() - startMs, call.errors);
    let failed = false;
    response.setEncoding('utf8');
    response.on('data', (piece: string) => {
      if (failed) return;
      try {
        reader.feed(piece, clock.now() - startMs);
      } catch (error) {
        failed = true;
        // Settle first: destroying the response emits `aborted`, which must not win.
        reject(error);
        response.destroy();
      }
    });
    response.on('end', () => {
      if (failed) return;
      try {
        resolve(reader.finish());
      } catch (error) {
        reject(error);
      }
    });
    response.on('error', (error) => reject(connectionError(call, error)));
    response.on('aborted', () => reject(connectionError(call, new Error('connection closed mid-stream'))));
  });
}

function readBody(call: HttpChatCall, response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let bytes = 0;
    response.on('data', (part: Buffer) => {
      bytes += part.length;
      if (bytes > MAX_BODY_BYTES) {
        response.destroy();
        reject(new OutputTooLargeError(MAX_OUTPUT_CHARS));
        return;
      }
      parts.push(part);
    });
    response.on('end', () => resolve(parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8')));
    response.on('error', (error) => reject(connectionError(call, error)));
    response.on('aborted', () => reject(connectionError(call, new Error('connection closed mid-body'))));
  });
}

/** A non-2xx answer as the SDK's own error class (RateLimitError, InternalServerError...), headers kept for Retry-After. */
async function httpError(call: HttpChatCall, response: IncomingMessage): Promise<Error> {
  const text = await readBody(call, response).catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return call.errors.APIError.generate(response.statusCode, parsed as object | undefined, text === '' ? undefined : text, headers);
}

/** A socket-level failure; an abort (our deadline, or the caller) stays an AbortError so it is classified as such. */
function connectionError(call: HttpChatCall, error: Error): Error {
  if (error.name === 'AbortError') return error;
  return new call.errors.APIConnectionError({ cause: error });
}

import type OpenAI from 'openai';
import { CompletionFailure, type VerdictErrorCode } from '../errors/index.ts';
import { isRetryableStatus, parseRetryAfterMs } from './retry-policy.ts';

/** The `openai` package's error classes, handed over after the lazy import. */
export type OpenAIErrorClasses = Pick<
  typeof OpenAI,
  'APIError' | 'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIUserAbortError'
>;

/** Why one attempt failed, and whether another attempt may help. */
export interface AttemptError {
  readonly code: VerdictErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  /** The wait the server asked for (`Retry-After`), when it did. */
  readonly retryAfterMs?: number;
  /** One line for the message; may hold server text, so it is redacted before use. */
  readonly detail: string;
  readonly cause?: unknown;
}

/** An answer longer than the output cap: recorded as an error, not retried (the next answer would be as long). */
export class OutputTooLargeError extends Error {
  override readonly name = 'OutputTooLargeError';
  constructor(readonly capChars: number) {
    super(`the answer is longer than the output cap of ${capChars.toLocaleString('en-US')} characters`);
  }
}

/** The server answered 2xx with something that is not a chat completion. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}

/** What classification needs beyond the error itself. */
export interface ClassifyContext {
  readonly errors: OpenAIErrorClasses;
  /** Our whole-request deadline fired (it also covers a body that stalls after the headers). */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  /** Wall-clock epoch ms, for `Retry-After` given as an HTTP date. */
  readonly nowEpochMs: () => number;
  /** The key in use: removed from server text before it is shortened (a cut key is no longer found). */
  readonly secret?: string | undefined;
}

/**
 * Sorts a failed attempt into a stable code. Retried: 408/409/429/5xx, connection errors and
 * timeouts. Not retried: other 4xx and answers that are not a chat completion (malformed JSON),
 * since repeating the same request would only repeat the failure.
 */
export function classifyAttemptError(error: unknown, context: ClassifyContext): AttemptError {
  const { errors } = context;
  if (context.timedOut || error instanceof errors.APIConnectionTimeoutError) {
    return { code: 'PROVIDER_TIMEOUT', retryable: true, detail: `no complete answer within ${context.timeoutMs} ms` };
  }
  if (error instanceof errors.APIConnectionError || error instanceof errors.APIUserAbortError) {
    return { code: 'PROVIDER_CONNECTION', retryable: true, detail: connectionDetail(error, context.secret), cause: error.cause };
  }
  if (error instanceof errors.APIError) return classifyApiError(error, context);
  if (error instanceof OutputTooLargeError) return { code: 'PROVIDER_OUTPUT_TOO_LARGE', retryable: false, detail: error.message };
  if (error instanceof SyntaxError || error instanceof MalformedResponseError) {
    return { code: 'PROVIDER_RESPONSE', retryable: false, detail: `response is not a valid chat completion (${error.message})`, cause: error };
  }
  if (error instanceof TypeError || (error instanceof Error && error.name === 'AbortError')) {
    // undici reports a socket closed mid-body as `TypeError: terminated`.
    return { code: 'PROVIDER_CONNECTION', retryable: true, detail: connectionDetail(error, context.secret), cause: error };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'PROVIDER_RESPONSE', retryable: false, detail: `unexpected error: ${message}`, cause: error };
}

function classifyApiError(error: InstanceType<OpenAIErrorClasses['APIError']>, context: ClassifyContext): AttemptError {
  const serverMessage = truncate(readServerMessage(error), context.secret);
  if (typeof error.status !== 'number') {
    // An `error` event inside a 200 stream: the server gave up mid-answer.
    return { code: 'PROVIDER_RESPONSE', retryable: false, detail: `error event in the stream: ${serverMessage}` };
  }
  const retryable = isRetryableStatus(error.status);
  return {
    code: 'PROVIDER_HTTP',
    retryable,
    status: error.status,
    retryAfterMs: retryable ? parseRetryAfterMs(error.headers, context.nowEpochMs()) : undefined,
    detail: `HTTP ${error.status}${serverMessage === '' ? '' : ` (${serverMessage})`}`,
  };
}

/** Where the failure happened, for messages: method, endpoint without credentials, candidate. */
export interface FailureSite {
  readonly candidate: string;
  readonly endpoint: string;
  readonly apiKeyEnv: string;
  readonly model: string;
  /** The key in use, scrubbed from every message (some servers echo it back). */
  readonly secret: string | undefined;
}

/**
 * The `CompletionFailure` thrown after the last attempt. The server's own error body is not
 * chained as `cause` (it can quote the key); connection causes are.
 */
export function toCompletionFailure(failure: AttemptError, attempts: number, site: FailureSite): CompletionFailure {
  return completionFailureOf(failure, attempts, { ...site, hint: hintFor(failure, site) });
}

/**
 * The `CompletionFailure` of any HTTP provider after its last attempt: what failed where, how
 * often it was tried, the provider's hint, with `secret` (when there is one) scrubbed.
 */
export function completionFailureOf(
  failure: AttemptError,
  attempts: number,
  site: { readonly candidate: string; readonly endpoint: string; readonly hint: string; readonly secret?: string | undefined },
): CompletionFailure {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const message = `candidate "${site.candidate}": POST ${site.endpoint} failed: ${failure.detail}; gave up after ${tries}${site.hint}`;
  return new CompletionFailure(failure.code, redact(message, site.secret), {
    attempts,
    status: failure.status,
    cause: failure.code === 'PROVIDER_HTTP' ? undefined : failure.cause,
    context: { candidate: site.candidate, endpoint: site.endpoint, status: failure.status },
  });
}

function hintFor(failure: AttemptError, site: FailureSite): string {
  switch (failure.status) {
    case 401:
    case 403:
      return ` (check the key in ${site.apiKeyEnv})`;
    case 404:
      return ` (check the model "${site.model}" and the baseURL)`;
    case 429:
      return ' (rate limited: lower execution.concurrency or raise retries)';
  }
  if (failure.code === 'PROVIDER_TIMEOUT') return ' (raise execution.timeoutMs or check the server)';
  return '';
}

/** Replaces every occurrence of `secret` in `text`. */
export function redact(text: string, secret: string | undefined): string {
  return secret === undefined || secret.length < 4 ? text : text.split(secret).join('[redacted]');
}

function readServerMessage(error: InstanceType<OpenAIErrorClasses['APIError']>): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body !== undefined && body !== null && typeof body.message === 'string') return body.message;
  return error.message.replace(/^\d{3}\s*/, '');
}

/** The innermost cause says what happened (`other side closed, UND_ERR_SOCKET`); the outer ones say "fetch failed". */
function connectionDetail(error: Error, secret: string | undefined): string {
  let root: Error = error;
  for (let depth = 0; depth < 5 && root.cause instanceof Error; depth++) root = root.cause;
  const code = (root as { code?: unknown }).code;
  return `connection failed (${truncate(root.message, secret)}${typeof code === 'string' ? `, ${code}` : ''})`;
}

/** One line of at most `max` characters, the secret removed first (a key cut in half would no longer be found). */
function truncate(text: string, secret: string | undefined, max = 200): string {
  const line = redact(text, secret).replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

import type { CompletionFailure } from '../errors/index.ts';
import { isRetryableStatus } from './retry-policy.ts';
import { completionFailureOf, type AttemptError } from './openai-failure.ts';

/**
 * The HTTP status of each Bedrock exception, for exceptions that arrive inside a ConverseStream
 * (they carry no status of their own) and for messages. From the Bedrock Runtime API reference.
 */
const STATUS_BY_EXCEPTION: Readonly<Record<string, number>> = {
  ThrottlingException: 429,
  ServiceUnavailableException: 503,
  InternalServerException: 500,
  ModelNotReadyException: 429,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ModelStreamErrorException: 424,
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ServiceQuotaExceededException: 400,
};

/**
 * Connection-level error codes from Node's sockets and its HTTP/2 sessions (the client's default
 * transport): another attempt may reach the service.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_STREAM_CANCEL',
]);

/**
 * Sorts a failed Converse attempt into a stable code. Retried: throttling, 5xx, model-not-ready,
 * model timeouts, connection errors and our own deadline. Not retried: validation, access and
 * model errors (424), since the same request would fail the same way.
 */
export function classifyBedrockError(error: unknown, context: { timedOut: boolean; timeoutMs: number }): AttemptError {
  if (context.timedOut) return { code: 'PROVIDER_TIMEOUT', retryable: true, detail: `no complete answer within ${context.timeoutMs} ms` };
  const failure = error as { name?: unknown; message?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } } | undefined;
  const name = typeof failure?.name === 'string' ? failure.name : 'Error';
  const message = truncate(typeof failure?.message === 'string' ? failure.message : String(error));
  const status = typeof failure?.$metadata?.httpStatusCode === 'number' ? failure.$metadata.httpStatusCode : STATUS_BY_EXCEPTION[name];
  if (status !== undefined) {
    return { code: 'PROVIDER_HTTP', retryable: isRetryableStatus(status), status, detail: `HTTP ${status} ${name}${message === '' ? '' : ` (${message})`}` };
  }
  if (isConnectionError(error)) return { code: 'PROVIDER_CONNECTION', retryable: true, detail: `connection failed (${message})`, cause: error };
  return { code: 'PROVIDER_RESPONSE', retryable: false, detail: `unexpected error: ${name}: ${message}`, cause: error };
}

function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return true;
  }
  return false;
}

/** Where a Bedrock call went, for messages. AWS credentials never reach a message. */
export interface BedrockSite {
  readonly candidate: string;
  /** e.g. `https://bedrock-runtime.us-east-1.amazonaws.com/model/<id>/converse`. */
  readonly endpoint: string;
  readonly model: string;
}

/** The `CompletionFailure` thrown after the last attempt, with a hint for the usual fixes. */
export function toBedrockFailure(failure: AttemptError, attempts: number, site: BedrockSite): CompletionFailure {
  return completionFailureOf(failure, attempts, { candidate: site.candidate, endpoint: site.endpoint, hint: hintFor(failure, site) });
}

function hintFor(failure: AttemptError, site: BedrockSite): string {
  switch (failure.status) {
    case 403:
      return ` (check the IAM policy allows bedrock:InvokeModel on "${site.model}" and that model access is enabled)`;
    case 404:
      return ` (check the model id or inference profile "${site.model}" and the region)`;
    case 429:
      return ' (throttled: lower execution.concurrency, raise retries, or request a higher quota)';
  }
  if (failure.code === 'PROVIDER_TIMEOUT') return ' (raise execution.timeoutMs or check the endpoint)';
  return '';
}

function truncate(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

import type { Completion, CompletionRequest, Provider } from '../ports/index.ts';
import { VerdictError } from '../errors/index.ts';
import { AttemptDeadline, completeOnce, streamOnce, type AttemptResult, type ChatCall } from './openai-call.ts';
import { classifyAttemptError, redact, toCompletionFailure, type AttemptError, type FailureSite, type OpenAIErrorClasses } from './openai-failure.ts';
import { backoffDelayMs } from './retry-policy.ts';
import { createHttpChatCall, httpAttempt } from './openai-http.ts';
import { likelihoodOnce, type LikelihoodResult } from './openai-likelihood.ts';
import { tokenCounterFor, type TokenCounter } from './token-count.ts';
import { openaiDefinition, DEFAULT_RETRY_POLICY, stripCredentials, type RetryPolicy, type OpenAIProviderParams } from '../spec/index.ts';
import { defineProvider, type ProviderContext } from './types.ts';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Sent when the key's env var is unset but a baseURL is: local servers ignore the key. */
const PLACEHOLDER_API_KEY = 'not-needed';


/**
 * Any OpenAI-compatible chat-completions endpoint through the official `openai` package.
 * The client's own retries are off (`maxRetries: 0`): this provider retries 408/409/429/5xx,
 * connection errors and timeouts itself, so it can count attempts, honour `Retry-After` on the
 * injected clock and report one `CompletionFailure` at the end.
 *
 * Latency is the successful attempt's, from sending the request to its last byte; the waits
 * of earlier attempts are left out (they are reported as `meta.totalMs`) so back-off does not
 * distort latency percentiles.
 *
 * @example
 * { id: mini, provider: openai, model: gpt-4o-mini, baseURL: "http://localhost:8000/v1", params: { temperature: 0 } }
 */
export const openaiProvider = defineProvider(openaiDefinition, {
  async create(params, context) {
    const site = resolveSite(params, context);
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({
      apiKey: site.apiKey,
      baseURL: params.baseURL ?? DEFAULT_BASE_URL,
      timeout: Math.max(1, Math.ceil(context.timeoutMs)),
      maxRetries: 0,
      defaultHeaders: params.headers,
      // Pinned so the SDK does not read process.env behind the context's back.
      organization: null,
      project: null,
      adminAPIKey: null,
      webhookSecret: null,
      logLevel: 'off',
    });
    const call: ChatCall = {
      client,
      clock: context.clock,
      timeoutMs: context.timeoutMs,
      baseBody: buildBaseBody(params),
      stream: params.stream,
      errors: OpenAI,
    };
    const tokens = params.tokenizer === 'none' ? null : () => tokenCounterFor(params.model, params.tokenizer ?? 'auto')!;
    const http =
      params.transport === 'http'
        ? await createHttpChatCall({ baseURL: params.baseURL ?? DEFAULT_BASE_URL, apiKey: site.apiKey, headers: params.headers, clock: context.clock, baseBody: call.baseBody, stream: params.stream, errors: OpenAI })
        : undefined;
    const attempt = http ? (request: CompletionRequest, deadline: AttemptDeadline) => httpAttempt(http, request, deadline) : undefined;
    const close = http ? () => http.pool.destroy() : undefined;
    return new OpenAIProvider({ id: context.id, call, site, errors: OpenAI, retries: context.retries, policy: params.backoff ?? DEFAULT_RETRY_POLICY, tokens, attempt, close });
  },
});

interface OpenAIProviderOptions {
  readonly id: string;
  readonly call: ChatCall;
  readonly site: FailureSite;
  readonly errors: OpenAIErrorClasses;
  readonly retries: number;
  readonly policy: RetryPolicy;
  /** Fallback token counter for answers without usage and reasoning without a count; null with `tokenizer: none`. */
  readonly tokens: (() => Promise<TokenCounter>) | null;
  /** One attempt over another transport (`transport: http`); the SDK's call when absent. */
  readonly attempt?: (request: CompletionRequest, deadline: AttemptDeadline) => Promise<AttemptResult>;
  /** Releases the transport's sockets. */
  readonly close?: () => Promise<void>;
}

class OpenAIProvider implements Provider {
  readonly id: string;
  readonly #options: OpenAIProviderOptions;
  readonly #attemptOnce: (request: CompletionRequest, deadline: AttemptDeadline) => Promise<AttemptResult>;
  readonly countTokens: ((text: string) => Promise<number>) | undefined;

  constructor(options: OpenAIProviderOptions) {
    this.id = options.id;
    this.#options = options;
    const once = options.call.stream ? streamOnce : completeOnce;
    this.#attemptOnce = options.attempt ?? ((request, deadline) => once(options.call, request, deadline));
    const { tokens } = options;
    this.countTokens = tokens ? async (text) => (await tokens()).count([], text).outputTokens : undefined;
  }

  async close(): Promise<void> {
    await this.#options.close?.();
  }

  async complete(request: CompletionRequest): Promise<Completion> {
    const { call, retries, policy, site } = this.#options;
    const firstStartMs = call.clock.now();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#tryOnce(request);
      if (outcome.ok) {
        const { result } = outcome;
        if (attempt > 1) result.meta.totalMs = call.clock.now() - firstStartMs;
        // A server that echoes the key back must not get it into the result set.
        const text = redact(result.text, site.secret);
        const usage = result.usage ?? (this.#options.tokens && (await this.#options.tokens()).count(request.messages, text));
        // One shape for every completion (absent fields undefined): no spreads on the hot path.
        return {
          logprobs: result.logprobs,
          reasoning: result.reasoning,
          reasoningTokens: result.reasoningTokens,
          countTokens: this.countTokens,
          text,
          latencyMs: result.latencyMs,
          ttftMs: result.ttftMs,
          chunkTimesMs: result.chunkTimesMs,
          usage,
          attempts: attempt,
          meta: result.meta,
          optionLogLikelihoods: (result as Partial<LikelihoodResult>).optionLogLikelihoods,
        };
      }
      const { failure } = outcome;
      if (!failure.retryable || attempt > retries) throw toCompletionFailure(failure, attempt, site);
      await call.clock.sleep(failure.retryAfterMs ?? backoffDelayMs(attempt, policy), request.signal);
    }
  }

  /** One attempt under its own deadline; a caller's abort is rethrown, anything else classified. */
  async #tryOnce(request: CompletionRequest): Promise<{ ok: true; result: AttemptResult } | { ok: false; failure: AttemptError }> {
    const { call, errors } = this.#options;
    const deadline = new AttemptDeadline(call.timeoutMs, request.signal);
    try {
      // Scoring continuations is its own call (the completions API), over the SDK whatever the transport.
      const once = request.continuations ? (r: CompletionRequest, d: AttemptDeadline) => likelihoodOnce(this.#options.call, r, d) : this.#attemptOnce;
      return { ok: true, result: await once(request, deadline) };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      const nowEpochMs = () => Date.parse(call.clock.isoNow());
      return { ok: false, failure: classifyAttemptError(error, { errors, timedOut: deadline.timedOut, timeoutMs: call.timeoutMs, nowEpochMs, secret: this.#options.site.secret }) };
    } finally {
      deadline.clear();
    }
  }
}

/** The key and the failure context, resolved once; a missing key fails before any call. */
function resolveSite(params: OpenAIProviderParams, context: ProviderContext): FailureSite & { apiKey: string } {
  const fromEnv = context.env[params.apiKeyEnv];
  const secret = fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  if (secret === undefined && params.baseURL === undefined) {
    throw new VerdictError(
      'MISSING_SECRET',
      `candidate "${context.id}": environment variable ${params.apiKeyEnv} is not set; ` +
        `export it with your API key, set apiKeyEnv to the variable that holds it, or set baseURL to a server that needs no key`,
      { context: { candidate: context.id, apiKeyEnv: params.apiKeyEnv } },
    );
  }
  return {
    apiKey: secret ?? PLACEHOLDER_API_KEY,
    secret,
    candidate: context.id,
    endpoint: `${stripCredentials(validateBaseURL(params.baseURL ?? DEFAULT_BASE_URL, context.id)).replace(/\/+$/, '')}/chat/completions`,
    apiKeyEnv: params.apiKeyEnv,
    model: params.model,
  };
}

/** The request body minus `messages`, built once: our keys win over the pass-through params. */
function buildBaseBody(params: OpenAIProviderParams): Record<string, unknown> {
  const { stream: _stream, stream_options: streamOptions, ...passThrough } = params.params;
  const body: Record<string, unknown> = { ...passThrough, model: params.model };
  if (params.stream) {
    body.stream = true;
    body.stream_options = { ...(typeof streamOptions === 'object' ? streamOptions : {}), include_usage: true };
  }
  return body;
}

function validateBaseURL(baseURL: string, candidate: string): string {
  if (URL.canParse(baseURL)) return baseURL;
  throw new VerdictError(
    'SPEC_INVALID',
    `candidate "${candidate}": baseURL is not a valid URL; expected something like http://localhost:8000/v1`,
    { context: { candidate } },
  );
}

/** The URL without user:password or query string, either of which can hold a secret. */

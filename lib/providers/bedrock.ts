import type { Completion, CompletionRequest, Provider } from '../ports/index.ts';
import { VerdictError } from '../errors/index.ts';
import { converseOnce, converseStreamOnce, type ConverseCall } from './bedrock-call.ts';
import { classifyBedrockError, toBedrockFailure, type BedrockSite } from './bedrock-failure.ts';
import { splitConverseParams } from './bedrock-request.ts';
import type { AttemptResult } from './chat-answer.ts';
import { AttemptDeadline } from './openai-call.ts';
import type { AttemptError } from './openai-failure.ts';
import { backoffDelayMs } from './retry-policy.ts';
import { bedrockDefinition, DEFAULT_RETRY_POLICY, type RetryPolicy, } from '../spec/index.ts';
import { defineProvider, type ProviderContext } from './types.ts';


/**
 * Any Amazon Bedrock model or inference profile through `@aws-sdk/client-bedrock-runtime`'s
 * Converse (or ConverseStream) API, with the credentials of the SDK's default chain (env vars,
 * profile, SSO, the Lambda role...). The SDK's own retries are off (`maxAttempts: 1`): this
 * provider retries throttling, 5xx and connection errors itself with the same full-jitter back-off
 * as `openai`, so it counts attempts and keeps back-off out of latency.
 *
 * @example
 * { id: haiku, provider: bedrock, model: us.anthropic.claude-3-5-haiku-20241022-v1:0, region: us-east-1, params: { temperature: 0, max_tokens: 64 } }
 */
export const bedrockProvider = defineProvider(bedrockDefinition, {
  async create(params, context) {
    const sdk = await import('@aws-sdk/client-bedrock-runtime');
    const region = params.region ?? nonEmpty(context.env.AWS_REGION) ?? nonEmpty(context.env.AWS_DEFAULT_REGION);
    const client = new sdk.BedrockRuntimeClient({
      ...(region !== undefined && { region }),
      ...(params.endpoint !== undefined && { endpoint: validateEndpoint(params.endpoint, context.id) }),
      maxAttempts: 1,
    });
    const resolvedRegion = await resolveRegion(client, context.id);
    const call: ConverseCall = {
      client,
      commands: sdk,
      clock: context.clock,
      modelId: params.model,
      params: splitConverseParams(params.params),
    };
    const base = params.endpoint ?? `https://bedrock-runtime.${resolvedRegion}.amazonaws.com`;
    const operation = params.stream ? 'converse-stream' : 'converse';
    const site: BedrockSite = { candidate: context.id, model: params.model, endpoint: `${base.replace(/\/+$/, '')}/model/${encodeURIComponent(params.model)}/${operation}` };
    return new BedrockProvider({ id: context.id, call, site, stream: params.stream, context, policy: params.backoff ?? DEFAULT_RETRY_POLICY });
  },
});

interface BedrockProviderOptions {
  readonly id: string;
  readonly call: ConverseCall;
  readonly site: BedrockSite;
  readonly stream: boolean;
  readonly context: ProviderContext;
  readonly policy: RetryPolicy;
}

class BedrockProvider implements Provider {
  readonly id: string;
  readonly #options: BedrockProviderOptions;

  constructor(options: BedrockProviderOptions) {
    this.id = options.id;
    this.#options = options;
  }

  async close(): Promise<void> {
    this.#options.call.client.destroy();
  }

  async complete(request: CompletionRequest): Promise<Completion> {
    const { call, context, policy, site } = this.#options;
    const firstStartMs = call.clock.now();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#tryOnce(request);
      if (outcome.ok) {
        const { result } = outcome;
        const meta = attempt > 1 ? { ...result.meta, totalMs: call.clock.now() - firstStartMs } : result.meta;
        return { ...result, attempts: attempt, meta };
      }
      const { failure } = outcome;
      if (!failure.retryable || attempt > context.retries) throw toBedrockFailure(failure, attempt, site);
      await call.clock.sleep(backoffDelayMs(attempt, policy), request.signal);
    }
  }

  async #tryOnce(request: CompletionRequest): Promise<{ ok: true; result: AttemptResult } | { ok: false; failure: AttemptError }> {
    const { call, context, stream } = this.#options;
    const deadline = new AttemptDeadline(context.timeoutMs, request.signal);
    try {
      const once = stream ? converseStreamOnce : converseOnce;
      return { ok: true, result: await once(call, request, deadline.controller.signal) };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      return { ok: false, failure: classifyBedrockError(error, { timedOut: deadline.timedOut, timeoutMs: context.timeoutMs }) };
    } finally {
      deadline.clear();
    }
  }
}

/** The region the client will use; none anywhere fails before any call, with the fix. */
async function resolveRegion(client: { config: { region: () => Promise<string> } }, candidate: string): Promise<string> {
  try {
    return await client.config.region();
  } catch (error) {
    throw new VerdictError(
      'SPEC_INVALID',
      `candidate "${candidate}": no AWS region; set region: in the candidate or export AWS_REGION`,
      { cause: error, context: { candidate } },
    );
  }
}

function validateEndpoint(endpoint: string, candidate: string): string {
  if (URL.canParse(endpoint)) return endpoint;
  throw new VerdictError('SPEC_INVALID', `candidate "${candidate}": endpoint is not a valid URL; expected something like https://bedrock-runtime.us-east-1.amazonaws.com`, {
    context: { candidate },
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

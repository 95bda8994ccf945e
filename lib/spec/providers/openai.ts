import { z } from 'zod';
import { DEFAULT_RETRY_POLICY } from './backoff.ts';
import { defineProviderDefinition } from './definition.ts';

/** Which BPE a tokenizer fallback uses; `auto` picks it from the model name. */
export const TOKENIZER_CHOICES = ['auto', 'o200k_base', 'cl100k_base', 'none'] as const;
export type TokenizerChoice = (typeof TOKENIZER_CHOICES)[number];

// Headers the HTTP client owns (framing, routing, the keep-alive pool): undici refuses them at
// request time, which would read as a connection error and be retried, so the spec refuses them.
const TRANSPORT_OWNED_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect']);
// RFC 9110 §5.6.2 token characters; a value may not hold CR, LF or NUL (header injection).
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;

function checkRequestHeaders(headers: Record<string, string>, context: z.RefinementCtx): void {
  for (const [name, value] of Object.entries(headers)) {
    const problem = !HEADER_NAME.test(name)
      ? 'is not a valid HTTP header name'
      : TRANSPORT_OWNED_HEADERS.has(name.toLowerCase())
        ? 'is set by the HTTP client itself and cannot be given'
        : !HEADER_VALUE.test(value)
          ? 'has a value with a line break or NUL'
          : undefined;
    // verbatim: the message never echoes the value, which may be a key (`Authorization`).
    if (problem) context.addIssue({ code: 'custom', path: [name], message: `header "${name}" ${problem}`, params: { verbatim: true } });
  }
}

/** Parameters of an `openai` candidate. Unknown keys are errors. */
export const OpenAIProviderParamsSchema = z.strictObject({
  model: z.string().min(1),
  /** Any OpenAI-compatible endpoint; '' (an unset `${ENV}`) means the OpenAI API. */
  baseURL: z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  /** The name of the env var holding the key; the key itself never appears in a spec. */
  apiKeyEnv: z.string().min(1).default('OPENAI_API_KEY'),
  /** Passed through to the request body: temperature, max_tokens, seed, top_p, stop... */
  params: z.record(z.string(), z.unknown()).default({}),
  stream: z.boolean().default(false),
  headers: z.record(z.string(), z.string()).superRefine(checkRequestHeaders).optional(),
  label: z.string().optional(),
  /**
   * Counts tokens locally when the server sends no usage (recorded as `usage.source: 'tokenizer'`):
   * `auto` picks the BPE from the model name; `none` leaves usage null. @default auto
   */
  tokenizer: z.enum(TOKENIZER_CHOICES).optional(),
  /**
   * `sdk` (default): the official `openai` client. `http`: a lean keep-alive `node:http` transport
   * with the same wire format, errors and retries, several times cheaper per request (docs/performance.md).
   */
  transport: z.enum(['sdk', 'http']).optional(),
  /**
   * `completions-echo`: the endpoint can score given text (prompt log-probabilities through
   * `/completions` with `echo`: vLLM, llama.cpp's server, OpenAI's davinci-002/babbage-002), so the
   * candidate can run scorers that need per-option log-likelihoods (`mc2`). Chat APIs cannot.
   */
  logLikelihoods: z.literal('completions-echo').optional(),
  /** Back-off between retries. @default { baseMs: 250, capMs: 20000 } */
  backoff: z
    .strictObject({
      baseMs: z.number().nonnegative().default(DEFAULT_RETRY_POLICY.baseMs),
      capMs: z.number().nonnegative().default(DEFAULT_RETRY_POLICY.capMs),
    })
    .optional(),
});
export type OpenAIProviderParams = z.infer<typeof OpenAIProviderParamsSchema>;

/** Any OpenAI-compatible chat-completions endpoint; the client is lib/providers/openai.ts. */
export const openaiDefinition = defineProviderDefinition({
  id: 'openai',
  description: 'Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, LiteLLM...)',
  kind: 'model',
  params: OpenAIProviderParamsSchema,
  scoresContinuations: (params) => params.logLikelihoods === 'completions-echo',
  describe(params) {
    const described: Record<string, unknown> = { ...params };
    if (params.baseURL !== undefined) described.baseURL = stripCredentials(params.baseURL);
    if (params.headers !== undefined) {
      // Header values often carry keys (`api-key`, `Authorization`): record the names only.
      described.headers = Object.fromEntries(Object.keys(params.headers).map((name) => [name, '[redacted]']));
    }
    return described;
  },
});

/** A URL without user, password, query or fragment: safe to record and to show in errors. */
export function stripCredentials(url: string): string {
  if (!URL.canParse(url)) return '[invalid URL]';
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

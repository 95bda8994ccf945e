import type { ChatMessage } from '../results/index.ts';

/** The Converse request body minus `modelId`, as the SDK's `ConverseCommand` takes it. */
export interface ConverseBody {
  readonly messages: { role: 'user' | 'assistant'; content: { text: string }[] }[];
  readonly system?: { text: string }[];
  readonly inferenceConfig?: InferenceConfig;
  readonly additionalModelRequestFields?: Record<string, unknown>;
}

/** Converse's model-independent inference parameters. */
export interface InferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

/**
 * Spec param names (either the OpenAI spelling or Converse's) → Converse `inferenceConfig` keys.
 * Everything else is model-specific and goes to `additionalModelRequestFields` unchanged
 * (e.g. `top_k` for Anthropic models), so every param the spec names reaches the model.
 */
const INFERENCE_KEYS: Readonly<Record<string, keyof InferenceConfig>> = {
  maxTokens: 'maxTokens',
  max_tokens: 'maxTokens',
  temperature: 'temperature',
  topP: 'topP',
  top_p: 'topP',
  stopSequences: 'stopSequences',
  stop: 'stopSequences',
};

/** The parts of a Converse request fixed per candidate: inference config and model fields. */
export interface ConverseParams {
  readonly inferenceConfig?: InferenceConfig;
  readonly additionalModelRequestFields?: Record<string, unknown>;
}

/**
 * Splits a candidate's `params` into Converse's `inferenceConfig` and the model-specific rest.
 *
 * @example
 * splitConverseParams({ temperature: 0, max_tokens: 64, top_k: 5 })
 * // { inferenceConfig: { temperature: 0, maxTokens: 64 }, additionalModelRequestFields: { top_k: 5 } }
 */
export function splitConverseParams(params: Readonly<Record<string, unknown>>): ConverseParams {
  const inferenceConfig: Record<string, unknown> = {};
  const additional: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const mapped = INFERENCE_KEYS[key];
    if (mapped === undefined) additional[key] = value;
    else inferenceConfig[mapped] = mapped === 'stopSequences' && typeof value === 'string' ? [value] : value;
  }
  return {
    ...(Object.keys(inferenceConfig).length > 0 && { inferenceConfig: inferenceConfig as InferenceConfig }),
    ...(Object.keys(additional).length > 0 && { additionalModelRequestFields: additional }),
  };
}

/**
 * Chat messages → a Converse body: system messages become the `system` blocks (Converse keeps
 * them apart from the turns), the rest become text content blocks in order.
 */
export function buildConverseBody(messages: readonly ChatMessage[], params: ConverseParams): ConverseBody {
  const system = messages.filter((message) => message.role === 'system').map((message) => ({ text: message.content }));
  const turns = messages
    .filter((message): message is ChatMessage & { role: 'user' | 'assistant' } => message.role !== 'system')
    .map((message) => ({ role: message.role, content: [{ text: message.content }] }));
  return { messages: turns, ...(system.length > 0 && { system }), ...params };
}

/**
 * Providers: the models, recordings and controls a run asks for answers. Import from here only.
 */
export { providerRegistry, providerIds, isProviderId, getProviderDefinition, type ProviderId } from './registry.ts';
export { defineProvider, type ProviderDefinition, type ProviderContext } from './types.ts';
export { openaiProvider, OpenAIProviderParamsSchema, type OpenAIProviderParams } from './openai.ts';
export { bedrockProvider, BedrockProviderParamsSchema, type BedrockProviderParams } from './bedrock.ts';
export { replayProvider, ReplayProviderParamsSchema, type ReplayProviderParams } from './replay.ts';
export { controlProvider, ControlProviderParamsSchema, CONTROL_KINDS, type ControlKind, type ControlProviderParams } from './control.ts';
export { DEFAULT_RETRY_POLICY, backoffDelayMs, parseRetryAfterMs, isRetryableStatus, type RetryPolicy } from './retry-policy.ts';
export { systemClock } from './system-clock.ts';
export { createJudgeControl, JudgeControlParamsSchema, JUDGE_CONTROL_KINDS, type JudgeControlKind } from './control-judge.ts';

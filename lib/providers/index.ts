/**
 * Providers: the models, recordings and controls a run asks for answers. Import from here only.
 */
export { providerRegistry, getProvider } from './registry.ts';
export { openaiProvider } from './openai.ts';
export { bedrockProvider } from './bedrock.ts';
export { replayProvider } from './replay.ts';
export { controlProvider } from './control.ts';
export { backoffDelayMs, parseRetryAfterMs, isRetryableStatus, MAX_RETRY_AFTER_MS } from './retry-policy.ts';
export { systemClock } from './system-clock.ts';
export { createJudgeControl } from './control-judge.ts';

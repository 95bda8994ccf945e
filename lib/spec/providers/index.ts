import { VerdictError } from '../../errors/index.ts';
import { bedrockDefinition } from './bedrock.ts';
import { controlDefinition } from './control.ts';
import type { ProviderDefinition } from './definition.ts';
import { openaiDefinition } from './openai.ts';
import { replayDefinition } from './replay.ts';

export type { ProviderDefinition } from './definition.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.ts';
export { openaiDefinition, stripCredentials, type OpenAIProviderParams, type TokenizerChoice } from './openai.ts';
export { bedrockDefinition } from './bedrock.ts';
export { replayDefinition } from './replay.ts';
export { controlDefinition, JudgeControlParamsSchema, JUDGE_CONTROL_KINDS, type ControlKind, type JudgeControlKind } from './control.ts';

/**
 * Every provider type's definition, by the id a spec names in `provider:`. lib/providers pairs
 * each with its factory (`providerRegistry`), and a test checks the two hold the same ids.
 */
export const providerDefinitions = {
  openai: openaiDefinition,
  replay: replayDefinition,
  control: controlDefinition,
  bedrock: bedrockDefinition,
} satisfies Record<string, ProviderDefinition>;

/** A provider id a spec may name: `openai`, `replay`, `control` or `bedrock`. */
export type ProviderId = keyof typeof providerDefinitions;

/** The ids a spec may name, in registry order. */
export const providerIds = Object.keys(providerDefinitions) as ProviderId[];

/** True when `id` names a registered provider. */
export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(providerDefinitions, id);
}

/**
 * The definition for `id`.
 *
 * @throws VerdictError `UNKNOWN_PROVIDER`, listing the known ids.
 * @example
 * getProviderDefinition('control').params.parse({ kind: 'oracle' })
 */
export function getProviderDefinition(id: string): ProviderDefinition {
  if (isProviderId(id)) return providerDefinitions[id] as unknown as ProviderDefinition;
  throw new VerdictError('UNKNOWN_PROVIDER', `unknown provider "${id}"; known: ${providerIds.join(', ')}`, {
    context: { provider: id, known: providerIds },
  });
}

import { VerdictError } from '../errors/index.ts';
import { bedrockProvider } from './bedrock.ts';
import { controlProvider } from './control.ts';
import { openaiProvider } from './openai.ts';
import { replayProvider } from './replay.ts';
import type { ProviderDefinition } from './types.ts';

/**
 * Every provider type, by the id a spec names in `provider:`. A definition loads its SDK only
 * inside `create`, so importing the registry (to validate a spec) stays cheap.
 */
export const providerRegistry = {
  openai: openaiProvider,
  replay: replayProvider,
  control: controlProvider,
  bedrock: bedrockProvider,
} satisfies Record<string, ProviderDefinition<any>>;

/** A provider id a spec may name: `openai`, `replay`, `control` or `bedrock`. */
export type ProviderId = keyof typeof providerRegistry;

/** The ids a spec may name, in registry order. */
export const providerIds = Object.keys(providerRegistry) as ProviderId[];

/** True when `id` names a registered provider. */
export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(providerRegistry, id);
}

/**
 * The definition for `id`.
 *
 * @throws VerdictError `UNKNOWN_PROVIDER`, listing the known ids.
 * @example
 * getProviderDefinition('control').params.parse({ kind: 'oracle' })
 */
export function getProviderDefinition(id: string): ProviderDefinition {
  if (isProviderId(id)) return providerRegistry[id] as unknown as ProviderDefinition;
  throw new VerdictError('UNKNOWN_PROVIDER', `unknown provider "${id}"; known: ${providerIds.join(', ')}`, {
    context: { provider: id, known: providerIds },
  });
}

import { getProviderDefinition, type ProviderId } from '../spec/index.ts';
import { bedrockProvider } from './bedrock.ts';
import { controlProvider } from './control.ts';
import { openaiProvider } from './openai.ts';
import { replayProvider } from './replay.ts';
import type { RegisteredProvider } from './types.ts';

/**
 * Every provider type with its factory, by the id a spec names in `provider:` (the definitions
 * alone are lib/spec's `providerDefinitions`). A factory loads its SDK only inside `create`.
 */
export const providerRegistry = {
  openai: openaiProvider,
  replay: replayProvider,
  control: controlProvider,
  bedrock: bedrockProvider,
} satisfies Record<ProviderId, RegisteredProvider>;

/**
 * The provider type for `id`, factory included.
 *
 * @throws VerdictError `UNKNOWN_PROVIDER`, listing the known ids.
 */
export function getProvider(id: string): RegisteredProvider {
  getProviderDefinition(id);
  return providerRegistry[id as ProviderId] as unknown as RegisteredProvider;
}

import type { z } from 'zod';

/**
 * What a spec needs to know about a provider type: its id, params schema and metadata. The
 * factory that makes calls (SDKs, `node:http`, files) lives in lib/providers, so validating a
 * spec never loads it. `kind` tells reports apart: `control` candidates are reference points
 * (oracle, echo, chance, stereotype) and are never presented as models.
 */
export interface ProviderDefinition<Params extends z.ZodObject = z.ZodObject> {
  readonly id: string;
  readonly description: string;
  readonly kind: 'model' | 'replay' | 'control';
  readonly params: Params;
  /** Whether a candidate with these params can score given continuations (`CompletionRequest.continuations`); no when absent. */
  scoresContinuations?(params: z.infer<Params>): boolean;
  /** The params safe to record in the manifest (no secrets); defaults to all params. */
  describe?(params: z.infer<Params>): Record<string, unknown>;
}

/** Defines a provider type with its parameter type inferred from the schema. */
export function defineProviderDefinition<Params extends z.ZodObject>(definition: ProviderDefinition<Params>): ProviderDefinition<Params> {
  return definition;
}

import type { z } from 'zod';
import type { Clock, Provider } from '../engine/ports.ts';

/** What a provider factory may use: never `process.env` directly, so tests control it. */
export interface ProviderContext {
  /** The candidate id from the spec. */
  readonly id: string;
  /** Folder of the spec file; relative paths in params resolve against it. */
  readonly baseDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly retries: number;
}

/**
 * A provider type. `kind` tells reports apart: `control` candidates are reference points
 * (oracle, echo, chance, stereotype) and are never presented as models.
 * SDKs load lazily inside `create`, so validating a spec never imports them.
 */
export interface ProviderDefinition<Params extends z.ZodObject = z.ZodObject> {
  readonly id: string;
  readonly description: string;
  readonly kind: 'model' | 'replay' | 'control';
  readonly params: Params;
  create(params: z.infer<Params>, context: ProviderContext): Promise<Provider>;
  /** Whether a candidate with these params can score given continuations (`CompletionRequest.continuations`); no when absent. */
  scoresContinuations?(params: z.infer<Params>): boolean;
  /** The params safe to record in the manifest (no secrets); defaults to all params. */
  describe?(params: z.infer<Params>): Record<string, unknown>;
}

/** Defines a provider with its parameter type inferred from the schema. */
export function defineProvider<Params extends z.ZodObject>(definition: ProviderDefinition<Params>): ProviderDefinition<Params> {
  return definition;
}

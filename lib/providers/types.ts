import type { z } from 'zod';
import type { Clock, Provider } from '../ports/index.ts';
import type { ProviderDefinition } from '../spec/index.ts';

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

/** What a run needs of a provider type: the factory that makes its calls (SDKs load inside it). */
export interface ProviderFactory<Params extends z.ZodObject = z.ZodObject> {
  create(params: z.infer<Params>, context: ProviderContext): Promise<Provider>;
}

/** A provider type: its definition (lib/spec, what a spec needs) and its factory (what a run needs). */
export type RegisteredProvider<Params extends z.ZodObject = z.ZodObject> = ProviderDefinition<Params> & ProviderFactory<Params>;

/** Pairs a provider definition with its factory, the params type flowing from the definition's schema. */
export function defineProvider<Params extends z.ZodObject>(definition: ProviderDefinition<Params>, factory: ProviderFactory<Params>): RegisteredProvider<Params> {
  return { ...definition, ...factory };
}

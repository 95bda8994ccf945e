import { z } from 'zod';
import { RunDescriptionSchema } from './run-description.ts';

export const MANIFEST_SCHEMA_VERSION = 1;

/** A shard: a fixed, deterministic slice of the plan's work items. */
export const ShardSchema = z.object({
  id: z.string(),
  /** Index of the shard's first work item in the plan. */
  start: z.number().int().nonnegative(),
  /** Number of work items in the shard. */
  size: z.number().int().positive(),
});
export type Shard = z.infer<typeof ShardSchema>;

/**
 * manifest.json: what was asked. Everything needed to audit and reproduce the run,
 * and never a secret (API keys are named by their environment variable, not stored).
 */
export const ManifestSchema = z.looseObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  runId: z.string(),
  createdAt: z.string(),
  spec: z.object({
    name: z.string(),
    path: z.string(),
    sha256: z.string(),
    /** Absolute folder of the spec file, which its relative paths (datasets, baselines) resolve against. */
    baseDir: z.string().optional(),
    /** The spec as loaded, after `${ENV}` interpolation (secrets are never interpolated into it). */
    resolved: z.record(z.string(), z.unknown()),
    /** A candidates file whose candidates were added to the spec's (`--candidates`), and its SHA-256. */
    candidatesFile: z.object({ path: z.string(), sha256: z.string() }).optional(),
  }),
  dataset: z.object({
    paths: z.array(z.string()),
    format: z.string(),
    sha256: z.string(),
    count: z.number().int().nonnegative(),
    sampleIds: z.array(z.string()),
  }),
  candidates: z.array(z.looseObject({ id: z.string(), provider: z.string() })),
  scorers: z.array(z.looseObject({ id: z.string(), type: z.string() })),
  plan: z.object({
    items: z.number().int().nonnegative(),
    repeats: z.number().int().positive(),
    shardSize: z.number().int().positive(),
    shards: z.array(ShardSchema),
  }),
  /** How the run was carried out (settings with overrides, load, gates...); absent in manifests written before it (see `runDescriptionOf`). */
  run: RunDescriptionSchema.optional(),
  versions: z.looseObject({ verdict: z.string(), node: z.string() }),
  git: z.object({
    commit: z.string().nullable(),
    dirty: z.boolean().nullable(),
    /** Why `commit` is null: git is not installed, not in a git repository, or the repository has no commits yet. */
    reason: z.string().optional(),
  }),
  /**
   * Cloud runs: shards run at once (the Distributed Map's MaxConcurrency) and each worker's share
   * of every candidate's `rateLimit`, so that the workers together stay within the provider's limit.
   */
  cloud: z
    .object({
      workers: z.number().int().positive(),
      rateLimits: z.record(z.string(), z.object({ rpm: z.number().positive().optional(), tpm: z.number().positive().optional(), concurrency: z.number().int().positive().optional() })),
    })
    .optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

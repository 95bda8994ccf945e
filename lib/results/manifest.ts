import { z } from 'zod';
import { RunDescriptionSchema } from './run-description.ts';
import { SandboxIsolationSchema } from './sandbox-isolation.ts';

/**
 * The manifest.json format version; see docs/architecture.md "Result-set contract" for when it
 * changes. 2 added `cloud.judgeRateLimits`, 3 `run.execution.overrides.workers`.
 */
export const MANIFEST_SCHEMA_VERSION = 3;

/** A provider's rate limit, or one worker's share of it. */
const RateLimitShareSchema = z.strictObject({ rpm: z.number().positive().optional(), tpm: z.number().positive().optional(), concurrency: z.number().int().positive().optional() });

/** A shard: a fixed, deterministic slice of the plan's work items. */
export const ShardSchema = z.strictObject({
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
/**
 * A candidate as the manifest records it (lib/run/prepare-run.ts): id, provider, kind, its
 * limits and price, and the provider's params as its definition describes them — never a secret.
 */
export const ManifestCandidateSchema = z.strictObject({
  id: z.string(),
  provider: z.string(),
  /** Absent in manifests written before candidates had kinds; read as `model`. */
  kind: z.enum(['model', 'control', 'replay']).optional(),
  concurrency: z.number().int().positive().optional(),
  price: z.strictObject({ inputPerMTokUsd: z.number().nonnegative(), outputPerMTokUsd: z.number().nonnegative() }).optional(),
  rateLimit: RateLimitShareSchema.optional(),
  /** Provider params are the provider's own (validated by its params schema when the run starts). */
  params: z.record(z.string(), z.unknown()).optional(),
});

/** A scorer as the manifest records it: id, type and its params (validated by the scorer's params schema). */
export const ManifestScorerSchema = z.strictObject({ id: z.string(), type: z.string(), params: z.record(z.string(), z.unknown()).optional() });

export const ManifestSchema = z.strictObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  runId: z.string(),
  createdAt: z.string(),
  spec: z.strictObject({
    name: z.string(),
    path: z.string(),
    sha256: z.string(),
    /** Absolute folder of the spec file, which its relative paths (datasets, baselines) resolve against. */
    baseDir: z.string().optional(),
    /** The spec as loaded, after `${ENV}` interpolation (secrets are never interpolated into it). */
    resolved: z.record(z.string(), z.unknown()),
    /** A candidates file whose candidates were added to the spec's (`--candidates`), and its SHA-256. */
    candidatesFile: z.strictObject({ path: z.string(), sha256: z.string() }).optional(),
  }),
  dataset: z.strictObject({
    paths: z.array(z.string()),
    format: z.string(),
    sha256: z.string(),
    count: z.number().int().nonnegative(),
    sampleIds: z.array(z.string()),
  }),
  candidates: z.array(ManifestCandidateSchema),
  scorers: z.array(ManifestScorerSchema),
  plan: z.strictObject({
    items: z.number().int().nonnegative(),
    repeats: z.number().int().positive(),
    shardSize: z.number().int().positive(),
    shards: z.array(ShardSchema),
  }),
  /** How the run was carried out (settings with overrides, load, gates...); absent in manifests written before it (see `runDescriptionOf`). */
  run: RunDescriptionSchema.optional(),
  /** Versions of Verdict, Node and (when installed) the openai client that ran it. */
  versions: z.strictObject({ verdict: z.string(), node: z.string(), openai: z.string().optional() }),
  git: z.strictObject({
    commit: z.string().nullable(),
    dirty: z.boolean().nullable(),
    /** Why `commit` is null: git is not installed, not in a git repository, or the repository has no commits yet. */
    reason: z.string().optional(),
  }),
  /** The isolation the run's code sandbox achieved, when its scorers run code. */
  sandbox: SandboxIsolationSchema.optional(),
  /**
   * Cloud runs: shards run at once (the Distributed Map's MaxConcurrency) and each worker's share
   * of every candidate's and judge's `rateLimit`, so that the workers together stay within the
   * provider's limit.
   */
  cloud: z
    .strictObject({
      workers: z.number().int().positive(),
      rateLimits: z.record(z.string(), RateLimitShareSchema),
      /** By judge id (a `judges:` id, or an inline judge's spec key); absent in manifests of version 1, whose workers applied each judge's whole limit. */
      judgeRateLimits: z.record(z.string(), RateLimitShareSchema).optional(),
    })
    .optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

import { z } from 'zod';

/** One load level: a closed loop at `concurrency` requests in flight, or an open loop at `rate` arrivals/s. */
export const LoadLevelSchema = z
  .object({
    index: z.number().int().nonnegative(),
    mode: z.enum(['closed', 'open']),
    concurrency: z.number().int().positive().optional(),
    rate: z.number().positive().optional(),
    /** Short label for tables and charts: `c=16` or `rate=8/s`. */
    label: z.string(),
  })
  .strict();
export type LoadLevel = z.infer<typeof LoadLevelSchema>;

/** The run's load: its levels in run order, the warm-up per level, and what a sweep varies. */
export const LoadPatternSchema = z
  .object({
    levels: z.array(LoadLevelSchema).min(1),
    /** Requests per model candidate sent before each level's measured requests, then discarded. */
    warmup: z.number().int().nonnegative(),
    /** What the sweep varies; absent for a single level. */
    sweepOver: z.enum(['concurrency', 'rate']).optional(),
    /** Repeats per level (the spec's `repeats`); level k owns repeats [k·R, (k+1)·R). */
    repeatsPerLevel: z.number().int().positive(),
  })
  .strict();
export type LoadPattern = z.infer<typeof LoadPatternSchema>;

/** The execution settings the run used: the spec's, with the command-line overrides applied. */
export const RunExecutionSchema = z
  .object({
    concurrency: z.number().int().positive(),
    timeoutMs: z.number().int().positive(),
    retries: z.number().int().nonnegative(),
    repeats: z.number().int().positive(),
    shardSize: z.number().int().positive().optional(),
    seed: z.number().int(),
    maxCostUsd: z.number().positive().optional(),
    maxTokens: z.number().int().positive().optional(),
    workers: z.number().int().positive().optional(),
    /**
     * The settings a command-line flag changed, with the values used: `--concurrency` (`workers`
     * with `--cloud`, where it is the number of shards in flight), `--max-cost`.
     */
    overrides: z
      .object({ concurrency: z.number().int().positive().optional(), maxCostUsd: z.number().positive().optional(), workers: z.number().int().positive().optional() })
      .strict(),
  })
  .strict();
export type RunExecution = z.infer<typeof RunExecutionSchema>;

/**
 * The response cache the run used: the spec's `cache:` with `--no-cache` / `--cache-dir` applied.
 * `dir` is the spec's `dir` (relative to the spec file) or `--cache-dir` (relative to the working
 * directory, and then listed in `overrides`); absent for the default `.verdict-cache`.
 */
export const RunCacheSchema = z
  .object({
    mode: z.enum(['auto', 'on', 'off']),
    dir: z.string().min(1).optional(),
    overrides: z.object({ enabled: z.literal(false).optional(), dir: z.string().min(1).optional() }).strict(),
  })
  .strict();
export type RunCacheSettings = z.infer<typeof RunCacheSchema>;

/**
 * A judge the run's `judge` scorers call, as recorded: created like a candidate from these facts
 * (its provider params as `describe` leaves them: no secret), with its own concurrency cap,
 * price and rate limit.
 */
export const JudgeDescriptionSchema = z
  .object({
    /** The `judges:` id, or an inline judge's spec key (`<scorer>.judge`, `<scorer>.judges.<i>`). */
    id: z.string(),
    provider: z.string(),
    kind: z.enum(['model', 'replay', 'control']),
    concurrency: z.number().int().positive().optional(),
    price: z.object({ inputPerMTokUsd: z.number().nonnegative(), outputPerMTokUsd: z.number().nonnegative() }).optional(),
    rateLimit: z.object({ rpm: z.number().positive().optional(), tpm: z.number().positive().optional(), concurrency: z.number().int().positive().optional() }).optional(),
    params: z.record(z.string(), z.unknown()),
    /** Candidates of the run that are the same model (their judged answers are flagged: self-preference). */
    sameModelAs: z.array(z.string()),
    /** The `judge` scorers that call it. */
    scorers: z.array(z.string()).min(1),
  })
  .strict();
export type JudgeDescription = z.infer<typeof JudgeDescriptionSchema>;

/**
 * manifest.json `run`: how the run was carried out, computed once from the spec and the command
 * line (`describeRun`) and read by every later stage (executors, workers, aggregation, `gate`,
 * `compare`, the report) instead of the raw spec. The candidates, scorers and plan it goes with
 * stay where older readers find them (`manifest.candidates`, `scorers`, `plan`).
 *
 * Gates, comparisons, SLOs and calibration are validated by the spec schema when the run starts;
 * here they are only required to be objects (this module sits below `lib/spec`).
 */
export const RunDescriptionSchema = z
  .object({
    execution: RunExecutionSchema,
    load: LoadPatternSchema,
    /** Absent in manifests written before the cache settings were recorded. */
    cache: RunCacheSchema.optional(),
    gates: z.array(z.looseObject({ metric: z.string() })),
    comparisons: z.array(z.object({ a: z.string(), b: z.string() }).strict()).optional(),
    /** The baseline reference of baseline gates, as the spec gives it (a run folder, `latest`, `s3://`). */
    baseline: z.string().optional(),
    slo: z.record(z.string(), z.number()).optional(),
    calibration: z.record(z.string(), z.unknown()).optional(),
    /** The judges of model-graded scorers; absent in manifests written before judges were recorded. */
    judges: z.array(JudgeDescriptionSchema).optional(),
  })
  .strict();
export type StoredRunDescription = z.infer<typeof RunDescriptionSchema>;

import { z } from 'zod';

/**
 * `runs/<id>/input/request.json`: what `verdict run --cloud` uploaded. The spec travels as its
 * exact text (so its SHA-256 is the same as on the submitter's machine) together with the values
 * of the `${VAR}` references it makes (never secrets: the spec loader refuses secret-looking
 * names), and the files it reads (dataset, replays) at their paths relative to `root`.
 */
export const RunInputSchema = z
  .object({
    schemaVersion: z.literal(1),
    runId: z.string(),
    submittedAt: z.string(),
    spec: z.object({
      /** The spec path as the submitter gave it (for the manifest). */
      path: z.string(),
      /** The spec's path relative to the input root, e.g. `evals/demo.yaml`. */
      key: z.string(),
      sha256: z.string(),
    }),
    /** Values of the `${VAR}` references in the spec, from the submitter's environment. */
    env: z.record(z.string(), z.string()),
    /** Files under the input root the spec reads (dataset files, replay files). */
    files: z.array(z.string()),
    /** The dataset paths as the submitter saw them (for the manifest). */
    datasetPaths: z.array(z.string()),
    candidateIds: z.array(z.string()).optional(),
    limit: z.number().int().positive().optional(),
    /** `--no-cache`: the workers neither read nor write the shared response cache, whatever the spec's `cache:` says. */
    noCache: z.literal(true).optional(),
    /** `--concurrency` with `--cloud`: shards in flight (the map's MaxConcurrency), overriding `execution.workers`. */
    workers: z.number().int().positive().max(10_000).optional(),
    versions: z.looseObject({ verdict: z.string(), node: z.string() }),
    git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
  })
  .strict();
export type RunInput = z.infer<typeof RunInputSchema>;

/** Keys of a run's input, relative to the store prefix (`runs/`). */
export const inputLayout = {
  request: (runId: string) => `${runId}/input/request.json`,
  file: (runId: string, relative: string) => `${runId}/input/files/${relative}`,
  /** The Distributed Map's items: `[{ id, start, size }]` per planned shard, written by Prepare. */
  shardIndex: (runId: string) => `${runId}/shards.json`,
  /** Where the Distributed Map's ResultWriter puts the children's results (`<map run>/manifest.json`, `SUCCEEDED_0.json`...). */
  mapResults: (runId: string) => `${runId}/map-results`,
} as const;

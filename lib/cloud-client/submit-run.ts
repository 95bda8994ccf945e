import type { LoadedDataset } from '../datasets/index.ts';
import { gitProvenance, harnessVersions, specRelativePaths } from '../run/index.ts';
import type { LoadedSpec } from '../spec/index.ts';
import type { S3ResultStore } from '../store/index.ts';
import { collectRunInput, uploadRunInput } from '../cloud-input/index.ts';

/** What `verdict run --cloud` submits. */
export interface SubmitRunOptions {
  readonly store: S3ResultStore;
  readonly runId: string;
  readonly loaded: LoadedSpec;
  readonly dataset: LoadedDataset;
  readonly candidateIds?: readonly string[];
  readonly limit?: number;
  /** `--concurrency` with `--cloud`: shards in flight (the map's MaxConcurrency), instead of `execution.workers`. */
  readonly workers?: number;
  /** `--no-cache`: the workers skip the shared response cache. */
  readonly noCache?: boolean;
  /** The submitter's environment, for the spec's `${VAR}` references. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: string;
}

/** Uploads the spec, its files and request.json to `runs/<id>/input/`. */
export async function submitRunInput(options: SubmitRunOptions): Promise<void> {
  const collected = await collectRunInput(options.loaded, options.env);
  await uploadRunInput(
    options.store,
    {
      schemaVersion: 1,
      runId: options.runId,
      submittedAt: options.now,
      spec: { path: options.loaded.path, key: collected.specKey, sha256: options.loaded.sha256 },
      env: collected.env,
      files: collected.files,
      datasetPaths: specRelativePaths(options.dataset.files, options.loaded.baseDir),
      ...(options.candidateIds && options.candidateIds.length > 0 && { candidateIds: [...options.candidateIds] }),
      ...(options.limit !== undefined && { limit: options.limit }),
      ...(options.noCache === true && { noCache: true as const }),
      ...(options.workers !== undefined && { workers: options.workers }),
      versions: harnessVersions(),
      git: gitProvenance(options.loaded.baseDir),
    },
    collected.root,
  );
}

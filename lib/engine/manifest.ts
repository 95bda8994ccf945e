import type { Manifest } from '../results/index.ts';
import { MANIFEST_SCHEMA_VERSION } from '../results/index.ts';
import { storedRunDescription, type RunDescription } from './run-description.ts';

/** What a manifest is made of; gathered by the caller (versions and git come from the edge). */
export interface ManifestInput {
  readonly runId: string;
  readonly createdAt: string;
  readonly spec: { name: string; path: string; sha256: string; baseDir?: string; resolved: Record<string, unknown>; candidatesFile?: { path: string; sha256: string } };
  readonly dataset: { paths: string[]; format: string; sha256: string; sampleIds: readonly string[] };
  /** How the run is carried out (`describeRun`): recorded as `run`, with its candidates, scorers and plan. */
  readonly run: RunDescription;
  readonly versions: Manifest['versions'];
  readonly git: Manifest['git'];
  /** The isolation the run's sandbox achieved, when its scorers run code. */
  readonly sandbox?: Manifest['sandbox'];
  /** A cloud run's map width and each worker's share of the candidates' rate limits. */
  readonly cloud?: Manifest['cloud'];
}

/**
 * Builds manifest.json — everything needed to audit and reproduce the run, and no secret. The
 * one manifest builder of the local executor and the cloud.
 */
export function createManifest(input: ManifestInput): Manifest {
  const { run } = input;
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId: input.runId,
    createdAt: input.createdAt,
    spec: input.spec,
    dataset: { ...input.dataset, count: input.dataset.sampleIds.length, sampleIds: [...input.dataset.sampleIds] },
    candidates: run.candidates.map((candidate) => ({ ...candidate })),
    scorers: run.scorers.map((scorer) => ({ ...scorer })),
    plan: {
      items: run.plan.items,
      repeats: run.plan.repeats,
      shardSize: run.plan.shardSize,
      shards: [...run.plan.shards],
    },
    run: storedRunDescription(run),
    versions: input.versions,
    git: input.git,
    ...(input.sandbox && { sandbox: input.sandbox }),
    ...(input.cloud && { cloud: input.cloud }),
  };
}

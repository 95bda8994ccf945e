import type { Manifest } from '../results/index.ts';
import { MANIFEST_SCHEMA_VERSION } from '../results/index.ts';
import type { Plan } from './plan.ts';

/** What a manifest is made of; gathered by the caller (versions and git come from the edge). */
export interface ManifestInput {
  readonly runId: string;
  readonly createdAt: string;
  readonly spec: { name: string; path: string; sha256: string; baseDir?: string; resolved: Record<string, unknown>; candidatesFile?: { path: string; sha256: string } };
  readonly dataset: { paths: string[]; format: string; sha256: string; sampleIds: readonly string[] };
  readonly candidates: Manifest['candidates'];
  readonly scorers: Manifest['scorers'];
  readonly plan: Plan;
  readonly versions: Manifest['versions'];
  readonly git: Manifest['git'];
  /** The isolation the run's sandbox achieved, when its scorers run code. */
  readonly sandbox?: Record<string, unknown>;
  /** A cloud run's map width and each worker's share of the candidates' rate limits. */
  readonly cloud?: Manifest['cloud'];
}

/** Builds manifest.json: everything needed to audit and reproduce the run, and no secret. */
export function createManifest(input: ManifestInput): Manifest {
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId: input.runId,
    createdAt: input.createdAt,
    spec: input.spec,
    dataset: { ...input.dataset, count: input.dataset.sampleIds.length, sampleIds: [...input.dataset.sampleIds] },
    candidates: input.candidates,
    scorers: input.scorers,
    plan: {
      items: input.plan.items,
      repeats: input.plan.repeats,
      shardSize: input.plan.shardSize,
      shards: [...input.plan.shards],
    },
    versions: input.versions,
    git: input.git,
    ...(input.sandbox && { sandbox: input.sandbox }),
    ...(input.cloud && { cloud: input.cloud }),
  };
}

/** Rebuilds the plan a manifest describes (candidates in manifest order). */
export function planFromManifest(manifest: Manifest): Plan {
  return {
    sampleIds: manifest.dataset.sampleIds,
    candidates: manifest.candidates.map((candidate) => candidate.id),
    repeats: manifest.plan.repeats,
    items: manifest.plan.items,
    shardSize: manifest.plan.shardSize,
    shards: manifest.plan.shards,
  };
}

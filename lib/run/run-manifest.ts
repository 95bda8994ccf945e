import { createManifest, type RunDescription } from '../engine/index.ts';
import type { Manifest } from '../results/index.ts';
import { redactSpec, type PreparedRun } from './prepare-run.ts';

/** What only the place that starts the run knows: where its files came from, and what ran it. */
export interface RunManifestEdge {
  readonly runId: string;
  readonly createdAt: string;
  /** The spec path and dataset paths as the manifest records them (relative to the spec's folder). */
  readonly specPath: string;
  readonly datasetPaths: string[];
  /** The spec's folder on this machine (local runs; a Lambda has none worth recording). */
  readonly baseDir?: string;
  readonly versions: Manifest['versions'];
  readonly git: Manifest['git'];
  /** The run as it will execute, when it differs from `prepared.run` (a cloud run's Lambda-sized shards). */
  readonly run?: RunDescription;
  readonly cloud?: Manifest['cloud'];
}

/**
 * manifest.json of a prepared run — the one manifest assembly of the local executor and the
 * cloud: the spec as recorded (secrets described away), the dataset, the run description with
 * its candidates, scorers and plan, and the sandbox's isolation.
 */
export function runManifest(prepared: PreparedRun, edge: RunManifestEdge): Manifest {
  const { loaded, dataset } = prepared;
  const run = edge.run ?? prepared.run;
  return createManifest({
    runId: edge.runId,
    createdAt: edge.createdAt,
    spec: {
      name: loaded.spec.name,
      path: edge.specPath,
      sha256: loaded.sha256,
      ...(edge.baseDir !== undefined && { baseDir: edge.baseDir }),
      resolved: redactSpec(loaded.spec, run),
      ...(loaded.candidatesFile && { candidatesFile: loaded.candidatesFile }),
    },
    dataset: { paths: edge.datasetPaths, format: dataset.format, sha256: dataset.sha256, sampleIds: run.plan.sampleIds },
    run,
    versions: edge.versions,
    git: edge.git,
    ...(prepared.sandbox && { sandbox: { ...prepared.sandbox.isolation } }),
    ...(edge.cloud && { cloud: edge.cloud }),
  });
}

import { runDescriptionOf, type Plan } from '../engine/index.ts';
import { VerdictError } from '../errors/index.ts';
import { prepareRun, type PreparedRun } from '../run/index.ts';
import type { Manifest } from '../results/index.ts';
import type { S3ResultStore } from '../store/index.ts';
import { loadRunInput } from '../cloud-input/index.ts';
import { cloudRunSandbox } from '../sandbox/index.ts';
import type { Sandbox } from '../scorers/index.ts';

/** Everything a worker needs to run any shard of a run, rebuilt from S3. */
export interface RunContext {
  readonly manifest: Manifest;
  /** The run prepared from its input, with `run` and `plan` the manifest's (as Prepare recorded them: overrides, shard size). */
  readonly prepared: PreparedRun;
  /** The plan as Prepare wrote it (its shard size, not the spec's). */
  readonly plan: Plan;
}

/** Reads the manifest and the input, and checks that they still describe the same run. */
export async function loadRunContext(store: S3ResultStore, runId: string, workDir: string, sandbox?: Sandbox): Promise<RunContext> {
  const manifest = await store.readManifest(runId);
  if (!manifest) throw new VerdictError('RUN_NOT_FOUND', `${store.locate(runId)}/manifest.json: missing; Prepare writes it before any worker starts`);
  const { loaded, dataset } = await loadRunInput(store, runId, workDir);
  if (dataset.sha256 !== manifest.dataset.sha256) {
    throw new VerdictError('STORE_READ', `${store.locate(runId)}: the dataset's SHA-256 ${dataset.sha256} differs from the manifest's ${manifest.dataset.sha256}`);
  }
  const prepared = prepareRun(loaded, dataset, {
    candidateIds: manifest.candidates.map((candidate) => candidate.id),
    sandbox: cloudRunSandbox(loaded.spec, sandbox),
  });
  // The description Prepare recorded, not one re-derived from the spec: a worker runs what the manifest says.
  const run = runDescriptionOf(manifest);
  const { plan } = run;
  if (plan.sampleIds.length !== prepared.plan.sampleIds.length || plan.sampleIds.some((id, index) => id !== prepared.plan.sampleIds[index])) {
    throw new VerdictError('STORE_READ', `${store.locate(runId)}: the dataset's samples differ from the manifest's sampleIds`);
  }
  return { manifest, prepared: { ...prepared, run, plan }, plan };
}

/** Keeps the last few runs' contexts in a warm container, so a worker does not reload per shard. */
export function runContextCache(load: (runId: string) => Promise<RunContext>, size = 4): (runId: string) => Promise<RunContext> {
  const cache = new Map<string, Promise<RunContext>>();
  return (runId) => {
    let context = cache.get(runId);
    if (!context) {
      context = load(runId);
      context.catch(() => cache.delete(runId));
      cache.set(runId, context);
      while (cache.size > size) cache.delete(cache.keys().next().value!);
    }
    return context;
  };
}

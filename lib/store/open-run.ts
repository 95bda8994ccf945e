import { basename, dirname, resolve } from 'node:path';
import type { ResultStore } from '../engine/ports.ts';
import { VerdictError } from '../errors/index.ts';
import type { Manifest, Summary } from '../results/index.ts';
import { FsResultStore } from './fs-store.ts';

/** A result set opened for reading: its store, id, manifest and (when sealed) summary. */
export interface OpenedRun {
  readonly store: ResultStore;
  readonly runId: string;
  readonly location: string;
  readonly manifest: Manifest;
  /** null while the run is unsealed. */
  readonly summary: Summary | null;
}

/**
 * Opens a result-set folder such as `results/20261128-142501-demo-3fa9` for reading.
 * `what` names the argument in messages (e.g. `runA`, `--baseline`).
 */
export async function openRunFolder(path: string, what: string): Promise<OpenedRun> {
  const folder = resolve(path);
  const store = new FsResultStore(dirname(folder));
  const runId = basename(folder);
  return openRun(store, runId, what, path);
}

/** Opens run `runId` of a store; throws RUN_NOT_FOUND naming `what` and `shown` when it has no manifest. */
export async function openRun(store: ResultStore, runId: string, what: string, shown = store.locate(runId)): Promise<OpenedRun> {
  const manifest = await store.readManifest(runId);
  if (!manifest) {
    throw new VerdictError(
      'RUN_NOT_FOUND',
      `${what}: no result set at ${shown} (no manifest.json); expected a run folder such as results/<run-id>`,
      { context: { path: shown } },
    );
  }
  return { store, runId, location: store.locate(runId), manifest, summary: await store.readSummary(runId) };
}

/** Throws RUN_INCOMPLETE unless the run is sealed (has summary.json). */
export function requireSealed(run: OpenedRun, what: string): Summary {
  if (!run.summary) {
    throw new VerdictError(
      'RUN_INCOMPLETE',
      `${what}: run "${run.runId}" at ${run.location} is not finished (no summary.json); finish it with \`verdict run <spec> --run-id ${run.runId} --resume\``,
    );
  }
  return run.summary;
}

import { basename, dirname, resolve } from 'node:path';
import type { ResultStore } from '../ports/index.ts';
import { VerdictError } from '../errors/index.ts';
import type { Manifest, Summary } from '../results/index.ts';
import { FsResultStore } from './fs-store.ts';
import { openResultStore } from './run-location.ts';

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
 * Opens one result set for reading: a folder such as `results/20261128-142501-demo-3fa9` or an
 * S3 location such as `s3://bucket/runs/20261128-142501-demo-3fa9`.
 * `what` names the argument in messages (e.g. `runA`, `--baseline`).
 */
export async function openRunAt(location: string, what: string): Promise<OpenedRun> {
  if (location.startsWith('s3:')) {
    const { store, runId } = openResultStore(location);
    if (!runId) throw new VerdictError('USAGE', `${what}: ${location} names a prefix, not a run; expected s3://bucket/runs/<run-id>`);
    return openRun(store, runId, what, location);
  }
  const folder = resolve(location);
  return openRun(new FsResultStore(dirname(folder)), basename(folder), what, location);
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

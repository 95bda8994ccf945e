import { dirname, resolve } from 'node:path';
import { collectSampleOutcomes, runDescriptionOf, type RunDescription } from '../engine/index.ts';
import type { ResultStore } from '../ports/index.ts';
import { VerdictError } from '../errors/index.ts';
import type { BaselineInput } from '../gate/index.ts';
import { isBaselineGate } from '../spec/index.ts';
import { openRun, openRunAt, requireSealed, type OpenedRun } from './open-run.ts';

/**
 * Resolves baseline references of one URI scheme to a store and run id. `s3://` is built in
 * (through the S3 result store); other schemes fail with a clear message unless registered.
 *
 * @example
 * registerBaselineSource({ scheme: 'mem:', async open(uri) { return { store: new S3ResultStore(...), runId } } });
 */
export interface BaselineSource {
  /** The URI scheme it handles, with the colon: `s3:`. */
  readonly scheme: string;
  open(uri: string): Promise<{ store: ResultStore; runId: string }>;
}

const sources = new Map<string, BaselineSource>();

/** Lets a store adapter resolve baseline URIs of its scheme (later registrations replace earlier ones). */
export function registerBaselineSource(source: BaselineSource): void {
  sources.set(source.scheme, source);
}

/** Whose baseline {@link baselineForRun} finds: the run, where it lives, and how its references resolve. */
export interface RunBaselineRequest {
  /** The run's gates and the spec's `baseline:` (its run description). */
  readonly run: Pick<RunDescription, 'gates' | 'baseline'>;
  /** `--baseline`: wins over the spec's, and a folder is relative to the working directory. */
  readonly flag?: string;
  /**
   * The folder the spec's relative references resolve against. Absent where no folder can be
   * read (a Lambda): a folder reference then gives no baseline and the gates report it missing.
   */
  readonly specDir?: string;
  readonly store: ResultStore;
  readonly specName: string;
  readonly runId: string;
  /** For `latest`: only runs created before this one. */
  readonly createdBefore?: string;
}

/**
 * The baseline of a run's baseline gates — the one resolver of `verdict run`, the cloud
 * aggregator, `gate`, `verify` and `compare`. Only read when a baseline gate needs it;
 * undefined lets the gates say none was given.
 */
export async function baselineForRun(request: RunBaselineRequest): Promise<BaselineInput | undefined> {
  if (!request.run.gates.some(isBaselineGate)) return undefined;
  const ref = request.flag ?? request.run.baseline;
  if (ref === undefined) return undefined;
  const baseDir = request.flag !== undefined ? process.cwd() : request.specDir;
  if (baseDir === undefined && !isLatestRef(ref) && !readableWithoutFolder(ref)) return undefined;
  return resolveBaseline({
    ref,
    baseDir: baseDir ?? '/',
    latest: { store: request.store, specName: request.specName, runId: request.runId, createdBefore: request.createdBefore },
  });
}

/** {@link baselineForRun} of a run read back from its store (`gate`, `verify`, `compare`). */
export function baselineForOpenedRun(run: OpenedRun, flag: string | undefined): Promise<BaselineInput | undefined> {
  const { manifest } = run;
  return baselineForRun({
    run: runDescriptionOf(manifest),
    ...(flag !== undefined && { flag }),
    // Older manifests lack baseDir: their spec path is relative to where the run was started.
    specDir: manifest.spec.baseDir ?? dirname(resolve(manifest.spec.path)),
    store: run.store,
    specName: manifest.spec.name,
    runId: run.runId,
    createdBefore: manifest.createdAt,
  });
}

/** Options of {@link resolveBaseline}. */
export interface ResolveBaselineOptions {
  /** `latest`, a run folder, or a URI such as `s3://bucket/runs/<run-id>`. */
  readonly ref: string;
  /** Folder that relative run folders are resolved against (the spec's folder, or the cwd for flags). */
  readonly baseDir: string;
  /** For `latest`: the store holding this run, the spec name to match, and this run's id and start. */
  readonly latest?: { readonly store: ResultStore; readonly specName: string; readonly runId: string; readonly createdBefore?: string };
}

/** The `latest` references and which earlier runs each may pick. */
const LATEST_REFS = {
  /** The newest earlier sealed run that passed its gates (so a failed pull-request run never becomes the bar). */
  'latest-passing': 'passing',
  /** Since 0.2 the same as `latest-passing`; before, any sealed run (use `latest-sealed` for that). */
  latest: 'passing',
  /** The newest earlier sealed run whatever its verdict (what `latest` meant before 0.2). */
  'latest-sealed': 'sealed',
} as const;

/** True when `ref` is one of the `latest` references (`latest`, `latest-passing`, `latest-sealed`). */
export function isLatestRef(ref: string): ref is keyof typeof LATEST_REFS {
  return Object.hasOwn(LATEST_REFS, ref);
}

/**
 * Finds and reads the baseline run of baseline gates:
 * - `latest` / `latest-passing`: the newest sealed run of the same spec in the same store, created
 *   before this run (by manifest `createdAt`), whose gates passed; `latest-sealed`: the same
 *   whatever its verdict. None → the gates are skipped with that reason (the first run of an eval
 *   has nothing to compare with);
 * - `<scheme>://...`: a registered {@link BaselineSource};
 * - anything else: a run folder, relative to `baseDir`. It must be sealed.
 */
export async function resolveBaseline(options: ResolveBaselineOptions): Promise<BaselineInput> {
  const run = await openBaseline(options);
  if ('skip' in run) return run;
  requireSealed(run, `baseline "${options.ref}"`);
  return { runId: run.runId, location: run.location, ...(isLatestRef(options.ref) && { chosenBy: options.ref }), outcomes: await collectSampleOutcomes(run.store.readRecords(run.runId), run.manifest) };
}

async function openBaseline(options: ResolveBaselineOptions): Promise<OpenedRun | { skip: string }> {
  const { ref } = options;
  if (isLatestRef(ref)) return openLatest(options, LATEST_REFS[ref]);
  const scheme = uriScheme(ref);
  if (scheme) {
    const source = sources.get(scheme);
    if (!source && scheme === 's3:') return openRunAt(ref, `baseline "${ref}"`);
    if (!source) {
      throw new VerdictError(
        'USAGE',
        `baseline "${ref}": ${scheme}// baselines are not available in this build (no ${scheme} result store registered); use a run folder or \`latest\``,
      );
    }
    const { store, runId } = await source.open(ref);
    return openRun(store, runId, `baseline "${ref}"`);
  }
  return openRunAt(resolve(options.baseDir, ref), `baseline "${ref}"`);
}

async function openLatest(options: ResolveBaselineOptions, pick: 'passing' | 'sealed'): Promise<OpenedRun | { skip: string }> {
  const latest = options.latest;
  const label = `baseline "${options.ref}"`;
  if (!latest) throw new VerdictError('USAGE', `${label}: needs the results folder of this run to look in`);
  let best: OpenedRun | undefined;
  let failedSkipped = 0;
  for (const runId of await latest.store.listRuns()) {
    if (runId === latest.runId) continue;
    const run = await openRun(latest.store, runId, label);
    if (!run.summary || run.manifest.spec.name !== latest.specName) continue;
    if (latest.createdBefore !== undefined && run.manifest.createdAt >= latest.createdBefore) continue;
    if (pick === 'passing' && !run.summary.passed) {
      failedSkipped++;
      continue;
    }
    if (!best || run.manifest.createdAt > best.manifest.createdAt) best = run;
  }
  if (best) return best;
  const which = pick === 'passing' ? 'passing ' : '';
  const failed = failedSkipped > 0 ? ` (${failedSkipped} earlier run${failedSkipped === 1 ? '' : 's'} failed ${failedSkipped === 1 ? 'its' : 'their'} gates and cannot be the baseline)` : '';
  return { skip: `no earlier ${which}sealed run of spec "${latest.specName}" in ${latest.store.locate('')}${failed}; this run can be the baseline of the next` };
}

/** True when a reference names a store rather than a folder: `s3://` or a registered scheme. */
function readableWithoutFolder(ref: string): boolean {
  const scheme = uriScheme(ref);
  return scheme === 's3:' || (scheme !== undefined && sources.has(scheme));
}

/** The URI scheme of a reference, with the colon (`s3:`), or undefined for a folder. */
function uriScheme(ref: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*:)\/\//i.exec(ref)?.[1]?.toLowerCase();
}

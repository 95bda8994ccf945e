import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ResultStore } from '../ports/index.ts';
import { VerdictError } from '../errors/index.ts';
import { FsResultStore } from './fs-store.ts';
import { LazyS3ResultStore } from './lazy-s3-store.ts';
import type { S3ConnectionOptions } from './s3-client.ts';

/** A parsed run location: a folder or an `s3://bucket/prefix/<run-id>` URL. */
export type RunLocation =
  | { readonly kind: 'fs'; readonly root: string; readonly runId?: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string; readonly runId?: string };

const S3_URL = /^s3:\/\/([^/]+)\/?(.*)$/;

/**
 * Parses where a run (or a collection of runs) lives.
 *
 * - `s3://bucket/runs/<id>` → the run `<id>` under the prefix `runs/`;
 * - `s3://bucket/runs/` (trailing slash) or `s3://bucket` → every run under that prefix;
 * - a folder with a manifest.json → that run (its parent is the root);
 * - any other folder → every run in it.
 *
 * @example
 * parseRunLocation('s3://verdict-results/runs/20261128-capitals-3fa9')
 * // { kind: 's3', bucket: 'verdict-results', prefix: 'runs/', runId: '20261128-capitals-3fa9' }
 */
export function parseRunLocation(location: string, exists: (path: string) => boolean = existsSync): RunLocation {
  const match = S3_URL.exec(location);
  if (match) {
    const [, bucket, path = ''] = match;
    if (!bucket) throw new VerdictError('USAGE', `${location}: expected s3://bucket/prefix/<run-id>`);
    if (path === '' || path.endsWith('/')) return { kind: 's3', bucket, prefix: path };
    const slash = path.lastIndexOf('/');
    return { kind: 's3', bucket, prefix: path.slice(0, slash + 1), runId: path.slice(slash + 1) };
  }
  if (location.startsWith('s3:')) throw new VerdictError('USAGE', `${location}: expected s3://bucket/prefix/<run-id>`);
  const folder = location.replace(/[\\/]+$/, '') || location;
  if (exists(join(folder, 'manifest.json'))) return { kind: 'fs', root: dirname(folder), runId: basename(folder) };
  return { kind: 'fs', root: folder };
}

/**
 * Opens the result store behind a location, for commands that read runs (`verdict report`,
 * `verdict compare`, `verdict gate`, `verdict cloud status`).
 *
 * @example
 * const { store, runId } = openResultStore('s3://verdict-results/runs/20261128-capitals-3fa9');
 * const summary = await store.readSummary(runId!);
 */
export function openResultStore(
  location: string,
  options: { s3?: S3ConnectionOptions } = {},
): { store: ResultStore; runId?: string; location: RunLocation } {
  const parsed = parseRunLocation(location);
  if (parsed.kind === 'fs') return { store: new FsResultStore(parsed.root), runId: parsed.runId, location: parsed };
  const s3 = options.s3 ?? { endpoint: process.env.VERDICT_S3_ENDPOINT };
  // The SDK loads on first use: reading folders never pays for it.
  const store = new LazyS3ResultStore({ s3, bucket: parsed.bucket, prefix: parsed.prefix });
  return { store, runId: parsed.runId, location: parsed };
}

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { loadDataset, resolveDatasetFiles, type LoadedDataset } from '../datasets/index.ts';
import { VerdictError } from '../errors/index.ts';
import { isSecretName, parseEvalSpec, type LoadedSpec } from '../spec/index.ts';
import { getObject, getObjectText, putObject, type S3ResultStore, verifySha256 } from '../store/index.ts';
import { inputLayout, RunInputSchema, type RunInput } from './run-input.ts';

/** A spec and the local files it reads, ready to upload. */
export interface CollectedInput {
  readonly root: string;
  readonly specKey: string;
  /** Paths relative to `root`. */
  readonly files: string[];
  /** Values of the spec's `${VAR}` references. */
  readonly env: Record<string, string>;
}

/**
 * Finds what a spec needs in the cloud: its dataset files and replay files, all relative to
 * the deepest folder holding them and the spec, plus the values of its `${VAR}` references.
 */
export async function collectRunInput(loaded: LoadedSpec, environment: Readonly<Record<string, string | undefined>>): Promise<CollectedInput> {
  const specPath = resolve(loaded.path);
  const absolute = [...(await resolveDatasetFiles(loaded.spec.dataset.path, loaded.baseDir))];
  for (const candidate of loaded.spec.candidates) {
    const file = (candidate as { file?: unknown }).file;
    if (typeof file === 'string') absolute.push(resolve(loaded.baseDir, file));
  }
  const root = commonFolder([dirname(specPath), ...absolute.map((file) => dirname(file))]);
  const env: Record<string, string> = {};
  for (const match of loaded.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
    // Credentials are never interpolated (the spec refuses them), so never upload them either,
    // even when a comment mentions one; keys reach workers from Secrets Manager.
    if (isSecretName(match[1]!)) continue;
    const value = environment[match[1]!];
    if (value !== undefined && value !== '') env[match[1]!] = value;
  }
  return { root, specKey: toKeyPath(relative(root, specPath)), files: [...new Set(absolute.map((file) => toKeyPath(relative(root, file))))], env };
}

/** Uploads the spec, its files and request.json under `runs/<id>/input/`. */
export async function uploadRunInput(store: S3ResultStore, input: RunInput, root: string): Promise<void> {
  for (const file of [input.spec.key, ...input.files]) {
    const body = await readFile(join(root, file));
    await putObject(store.client, { bucket: store.bucket, key: store.key(inputLayout.file(input.runId, file)), body, contentType: 'application/octet-stream' });
  }
  await putObject(store.client, {
    bucket: store.bucket,
    key: store.key(inputLayout.request(input.runId)),
    body: `${JSON.stringify(RunInputSchema.parse(input), null, 2)}\n`,
    contentType: 'application/json',
  });
}

/** A run's input loaded in a worker: the request, the validated spec and the dataset. */
export interface LoadedRunInput {
  readonly input: RunInput;
  readonly loaded: LoadedSpec;
  readonly dataset: LoadedDataset;
}

/** Reads request.json; RUN_NOT_FOUND when the run was never submitted. */
export async function readRunInput(store: S3ResultStore, runId: string): Promise<RunInput> {
  const text = await getObjectText(store.client, store.bucket, store.key(inputLayout.request(runId)));
  if (text === null) {
    throw new VerdictError('RUN_NOT_FOUND', `${store.locate(runId)}/input/request.json: no such run input; submit the run with \`verdict run <spec> --cloud\``);
  }
  return RunInputSchema.parse(JSON.parse(text));
}

/**
 * Downloads a run's input into `workDir/<run-id>/` (once per warm container: files already
 * there are reused) and loads the spec and dataset exactly as the submitter's machine did.
 */
export async function loadRunInput(store: S3ResultStore, runId: string, workDir: string): Promise<LoadedRunInput> {
  const input = await readRunInput(store, runId);
  const folder = join(workDir, runId);
  for (const file of [input.spec.key, ...input.files]) await download(store, inputLayout.file(runId, file), join(folder, file));
  const specFile = join(folder, input.spec.key);
  const text = await readFile(specFile, 'utf8');
  const loaded = parseEvalSpec(text, { path: input.spec.path, baseDir: dirname(specFile), env: input.env });
  if (loaded.sha256 !== input.spec.sha256) {
    throw new VerdictError('STORE_READ', `${store.locate(runId)}/input/files/${input.spec.key}: spec SHA-256 ${loaded.sha256} differs from the submitted ${input.spec.sha256}`);
  }
  const datasetSpec = input.limit ? { ...loaded.spec.dataset, limit: input.limit } : loaded.spec.dataset;
  return { input, loaded, dataset: await loadDataset(datasetSpec, loaded.baseDir) };
}

async function download(store: S3ResultStore, relativeKey: string, path: string): Promise<void> {
  if (await stat(path).then(() => true, () => false)) return;
  const key = store.key(relativeKey);
  const response = await getObject(store.client, store.bucket, key);
  if (!response) throw new VerdictError('STORE_READ', `s3://${store.bucket}/${key}: input file missing; resubmit the run`);
  await mkdir(dirname(path), { recursive: true });
  const hash = createHash('sha256');
  const partial = `${path}.partial`;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(response.Body as Readable, hashing, createWriteStream(partial));
  verifySha256(response, hash.digest('hex'), `s3://${store.bucket}/${key}`);
  await rename(partial, path);
}

function commonFolder(folders: string[]): string {
  let common = folders[0]!.split(sep);
  for (const folder of folders.slice(1)) {
    const parts = folder.split(sep);
    let index = 0;
    while (index < common.length && common[index] === parts[index]) index++;
    common = common.slice(0, index);
  }
  return common.join(sep) || sep;
}

function toKeyPath(path: string): string {
  return path.split(sep).join('/');
}

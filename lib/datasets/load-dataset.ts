import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, extname, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { VerdictError } from '../errors/index.ts';
import type { DatasetSpec } from './dataset-spec.ts';
import { expandCounterfactual } from './counterfactual.ts';
import { expandPerturbations } from './perturbations/expand-perturbations.ts';
import type { DatasetFormat } from './dataset-format.ts';
import { datasetFormats } from './formats.ts';
import { readCsvRows, readJsonlRows, readParquetRows, type ParsedRow } from './read-rows.ts';
import type { Sample } from './sample.ts';

/** A dataset read and checked: every row parsed, ids unique, the files hashed. */
export interface LoadedDataset {
  readonly samples: Sample[];
  /** SHA-256 of the file, or for several files of their `"<sha256>  <name>"` lines. */
  readonly sha256: string;
  readonly files: string[];
  readonly format: string;
}

/**
 * Loads a dataset as the spec describes it. Files stream line by line; the first broken line
 * stops with `file:line`, before any model is called.
 */
export async function loadDataset(spec: DatasetSpec, baseDir: string): Promise<LoadedDataset> {
  const format = datasetFormats[spec.format]!;
  const files = await resolveDatasetFiles(spec.path, baseDir);
  const samples: Sample[] = [];
  const seen = new Map<string, string>();
  const fileHashes: string[] = [];
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    const hash = createHash('sha256');
    let complete = true;
    for await (const parsed of readRows(format, file, hash)) {
      if (spec.limit !== undefined && samples.length >= spec.limit) {
        complete = false;
        break;
      }
      const sample = toSample({ parsed, file: shown, format, spec, multiFile: files.length > 1 });
      const earlier = seen.get(sample.id);
      if (earlier) {
        throw new VerdictError('DATASET_INVALID', `${shown}:${parsed.line}: duplicate sample id "${sample.id}" (first at ${earlier})`, {
          context: { file: shown, line: parsed.line, id: sample.id },
        });
      }
      seen.set(sample.id, `${shown}:${parsed.line}`);
      samples.push(sample);
    }
    fileHashes.push(complete ? hash.digest('hex') : await hashFile(file));
  }
  const sha256 = files.length === 1 ? fileHashes[0]! : hashList(files, fileHashes);
  const counterfactuals = spec.counterfactual ? expandCounterfactual(samples, spec.counterfactual) : samples;
  const expanded = spec.perturbations ? await expandPerturbations(counterfactuals, spec.perturbations) : counterfactuals;
  if (expanded.length === 0) {
    // An empty eval would seal a run that measured nothing; that is bad input, not a result.
    throw new VerdictError('DATASET_INVALID', `dataset.path: ${files.map((file) => relative(process.cwd(), file) || file).join(', ')} has no rows`, {
      context: { files },
    });
  }
  return { samples: expanded, sha256, files: files.map((file) => relative(process.cwd(), file) || file), format: spec.format };
}

function readRows(format: DatasetFormat, file: string, hash: ReturnType<typeof createHash>): AsyncGenerator<ParsedRow> {
  const parser = format.parser === 'auto' ? parserForExtension(file) : format.parser;
  if (parser === 'parquet') return readParquetRows(file, hash);
  return parser === 'csv' ? readCsvRows(file, hash) : readJsonlRows(file, hash);
}

/** For formats read from any of JSONL, CSV or Parquet: the file's extension decides. */
function parserForExtension(file: string): 'jsonl' | 'csv' | 'parquet' {
  const extension = extname(file).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.parquet' ? 'parquet' : 'jsonl';
}

function toSample(options: {
  parsed: ParsedRow;
  file: string;
  format: DatasetFormat;
  spec: DatasetSpec;
  multiFile: boolean;
}): Sample {
  const { parsed, file, format, spec } = options;
  let data: Record<string, unknown>;
  try {
    data = format.adapt(parsed.row, { file, line: parsed.line });
  } catch (error) {
    throw new VerdictError('DATASET_INVALID', `${file}:${parsed.line}: ${(error as Error).message}`, {
      cause: error,
      context: { file, line: parsed.line },
    });
  }
  const idField = spec.idField ?? format.defaults.idField ?? 'id';
  const ownId = format.idOf?.(data) ?? scalarField(data, idField);
  // Without an id field, the line number is the id; across several files it needs the file name too.
  const id = ownId ?? (options.multiFile ? `${basename(file)}:${parsed.line}` : String(parsed.line));
  const categoryField = spec.categoryField ?? format.defaults.categoryField;
  const clusterField = spec.clusterField ?? format.defaults.clusterField;
  const category = categoryField ? scalarField(data, categoryField) : undefined;
  const cluster = clusterField ? scalarField(data, clusterField) : undefined;
  return {
    id,
    data,
    source: { file, line: parsed.line },
    ...(category !== undefined && { category }),
    ...(cluster !== undefined && { cluster: category !== undefined ? `${category}/${cluster}` : cluster }),
  };
}

function scalarField(row: Record<string, unknown>, field: string): string | undefined {
  const value = row[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Expands the spec's paths and globs (relative to the spec file) into existing files, in order. */
export async function resolveDatasetFiles(paths: string | string[], baseDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of Array.isArray(paths) ? paths : [paths]) {
    if (isDynamicPattern(entry)) {
      const matches = (await glob(entry, { cwd: baseDir, absolute: true })).sort();
      if (matches.length === 0) {
        throw new VerdictError('DATASET_NOT_FOUND', `dataset.path: "${entry}" matches no files (relative to ${baseDir})`, {
          context: { path: entry },
        });
      }
      files.push(...matches);
      continue;
    }
    const file = resolve(baseDir, entry);
    const shown = relative(process.cwd(), file) || file;
    const info = await stat(file).catch((error: unknown) => {
      throw new VerdictError('DATASET_NOT_FOUND', `dataset.path: file not found: ${shown}`, { cause: error, context: { path: entry, file } });
    });
    if (!info.isFile()) {
      throw new VerdictError('DATASET_INVALID', `dataset.path: ${shown} is ${info.isDirectory() ? 'a folder' : 'not a regular file'}; name a file, or a glob such as ${shown}/*.jsonl`, {
        context: { path: entry, file },
      });
    }
    files.push(file);
  }
  return files;
}

/** SHA-256 of a file's bytes, streamed. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function hashList(files: string[], hashes: string[]): string {
  const lines = files.map((file, index) => `${hashes[index]}  ${basename(file)}\n`).join('');
  return createHash('sha256').update(lines).digest('hex');
}

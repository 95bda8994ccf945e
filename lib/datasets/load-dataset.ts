import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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
import type { SampleList } from './sample-list.ts';
import { DatasetRows } from './dataset-rows.ts';
import { IdPositions } from './id-positions.ts';
import { toSample } from './to-sample.ts';

/** A dataset read and checked: every row parsed, ids unique, the files hashed. */
export interface LoadedDataset {
  /**
   * The samples by position. JSONL rows are read back from their files when asked for
   * ({@link DatasetRows}); CSV, Parquet and expanded (counterfactual, perturbation) samples are held in memory.
   */
  readonly samples: SampleList;
  /** Each sample's id, in order (what the plan keeps). */
  readonly sampleIds: readonly string[];
  /** SHA-256 of the file, or for several files of their `"<sha256>  <name>"` lines. */
  readonly sha256: string;
  readonly files: string[];
  readonly format: string;
  /**
   * The run is done with the rows: closes the files they are read back from and frees where
   * they are (~20 bytes a JSONL row), so a run's seal does not hold them. No row can be read after.
   */
  release(): void;
}

/**
 * Loads a dataset as the spec describes it. Files stream line by line; the first broken line
 * stops with `file:line`, before any model is called. Every row is parsed and adapted here, but
 * JSONL rows are kept as where they are, not as objects (see {@link DatasetRows}).
 */
export async function loadDataset(spec: DatasetSpec, baseDir: string): Promise<LoadedDataset> {
  const format = datasetFormats[spec.format]!;
  const files = await resolveDatasetFiles(spec.path, baseDir);
  const shape = { format, spec, multiFile: files.length > 1 };
  const rows = new DatasetRows(shape);
  // Rows without a byte range (CSV, Parquet) are kept parsed; one such file keeps them all.
  const held: Sample[] = [];
  let heldOnly = false;
  // Ids seen so far → position: the ids stay in `rows` (or `held`, once it holds every sample).
  const seen = new IdPositions((position) => (heldOnly ? held[position]!.id : rows.ids[position]!));
  const fileHashes: string[] = [];
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    const number = rows.addFile(file, shown);
    const hash = createHash('sha256');
    let complete = true;
    for await (const parsed of readRows(format, file, hash)) {
      if (spec.limit !== undefined && seen.size >= spec.limit) {
        complete = false;
        break;
      }
      const sample = toSample(parsed.row, shown, parsed.line, shape);
      const earlier = seen.get(sample.id);
      if (earlier !== undefined) {
        const first = earlier < rows.length ? rows.where(earlier) : `${held[earlier]!.source.file}:${held[earlier]!.source.line}`;
        throw new VerdictError('DATASET_INVALID', `${shown}:${parsed.line}: duplicate sample id "${sample.id}" (first at ${first})`, {
          context: { file: shown, line: parsed.line, id: sample.id },
        });
      }
      if (parsed.bytes && !heldOnly) rows.add(sample.id, number, parsed.bytes.start, parsed.bytes.length, parsed.line);
      else {
        if (!heldOnly) for (const earlier of rows) held.push(earlier);
        heldOnly = true;
        held.push(sample);
      }
      seen.set(sample.id, seen.size);
    }
    fileHashes.push(complete ? hash.digest('hex') : await hashFile(file));
  }
  const sha256 = files.length === 1 ? fileHashes[0]! : hashList(files, fileHashes);
  const shown = files.map((file) => relative(process.cwd(), file) || file);
  if (seen.size === 0) {
    // An empty eval would seal a run that measured nothing; that is bad input, not a result.
    throw new VerdictError('DATASET_INVALID', `dataset.path: ${shown.join(', ')} has no rows`, { context: { files } });
  }
  const base: SampleList = heldOnly ? held : rows;
  if (!spec.counterfactual && !spec.perturbations) {
    return { samples: base, sampleIds: heldOnly ? held.map((sample) => sample.id) : rows.ids, sha256, files: shown, format: spec.format, release: () => rows.release() };
  }
  // Expansions make new samples from each row: they are held in memory (docs/performance.md).
  const originals = [...base];
  rows.release();
  const counterfactuals = spec.counterfactual ? expandCounterfactual(originals, spec.counterfactual) : originals;
  const expanded = spec.perturbations ? await expandPerturbations(counterfactuals, spec.perturbations) : counterfactuals;
  return { samples: expanded, sampleIds: expanded.map((sample) => sample.id), sha256, files: shown, format: spec.format, release: () => undefined };
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

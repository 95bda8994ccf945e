import { basename } from 'node:path';
import { VerdictError } from '../errors/index.ts';
import type { DatasetFormat } from './dataset-format.ts';
import type { DatasetSpec } from './dataset-spec.ts';
import type { Sample } from './sample.ts';

/** How the rows of one dataset become samples: its format, the spec's fields, whether it has several files. */
export interface SampleShape {
  readonly format: DatasetFormat;
  readonly spec: DatasetSpec;
  readonly multiFile: boolean;
}

/** A parsed row as a sample: the format's adapter, the id (or the line), category and cluster. */
export function toSample(row: Record<string, unknown>, file: string, line: number, shape: SampleShape): Sample {
  const { format, spec } = shape;
  let data: Record<string, unknown>;
  try {
    data = format.adapt(row, { file, line });
  } catch (error) {
    throw new VerdictError('DATASET_INVALID', `${file}:${line}: ${(error as Error).message}`, {
      cause: error,
      context: { file, line },
    });
  }
  const idField = spec.idField ?? format.defaults.idField ?? 'id';
  const ownId = format.idOf?.(data) ?? scalarField(data, idField);
  // Without an id field, the line number is the id; across several files it needs the file name too.
  const id = ownId ?? (shape.multiFile ? `${basename(file)}:${line}` : String(line));
  const categoryField = spec.categoryField ?? format.defaults.categoryField;
  const clusterField = spec.clusterField ?? format.defaults.clusterField;
  const category = categoryField ? scalarField(data, categoryField) : undefined;
  const cluster = clusterField ? scalarField(data, clusterField) : undefined;
  return {
    id,
    data,
    source: { file, line },
    ...(category !== undefined && { category }),
    ...(cluster !== undefined && { cluster: category !== undefined ? `${category}/${cluster}` : cluster }),
  };
}

function scalarField(row: Record<string, unknown>, field: string): string | undefined {
  const value = row[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

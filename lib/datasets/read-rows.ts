import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { VerdictError } from '../errors/index.ts';
import { Utf8Checker } from './utf8-check.ts';

/** One parsed row and the 1-based line it started on. */
export interface ParsedRow {
  readonly row: Record<string, unknown>;
  readonly line: number;
}

/**
 * Opens a dataset file: its bytes are hashed and checked as UTF-8 as they stream past (so the
 * file is read once); a broken byte destroys the stream with DATASET_INVALID at `file:line`.
 */
function openStream(file: string, hash: Hash) {
  const stream = createReadStream(file);
  const utf8 = new Utf8Checker();
  const refuse = (line: number) =>
    stream.destroy(
      new VerdictError('DATASET_INVALID', `${file}:${line}: not valid UTF-8; save the file as UTF-8 (a broken byte would be read as U+FFFD)`, {
        context: { file, line },
      }),
    );
  stream.on('data', (chunk) => {
    hash.update(chunk);
    const bad = utf8.feed(chunk as Buffer);
    if (bad !== null) refuse(bad);
  });
  stream.on('end', () => {
    const bad = utf8.end();
    if (bad !== null) refuse(bad);
  });
  stream.on('error', () => undefined);
  return stream;
}

/**
 * Streams a JSONL file row by row, hashing its bytes on the way. A line that is not a JSON
 * object stops with `file:line` and the parse error.
 */
export async function* readJsonlRows(file: string, hash: Hash = createHash('sha256')): AsyncGenerator<ParsedRow> {
  const lines = createInterface({ input: openStream(file, hash), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed === '') continue;
    yield { row: parseJsonObject(trimmed, file, line), line };
  }
}

function parseJsonObject(text: string, file: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new VerdictError('DATASET_INVALID', `${file}:${line}: not valid JSON (${(error as Error).message})`, {
      cause: error,
      context: { file, line },
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new VerdictError('DATASET_INVALID', `${file}:${line}: expected a JSON object per line, got ${Array.isArray(value) ? 'an array' : typeof value}`, {
      context: { file, line },
    });
  }
  return value as Record<string, unknown>;
}

/** Streams a CSV file with a header row; each record's line is where it starts. */
export async function* readCsvRows(file: string, hash: Hash = createHash('sha256')): AsyncGenerator<ParsedRow> {
  const source = openStream(file, hash);
  const parser = source.pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, info: true, raw: true }));
  // pipe() does not forward errors: a broken byte must still stop the parse.
  source.on('error', (error) => parser.destroy(error));
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, unknown>; info: { lines: number }; raw: string }>) {
      yield { row: record.record, line: startLine(record.info.lines, record.raw) };
    }
  } catch (error) {
    if (error instanceof VerdictError) throw error;
    const line = (error as { lines?: number }).lines;
    throw new VerdictError('DATASET_INVALID', `${file}:${line ?? '?'}: not valid CSV (${(error as Error).message})`, {
      cause: error,
      context: { file, line },
    });
  }
}

/** csv-parse counts the line a record ends on; a quoted field may span lines, so count back. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  let newlines = 0;
  for (let index = body.indexOf('\n'); index !== -1; index = body.indexOf('\n', index + 1)) newlines++;
  return endLine - newlines;
}

/**
 * Reads a Parquet file (the format dataset hubs export) with hyparquet, a pure-JS reader loaded
 * only when a Parquet file is met. Its "line" is the 1-based row number. 64-bit integers become
 * numbers (strings past 2⁵³), so rows stay JSON like the other formats'; lists and structs stay
 * arrays and objects.
 */
export async function* readParquetRows(file: string, hash: Hash = createHash('sha256')): AsyncGenerator<ParsedRow> {
  const bytes = await readFile(file);
  hash.update(bytes);
  const { parquetReadObjects } = await import('hyparquet');
  let rows: Record<string, unknown>[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    rows = await parquetReadObjects({ file: buffer });
  } catch (error) {
    throw new VerdictError('DATASET_INVALID', `${file}: not a readable Parquet file (${(error as Error).message})`, { cause: error, context: { file } });
  }
  for (const [index, row] of rows.entries()) yield { row: toJsonValues(row) as Record<string, unknown>, line: index + 1 };
}

function toJsonValues(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(toJsonValues);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonValues(item)]));
  }
  return value;
}

import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse';
import { VerdictError } from '../errors/index.ts';
import { Utf8Checker } from './utf8-check.ts';

/** One parsed row and the 1-based line it started on. */
export interface ParsedRow {
  readonly row: Record<string, unknown>;
  readonly line: number;
  /** Where the row's bytes are in its file (JSONL only): it can be read back from there. */
  readonly bytes?: { readonly start: number; readonly length: number };
}

/**
 * Opens a dataset file: its bytes are hashed and checked as UTF-8 as they stream past (so the
 * file is read once); a broken byte destroys the stream with DATASET_INVALID at `file:line`.
 */
function openStream(file: string, hash: Hash) {
  const stream = createReadStream(file);
  const utf8 = new Utf8Checker();
  const refuse = (line: number) => stream.destroy(notUtf8(file, line));
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
 * Streams a JSONL file row by row, hashing its bytes and checking them as UTF-8 on the way. Each
 * row comes with where its bytes are (after a BOM, without the line break), so it can be read
 * back later. A line that is not a JSON object stops with `name:line` and the parse error
 * (`name`: the file as messages show it, its path unless told).
 */
export async function* readJsonlRows(file: string, hash: Hash = createHash('sha256'), name = file): AsyncGenerator<ParsedRow> {
  const utf8 = new Utf8Checker();
  // The bytes of the line not yet ended, and the file offset of their first byte.
  let pending: Buffer[] = [];
  let pendingStart = 0;
  let offset = 0;
  let line = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    const bad = utf8.feed(chunk);
    if (bad !== null) throw notUtf8(name, bad);
    const chunkStart = offset;
    offset += chunk.length;
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      line++;
      const bytes = pending.length === 0 ? chunk.subarray(start, newline) : Buffer.concat([...pending, chunk.subarray(0, newline)]);
      const row = jsonlRow(bytes, pending.length === 0 ? chunkStart + start : pendingStart, line, name);
      pending = [];
      start = newline + 1;
      if (row) yield row;
    }
    if (start < chunk.length) {
      if (pending.length === 0) pendingStart = chunkStart + start;
      pending.push(chunk.subarray(start));
    }
  }
  const cut = utf8.end();
  if (cut !== null) throw notUtf8(name, cut);
  if (pending.length > 0) {
    const row = jsonlRow(Buffer.concat(pending), pendingStart, line + 1, name);
    if (row) yield row;
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** One JSONL line's row and byte range, or undefined for a blank line. */
function jsonlRow(bytes: Buffer, start: number, line: number, file: string): ParsedRow | undefined {
  const skip = line === 1 && bytes.subarray(0, 3).equals(BOM) ? 3 : 0;
  const text = bytes.toString('utf8', skip).trim();
  if (text === '') return undefined;
  return { row: parseJsonObject(text, file, line), line, bytes: { start: start + skip, length: bytes.length - skip } };
}

function notUtf8(file: string, line: number): VerdictError {
  return new VerdictError('DATASET_INVALID', `${file}:${line}: not valid UTF-8; save the file as UTF-8 (a broken byte would be read as U+FFFD)`, {
    context: { file, line },
  });
}

/** Parses one JSONL line (as read back by offset, too); anything but a JSON object stops with `file:line`. */
export function parseJsonObject(text: string, file: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSONL lines end with LF (or CRLF); a file saved with bare CRs reads as one long line.
    const bareCr = text.includes('\r') ? '; the line holds a bare CR: JSONL lines end with LF or CRLF, so re-save the file with those line ends' : '';
    throw new VerdictError('DATASET_INVALID', `${file}:${line}: not valid JSON (${(error as Error).message})${bareCr}`, {
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

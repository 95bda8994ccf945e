import { isAbsolute, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { hashString, LineLocations, readJsonlRows } from '../datasets/index.ts';
import { VerdictError } from '../errors/index.ts';
import { getPath } from '../template/index.ts';

/** One recorded row and where it came from. */
export interface ReplayRow {
  readonly row: Readonly<Record<string, unknown>>;
  /** `file:line`, for messages. */
  readonly where: string;
}

/**
 * Recorded rows by join key. Several rows under one key are the recorded repeats, in file order.
 * The index keeps where each row is (file, byte offset, length, line), not the parsed row, and
 * reads a row back when an item asks for it: memory stays flat in the size of the recording.
 * Nor does it keep the keys: per row, a 32-bit hash of its key in a chained hash table (typed
 * arrays, ~12 bytes a row), and a row read back counts only if its key is the one asked for, so a
 * hash collision costs a read, never a wrong row. (A Map of a million keys held the key strings
 * and its entries: ~50 MB.)
 */
export class ReplayIndex {
  readonly #locations = new LineLocations(0);
  /** Per row: the hash of its key, and the row added before it to the same bucket (-1: none). */
  #hashes = new Int32Array(1024);
  #previous = new Int32Array(1024);
  /** Per bucket: the row added last (-1: none); twice as many buckets as rows, so chains stay short. */
  #buckets = new Int32Array(2048).fill(-1);

  constructor(private readonly keyFields: readonly string[]) {}

  /** Adds a file (its path and display name); returns its number for {@link add}. */
  addFile(path: string, name: string): number {
    return this.#locations.addFile(path, name);
  }

  /** Records that `file` holds the row of `key` at bytes [start, start + length), on 1-based `line`. */
  add(key: string, file: number, start: number, length: number, line: number): void {
    const entry = this.#locations.add(file, start, length, line);
    if (entry === this.#hashes.length) {
      this.#hashes = grown(this.#hashes);
      this.#previous = grown(this.#previous);
    }
    this.#hashes[entry] = hashString(key);
    if (entry >= this.#buckets.length / 2) this.#rehash(this.#buckets.length * 2, entry);
    this.#link(entry);
  }

  /** The rows recorded under `key`, read back from their files, or undefined when none is. */
  get(key: string): readonly ReplayRow[] | undefined {
    const hash = hashString(key);
    const entries: number[] = [];
    for (let entry = this.#buckets[hash & (this.#buckets.length - 1)]!; entry !== -1; entry = this.#previous[entry]!) {
      if (this.#hashes[entry] === hash) entries.push(entry);
    }
    const rows: ReplayRow[] = [];
    // Chains run newest first; repeats are taken in file order.
    for (let index = entries.length - 1; index >= 0; index--) {
      const row = this.#read(entries[index]!);
      if (joinKey(row.row, this.keyFields) === key) rows.push(row);
    }
    return rows.length > 0 ? rows : undefined;
  }

  /** Closes the files rows were read from (they reopen if a row is asked for again). */
  close(): void {
    this.#locations.close();
  }

  #link(entry: number): void {
    const bucket = this.#hashes[entry]! & (this.#buckets.length - 1);
    this.#previous[entry] = this.#buckets[bucket]!;
    this.#buckets[bucket] = entry;
  }

  /** Re-chains rows [0, count) into `size` buckets, in the order they were added. */
  #rehash(size: number, count: number): void {
    this.#buckets = new Int32Array(size).fill(-1);
    for (let entry = 0; entry < count; entry++) this.#link(entry);
  }

  #read(entry: number): ReplayRow {
    const where = this.#locations.where(entry);
    const text = this.#locations.text(entry);
    // The file was checked when indexed; a different line now means it changed during the run.
    if (text === undefined) throw new VerdictError('DATASET_INVALID', `${where}: the replay file changed while the run read it`, { context: { where } });
    return { row: parseRow(text.trim(), where), where };
  }
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}


/**
 * The join key of a row: the values of `fields`, each as text (numbers and strings with the
 * same digits join), or undefined when any is missing.
 */
export function joinKey(row: unknown, fields: readonly string[]): string | undefined {
  if (fields.length === 1) return keyPart(getPath(row, fields[0]!));
  let key = '';
  for (let index = 0; index < fields.length; index++) {
    const part = keyPart(getPath(row, fields[index]!));
    if (part === undefined) return undefined;
    key += index === 0 ? part : `\u001f${part}`;
  }
  return key;
}

/** The key as people read it: `id="q1"` or `id="q1", lang="en"`. */
export function describeKey(row: unknown, fields: readonly string[]): string {
  return fields.map((field) => `${field}=${JSON.stringify(getPath(row, field) ?? null)}`).join(', ');
}

function keyPart(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/**
 * Expands paths and globs (relative to `baseDir`) into files, in the order given, globs sorted.
 * A plain path that does not exist, or a glob that matches nothing, is an error.
 */
export async function resolveReplayFiles(patterns: readonly string[], baseDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (!isDynamicPattern(pattern)) {
      files.push(resolve(baseDir, pattern));
      continue;
    }
    const matches = await glob([pattern], { cwd: baseDir, absolute: true, onlyFiles: true });
    if (matches.length === 0) {
      throw new VerdictError(
        'DATASET_NOT_FOUND',
        `replay file pattern "${pattern}" matched no files under ${baseDir}; check the path (relative to the spec file)`,
        { context: { pattern, baseDir } },
      );
    }
    files.push(...matches.sort());
  }
  return [...new Set(files)];
}

/**
 * Reads every JSONL file once, streamed (a chunk at a time, never the whole file), checks each
 * row and indexes where it is by the join key (the rows themselves are read again when asked
 * for; see {@link ReplayIndex}).
 */
export async function loadReplayIndex(files: readonly string[], keyFields: readonly string[], baseDir: string): Promise<ReplayIndex> {
  const index = new ReplayIndex(keyFields);
  for (const file of files) {
    const name = displayPath(file, baseDir);
    const fileNumber = index.addFile(file, name);
    try {
      for await (const { row, line, bytes } of readJsonlRows(file, undefined, name)) {
        const key = joinKey(row, keyFields);
        if (key === undefined) {
          throw new VerdictError(
            'DATASET_INVALID',
            `${name}:${line}: replay row has no ${keyFields.map((field) => `"${field}"`).join(' / ')} (the replay key); every row needs the key fields`,
            { context: { file: name, line, key: keyFields } },
          );
        }
        index.add(key, fileNumber, bytes!.start, bytes!.length, line);
      }
    } catch (error) {
      throw error instanceof VerdictError ? error : unreadable(error, name);
    }
  }
  return index;
}

function unreadable(error: unknown, name: string): VerdictError {
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  return new VerdictError(
    missing ? 'DATASET_NOT_FOUND' : 'DATASET_INVALID',
    missing ? `${name}: replay file not found; check the path (relative to the spec file)` : `${name}: cannot read replay file (${(error as Error).message})`,
    { cause: error, context: { file: name } },
  );
}

function parseRow(line: string, where: string): Record<string, unknown> {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (error) {
    throw new VerdictError('DATASET_INVALID', `${where}: not valid JSON (${(error as Error).message})`, {
      cause: error,
      context: { where },
    });
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    const found = Array.isArray(row) ? 'an array' : JSON.stringify(row);
    throw new VerdictError('DATASET_INVALID', `${where}: expected a JSON object per line, got ${found}`, { context: { where } });
  }
  return row as Record<string, unknown>;
}

/** Relative to the spec folder when inside it (as the spec names it), else absolute. */
function displayPath(file: string, baseDir: string): string {
  const fromBase = relative(baseDir, file);
  return fromBase.startsWith('..') || isAbsolute(fromBase) ? file : fromBase;
}

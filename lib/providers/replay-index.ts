import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { VerdictError } from '../errors/index.ts';
import { getPath } from '../template/index.ts';

/** One recorded row and where it came from. */
export interface ReplayRow {
  readonly row: Readonly<Record<string, unknown>>;
  /** `file:line`, for messages. */
  readonly where: string;
}

/** Recorded rows by join key. Several rows under one key are the recorded repeats, in file order. */
export type ReplayIndex = ReadonlyMap<string, readonly ReplayRow[]>;

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

/** Reads every JSONL file once and indexes its rows by the join key. */
export async function loadReplayIndex(files: readonly string[], keyFields: readonly string[], baseDir: string): Promise<ReplayIndex> {
  const index = new Map<string, ReplayRow[]>();
  for (const file of files) {
    const name = displayPath(file, baseDir);
    const text = await readReplayFile(file, name);
    const lines = text.split('\n');
    for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
      const line = lines[lineIndex]!.trim();
      if (line === '') continue;
      const where = `${name}:${lineIndex + 1}`;
      const row = parseRow(line, where);
      const key = joinKey(row, keyFields);
      if (key === undefined) {
        throw new VerdictError(
          'DATASET_INVALID',
          `${where}: replay row has no ${keyFields.map((field) => `"${field}"`).join(' / ')} (the replay key); every row needs the key fields`,
          { context: { file: name, line: lineIndex + 1, key: keyFields } },
        );
      }
      const rows = index.get(key);
      if (rows === undefined) index.set(key, [{ row, where }]);
      else rows.push({ row, where });
    }
  }
  return index;
}

async function readReplayFile(file: string, name: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new VerdictError(
      missing ? 'DATASET_NOT_FOUND' : 'DATASET_INVALID',
      missing ? `${name}: replay file not found; check the path (relative to the spec file)` : `${name}: cannot read replay file (${(error as Error).message})`,
      { cause: error, context: { file: name } },
    );
  }
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

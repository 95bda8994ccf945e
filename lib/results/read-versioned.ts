import type { z } from 'zod';
import { VerdictError } from '../errors/index.ts';
import { formatSchemaIssues } from './format-issues.ts';

/**
 * A result-set file format: its name for messages, the version this Verdict writes, its schema,
 * and the upgrade from each older version to the next (`upgrades[n]` turns version n into n + 1).
 * The policy these implement is in docs/architecture.md, "Result-set contract".
 */
export interface VersionedFormat<T> {
  readonly file: string;
  readonly current: number;
  readonly schema: z.ZodType<T>;
  readonly upgrades: Readonly<Record<number, (value: Record<string, unknown>) => Record<string, unknown>>>;
}

/**
 * Reads one parsed JSON file of a result set: refuses a newer version (naming it and the newest
 * this Verdict reads), brings an older one to the current version through the documented upgrades,
 * then checks it strictly — an unknown key is an error naming `where` and the JSON path.
 */
export function readVersioned<T>(value: unknown, where: string, format: VersionedFormat<T>): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(where, `not a Verdict ${format.file} (expected a JSON object)`);
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw invalid(where, `schemaVersion: expected a positive whole number, got ${JSON.stringify(version) ?? 'nothing'}; not a Verdict ${format.file}`);
  }
  if (version > format.current) {
    throw invalid(where, `written by a newer Verdict (schemaVersion ${version}); this Verdict reads up to ${format.current} — upgrade Verdict to read it`, { version });
  }
  let upgraded = value as Record<string, unknown>;
  for (let from = version; from < format.current; from++) {
    const upgrade = format.upgrades[from];
    if (!upgrade) throw invalid(where, `schemaVersion ${from} is not a version this Verdict can read (it reads ${format.current}${readable(format)})`, { version });
    upgraded = { ...upgrade(upgraded), schemaVersion: from + 1 };
  }
  const parsed = format.schema.safeParse(upgraded);
  if (!parsed.success) throw invalid(where, formatSchemaIssues(parsed.error.issues), { version });
  if (version < format.current && typeof parsed.data === 'object' && parsed.data !== null) storedForms.set(parsed.data, value);
  return parsed.data;
}

/** The file as stored, for values read from an older version (the upgrade changed them). */
const storedForms = new WeakMap<object, object>();

/**
 * What was stored for a value {@link readVersioned} upgraded, or undefined when it was read at the
 * current version. A signature covers the file as written, so it is checked on this form.
 */
export function storedFormOf(value: object): object | undefined {
  return storedForms.get(value);
}

function readable(format: VersionedFormat<unknown>): string {
  const older = Object.keys(format.upgrades).map(Number).filter((version) => version < format.current).sort((a, b) => a - b);
  return older.length > 0 ? ` and upgrades ${older.join(', ')}` : '';
}

function invalid(where: string, problem: string, context: Record<string, unknown> = {}): VerdictError {
  return new VerdictError('RESULT_INVALID', `${where}: ${problem}`, { context: { path: where, ...context } });
}

import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { VerdictError } from '../errors/index.ts';
import { interpolateEnv } from './interpolate.ts';

/** A file of extra candidates (`verdict run --candidates FILE`), read by the caller. */
export interface CandidatesFile {
  readonly text: string;
  /** Path as given, for messages and the manifest. */
  readonly path: string;
  /** Folder its relative paths (replay `file`) resolve against. */
  readonly baseDir: string;
}

/**
 * The candidates of a candidates file — a YAML list, or `{ candidates: [...] }` — ready to append
 * to a spec's: `${ENV}` interpolated as in specs, and each candidate's `file` (replay recordings)
 * rewritten from the candidates file's folder to the spec's, so a shipped spec can be run against
 * your models without editing it. Validation happens with the whole spec; a problem in an added
 * candidate names this file.
 *
 * @example
 * // my-models.yaml:  - { id: mine, provider: openai, model: my-model, baseURL: "http://127.0.0.1:8000/v1" }
 */
export function readCandidatesFile(file: CandidatesFile, specBaseDir: string, env: Readonly<Record<string, string | undefined>>): { candidates: unknown[]; sha256: string } {
  const document = parseDocument(file.text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const line = document.errors[0]!.linePos?.[0]?.line;
    throw new VerdictError('SPEC_INVALID', `${file.path}${line ? `:${line}` : ''}: not valid YAML (${document.errors[0]!.message.split('\n')[0]})`);
  }
  let raw: unknown;
  try {
    raw = interpolateEnv(document.toJS(), env);
  } catch (error) {
    throw new VerdictError('SPEC_INVALID', `${file.path}: ${(error as Error).message}`, { cause: error });
  }
  const list = Array.isArray(raw) ? raw : (raw as { candidates?: unknown } | null)?.candidates;
  if (!Array.isArray(list) || list.length === 0) {
    throw new VerdictError('SPEC_INVALID', `${file.path}: expected a list of candidates (or "candidates: [...]"), each like { id, provider, ... }`);
  }
  const candidates = list.map((candidate) => rebase(candidate, file.baseDir, specBaseDir));
  return { candidates, sha256: createHash('sha256').update(file.text).digest('hex') };
}

/** A candidate's `file` paths made relative to the spec's folder (absolute paths stay). */
function rebase(candidate: unknown, from: string, to: string): unknown {
  if (candidate === null || typeof candidate !== 'object' || !('file' in candidate)) return candidate;
  const move = (path: unknown) => (typeof path !== 'string' || isAbsolute(path) ? path : relative(to, resolve(from, path)).split(sep).join('/') || '.');
  const file = (candidate as { file: unknown }).file;
  return { ...candidate, file: Array.isArray(file) ? file.map(move) : move(file) };
}


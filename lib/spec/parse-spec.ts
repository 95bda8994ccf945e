import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { VerdictError } from '../errors/index.ts';
import { readCandidatesFile, type CandidatesFile } from './candidates-file.ts';
import { formatIssues } from './format-issues.ts';
import { interpolateEnv } from './interpolate.ts';
import { EvalSpecSchema, type EvalSpec } from './schema.ts';

/** A validated spec with what is needed to audit it. */
export interface LoadedSpec {
  readonly spec: EvalSpec;
  /** Path of the spec file, as given. */
  readonly path: string;
  /** Folder that relative paths in the spec resolve against. */
  readonly baseDir: string;
  /** SHA-256 of the spec file's bytes. */
  readonly sha256: string;
  readonly text: string;
  /** The candidates file whose candidates were added (`--candidates`), with its SHA-256. */
  readonly candidatesFile?: { readonly path: string; readonly sha256: string };
}

/**
 * Parses and validates spec text (YAML or JSON). Every problem is reported at once, each line
 * naming the file and key: `evals/x.yaml: scorers[0].type: unknown scorer "exact_match"; known: ...`.
 */
export function parseEvalSpec(
  text: string,
  options: { path: string; baseDir: string; env: Readonly<Record<string, string | undefined>>; candidatesFile?: CandidatesFile },
): LoadedSpec {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new VerdictError('SPEC_INVALID', `${options.path}${line ? `:${line}` : ''}: not valid YAML (${first.message.split('\n')[0]})`, {
      context: { file: options.path, line },
    });
  }
  let raw = interpolateEnvWithFile(document.toJS(), options);
  const extra = options.candidatesFile ? readCandidatesFile(options.candidatesFile, options.baseDir, options.env) : undefined;
  const shipped = Array.isArray((raw as { candidates?: unknown })?.candidates) ? ((raw as { candidates: unknown[] }).candidates) : [];
  if (extra) raw = { ...(raw as object), candidates: [...shipped, ...extra.candidates] };
  const result = EvalSpecSchema.safeParse(raw);
  if (!result.success) {
    const message = formatIssues(result.error, raw, options.path);
    throw new VerdictError('SPEC_INVALID', options.candidatesFile ? blameCandidatesFile(message, options.path, options.candidatesFile.path, shipped.length) : message, {
      context: { file: options.path, issues: result.error.issues.length },
    });
  }
  return {
    spec: result.data,
    path: options.path,
    baseDir: options.baseDir,
    sha256: createHash('sha256').update(text).digest('hex'),
    text,
    ...(extra && { candidatesFile: { path: options.candidatesFile!.path, sha256: extra.sha256 } }),
  };
}

/** `spec.yaml: candidates[3].model: ...` → `my-models.yaml: [1].model: ...` for candidates the file added. */
function blameCandidatesFile(message: string, specPath: string, filePath: string, shipped: number): string {
  return message
    .split('\n')
    .map((line) => {
      const match = /^(.*?): candidates\[(\d+)\](.*)$/.exec(line);
      if (!match || match[1] !== specPath || Number(match[2]) < shipped) return line;
      return `${filePath}: [${Number(match[2]) - shipped}]${match[3]}`;
    })
    .join('\n');
}

function interpolateEnvWithFile(raw: unknown, options: { path: string; env: Readonly<Record<string, string | undefined>> }): unknown {
  try {
    return interpolateEnv(raw, options.env);
  } catch (error) {
    if (error instanceof VerdictError) {
      throw new VerdictError(error.code, `${options.path}: ${error.message}`, { cause: error, context: error.context });
    }
    throw error;
  }
}

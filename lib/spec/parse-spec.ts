import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { VerdictError } from '../errors/index.ts';
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
}

/**
 * Parses and validates spec text (YAML or JSON). Every problem is reported at once, each line
 * naming the file and key: `evals/x.yaml: scorers[0].type: unknown scorer "exact_match"; known: ...`.
 */
export function parseEvalSpec(
  text: string,
  options: { path: string; baseDir: string; env: Readonly<Record<string, string | undefined>> },
): LoadedSpec {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new VerdictError('SPEC_INVALID', `${options.path}${line ? `:${line}` : ''}: not valid YAML (${first.message.split('\n')[0]})`, {
      context: { file: options.path, line },
    });
  }
  const raw = interpolateEnvWithFile(document.toJS(), options);
  const result = EvalSpecSchema.safeParse(raw);
  if (!result.success) {
    throw new VerdictError('SPEC_INVALID', formatIssues(result.error, raw, options.path), {
      context: { file: options.path, issues: result.error.issues.length },
    });
  }
  return {
    spec: result.data,
    path: options.path,
    baseDir: options.baseDir,
    sha256: createHash('sha256').update(text).digest('hex'),
    text,
  };
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

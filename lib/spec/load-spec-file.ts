import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { VerdictError } from '../errors/index.ts';
import { parseEvalSpec, type LoadedSpec } from './parse-spec.ts';

/** Reads a spec file from disk and validates it. The thin file edge beside `parseEvalSpec`. */
export async function loadEvalSpec(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new VerdictError('SPEC_NOT_FOUND', `${path}: cannot read the spec (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
      context: { file: path },
    });
  }
  return parseEvalSpec(text, { path, baseDir: dirname(resolve(path)), env });
}

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { VerdictError } from '../errors/index.ts';
import { parseEvalSpec, type LoadedSpec } from './parse-spec.ts';

/** Reads a spec file from disk and validates it. The thin file edge beside `parseEvalSpec`. */
export async function loadEvalSpec(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: { candidatesFile?: string } = {},
): Promise<LoadedSpec> {
  const candidatesFile = options.candidatesFile === undefined ? undefined : { text: await readText(options.candidatesFile, 'the candidates file'), path: options.candidatesFile, baseDir: dirname(resolve(options.candidatesFile)) };
  return parseEvalSpec(await readText(path, 'the spec'), { path, baseDir: dirname(resolve(path)), env, candidatesFile });
}

async function readText(path: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new VerdictError('SPEC_NOT_FOUND', `${path}: cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
      context: { file: path },
    });
  }
  return text;
}

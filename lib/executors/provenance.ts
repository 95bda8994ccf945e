import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, sep } from 'node:path';
import type { Manifest } from '../results/index.ts';

function packageVersion(name: string, fromUrl: URL): string | undefined {
  try {
    return (JSON.parse(readFileSync(fromUrl, 'utf8')) as { version?: string; name?: string }).version ?? name;
  } catch {
    return undefined;
  }
}

/** Versions recorded in every manifest: Verdict, Node and the openai client. */
export function harnessVersions(): Manifest['versions'] {
  const verdict = packageVersion('verdict', new URL('../../package.json', import.meta.url)) ?? 'unknown';
  const openai = openaiVersion();
  return { verdict, node: process.version, ...(openai && { openai }) };
}

/** The openai client's version, found the way Node finds the package (hoisted into the user's node_modules or not). */
function openaiVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('openai');
    const root = entry.slice(0, entry.lastIndexOf(`${sep}node_modules${sep}openai${sep}`) + `${sep}node_modules${sep}openai${sep}`.length);
    return packageVersion('openai', new URL(`file://${root}package.json`));
  } catch {
    return undefined;
  }
}

/**
 * Paths as the manifest records them: relative to the spec's folder with `/` separators, so a
 * result set says `data/qa.jsonl` (what the spec says) rather than where one machine kept it.
 */
export function specRelativePaths(files: readonly string[], specDir: string): string[] {
  return files.map((file) => relative(specDir, file).split(sep).join('/') || '.');
}

/**
 * The git commit of the folder holding the spec — the user's project, which may not be the
 * working directory nor Verdict's own repository — and whether it had uncommitted changes
 * (null outside git).
 */
export function gitProvenance(cwd = process.cwd()): Manifest['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  const openai = packageVersion('openai', new URL('../../node_modules/openai/package.json', import.meta.url));
  return { verdict, node: process.version, ...(openai && { openai }) };
}

/** The git commit of the working directory and whether it had uncommitted changes (null outside git). */
export function gitProvenance(cwd = process.cwd()): Manifest['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

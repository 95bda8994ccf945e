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

/** `git.reason` of a repository that has no commit yet (`verdict init` in a fresh `git init`). */
export const GIT_NO_COMMITS = 'the repository has no commits yet';

/**
 * The git commit of the folder holding the spec — the user's project, which may not be the
 * working directory nor Verdict's own repository — and whether it had uncommitted changes.
 * When there is no commit to record, `reason` says why: git is not installed, the folder is not
 * in a git repository, or the repository has no commits yet (then `dirty` still says whether it
 * holds files git would commit).
 */
export function gitProvenance(cwd = process.cwd()): Manifest['git'] {
  const git = (args: string[]): string => execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  try {
    git(['rev-parse', '--is-inside-work-tree']);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : 'not in a git repository';
    return { commit: null, dirty: null, reason };
  }
  try {
    const dirty = git(['status', '--porcelain']).trim().length > 0;
    try {
      return { commit: git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).trim(), dirty };
    } catch {
      return { commit: null, dirty, reason: GIT_NO_COMMITS };
    }
  } catch {
    return { commit: null, dirty: null, reason: 'git could not read the repository' };
  }
}

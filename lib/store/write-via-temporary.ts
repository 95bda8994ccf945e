import { randomUUID } from 'node:crypto';
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file whole or not at all: the text goes to a temporary file in the same folder (so the
 * final step stays on one file system), which then takes the file's name. `replace` renames it
 * over any existing file, so a concurrent reader sees the old content or the new, never part of
 * either; `create` links it and fails with EEXIST when the file exists. The temporary file is
 * removed whatever happens.
 */
export async function writeViaTemporary(path: string, text: string, mode: 'replace' | 'create' = 'replace'): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, text);
    await (mode === 'replace' ? rename(temporary, path) : link(temporary, path));
  } finally {
    await rm(temporary, { force: true });
  }
}

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeViaTemporary } from '../../../lib/store/index.ts';

describe('writeViaTemporary', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verdict-write-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces a file and creates missing folders, leaving no temporary file', async () => {
    const path = join(dir, 'nested', 'file.json');
    await writeViaTemporary(path, 'one');
    await writeViaTemporary(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'nested'))).toEqual(['file.json']);
  });

  it('in create mode refuses an existing file, keeps its content and removes the temporary file', async () => {
    const path = join(dir, 'summary.json');
    await writeFile(path, 'sealed');
    await expect(writeViaTemporary(path, 'other', 'create')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path, 'utf8')).toBe('sealed');
    expect(await readdir(dir)).toEqual(['summary.json']);
  });

  it('removes the temporary file when the final rename fails', async () => {
    // A non-empty folder in the way: the rename fails after the temporary file was written.
    const path = join(dir, 'build.json');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'x');
    await expect(writeViaTemporary(path, '{}')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['build.json']);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What dependency-cruiser (`npm run lint`, .dependency-cruiser.cjs) cannot see: a read of the
 * environment. Imports — cycles, core → adapter, core → file system/network/SDK, modules through
 * index.ts — are its rules, not this test's.
 */
const ROOT = join(import.meta.dirname, '..', '..');
/** The core (the same list as CORE in .dependency-cruiser.cjs). */
const CORE_MODULES = ['lib/spec', 'lib/stats', 'lib/engine', 'lib/gate', 'lib/results', 'lib/scorers', 'lib/datasets', 'lib/template', 'lib/errors', 'lib/ports'];
/** The core's edge that reads a spec from disk takes `process.env` as the default for `${ENV}` interpolation. */
const ENV_READERS = ['lib/spec/load-spec-file.ts'];

function sourceFiles(folder: string): string[] {
  const path = join(ROOT, folder);
  return readdirSync(path).flatMap((name) => {
    const child = join(path, name);
    if (statSync(child).isDirectory()) return sourceFiles(relative(ROOT, child));
    return name.endsWith('.ts') ? [child] : [];
  });
}

describe('layers', () => {
  it.each(CORE_MODULES)('%s reads no environment', (folder) => {
    const files = sourceFiles(folder);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const where = relative(ROOT, file);
      if (ENV_READERS.includes(where)) continue;
      expect(/process\.env/.test(readFileSync(file, 'utf8')), `${where} reads process.env`).toBe(false);
    }
  });

  it('keeps its core list the same as the dependency-cruiser rules', () => {
    const config = readFileSync(join(ROOT, '.dependency-cruiser.cjs'), 'utf8');
    const core = /const CORE = '\^lib\/\(([^)]+)\)\/';/.exec(config)?.[1]?.split('|');
    expect(core?.map((name) => `lib/${name}`).sort()).toEqual([...CORE_MODULES].sort());
  });
});

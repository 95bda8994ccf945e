import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
/** The pure core: no AWS, no CDK, no HTTP client, no file system, no environment. */
const PURE_MODULES = ['lib/scorers', 'lib/stats', 'lib/engine', 'lib/gate', 'lib/results', 'lib/template'];
const FORBIDDEN_IMPORTS = [/^@aws-sdk\//, /^aws-cdk-lib/, /^openai$/, /^node:fs/, /^fs(\/|$)/, /^undici/];

function sourceFiles(folder: string): string[] {
  const path = join(ROOT, folder);
  return readdirSync(path).flatMap((name) => {
    const child = join(path, name);
    if (statSync(child).isDirectory()) return sourceFiles(relative(ROOT, child));
    return name.endsWith('.ts') ? [child] : [];
  });
}

/** Runtime imports only: `import type` is erased and cannot pull an adapter in. */
function runtimeImports(source: string): string[] {
  const imports: string[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) imports.push(match[2]!);
  for (const match of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) imports.push(match[1]!);
  return imports;
}

describe('layers', () => {
  it.each(PURE_MODULES)('%s imports no adapter, SDK or file system and reads no environment', (folder) => {
    for (const file of sourceFiles(folder)) {
      const source = readFileSync(file, 'utf8');
      const where = relative(ROOT, file);
      for (const specifier of runtimeImports(source)) {
        expect(FORBIDDEN_IMPORTS.some((pattern) => pattern.test(specifier)), `${where} imports ${specifier}`).toBe(false);
        expect(/lib\/(providers|store|executors|infra)\b|\/(providers|store|executors|infra)\//.test(specifier), `${where} imports ${specifier}`).toBe(false);
      }
      expect(/process\.env/.test(source), `${where} reads process.env`).toBe(false);
    }
  });

  it('finds imports the way the check expects (a wrong regex would make it pass vacuously)', () => {
    expect(runtimeImports("import { a } from 'node:fs';\nimport type { B } from 'openai';\nconst x = await import('openai');")).toEqual([
      'node:fs',
      'openai',
    ]);
  });
});

#!/usr/bin/env node
// Launcher. Runs the esbuild bundle in dist/bin/ (built by `npm ci`/`npm pack` through `prepare`,
// shipped in the package), which starts without compiling TypeScript. In a development clone the
// TypeScript sources run through tsx instead whenever one is newer than the bundle, so an edit is
// never hidden behind a stale build; VERDICT_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bundle = new URL('../dist/bin/verdict.mjs', import.meta.url);
const stamp = `${root}dist/build.json`;

/** True when a file under one of `dirs` changed after `since` (ms). Only a clone has a .git to edit in. */
function sourcesNewerThan(since) {
  if (!existsSync(`${root}.git`)) return false;
  // reports/ too: the CLI bundles the dossier renderer from there.
  const pending = ['bin', 'lib', 'reports'].map((dir) => `${root}${dir}`);
  while (pending.length > 0) {
    const dir = pending.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.name.endsWith('.ts') && statSync(path).mtimeMs > since) return true;
    }
  }
  return false;
}

function useBundle() {
  if (process.env.VERDICT_FROM_SOURCE === '1' || !existsSync(stamp) || !existsSync(fileURLToPath(bundle))) return false;
  return !sourcesNewerThan(statSync(stamp).mtimeMs);
}

if (useBundle()) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./verdict.ts');
}

// Bundles the CLI (bin/verdict.ts and the lib/ it imports) into dist/bin/ with esbuild, so `verdict`
// starts without compiling TypeScript. Run by `npm run build`, and by `prepare` on `npm ci`/`npm pack`.
// Plain JavaScript on purpose: it must run before anything is compiled.
import { build } from 'esbuild';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTERNAL = [
  '@aws-sdk/*',
  '@aws-lambda-powertools/*',
  'aws-cdk-lib',
  'aws-cdk-lib/*',
  'constructs',
  'cdk-nag',
  'esbuild',
  'openai',
  'openai/*',
  'js-tiktoken',
  'js-tiktoken/*',
  'tsx',
  'tsx/*',
  'playwright-core',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
// Built beside dist/ and swapped in whole: no stale chunks, and a CLI starting meanwhile sees the old build or the new one.
const staging = `dist.tmp-${process.pid}`;
const result = await build({
  absWorkingDir: root,
  entryPoints: { verdict: 'bin/verdict.ts' },
  outdir: `${staging}/bin`, // two levels below the root, like lib/<module>/: import.meta.url-relative paths still resolve
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true, // dynamic imports (cloud commands, SDKs) stay lazy chunks
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Small pure-JS dependencies (zod, yaml, commander ...) are bundled: one file to parse instead of
  // hundreds of modules to resolve. The SDKs, esbuild (native) and anything loaded lazily stay in
  // node_modules.
  external: EXTERNAL,
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __verdictRequire } from 'node:module'; const require = __verdictRequire(import.meta.url);" },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(join(root, staging, 'build.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), inputs: Object.keys(result.metafile.inputs).length }, null, 2)}\n`);
rmSync(join(root, 'dist'), { recursive: true, force: true });
renameSync(join(root, staging), join(root, 'dist'));
process.stderr.write(`verdict: CLI bundled into dist/bin in ${Date.now() - started} ms\n`);

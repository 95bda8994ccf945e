import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { VerdictError } from '../errors/index.ts';

/** The page's compiled assets. */
export interface PageBundle {
  readonly js: string;
  readonly css: string;
}

const REPORTS_DIR = fileURLToPath(new URL('../../reports/', import.meta.url));
let cached: Promise<PageBundle> | undefined;

/**
 * Bundles the page (`reports/main.ts` with chart.js, and `reports/styles.css`) with esbuild into
 * one script and one stylesheet, minified, no source maps and no external imports. Built once per
 * process (the page source does not change while `verdict serve` runs).
 */
export function bundlePage(): Promise<PageBundle> {
  cached ??= bundle().catch((error: unknown) => {
    cached = undefined;
    throw new VerdictError('USAGE', `reports/: the report page did not compile (${(error as Error).message})`, { cause: error });
  });
  return cached;
}

async function bundle(): Promise<PageBundle> {
  const result = await build({
    entryPoints: { app: `${REPORTS_DIR}main.ts`, styles: `${REPORTS_DIR}styles.css` },
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir: 'out',
    legalComments: 'eof',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text;
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'))?.text;
  if (js === undefined || css === undefined) throw new Error('esbuild produced no app.js or styles.css');
  // Inlined into <script>/<style> in single-file mode: a closing tag inside would end the element early.
  return { js: js.replace(/<\/(script)/gi, '<\\/$1'), css: css.replace(/<\/(style)/gi, '<\\/$1') };
}

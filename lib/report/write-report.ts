import type { ResultStore } from '../ports/index.ts';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { VerdictError } from '../errors/index.ts';
import { writeViaTemporary } from '../store/index.ts';
import { buildReportIndex } from './build-index.ts';
import { bundlePage } from './bundle-page.ts';
import type { ChunkSink } from './collect-run.ts';
import { renderPageHtml, type DataBlock } from './page-html.ts';
import { chunkBlockId, INDEX_BLOCK_ID, type ReportIndex } from './report-data.ts';

const TITLE = 'Verdict report';

/** What a report build wrote. */
export interface ReportOutput {
  readonly index: ReportIndex;
  /** The HTML file to open. */
  readonly entry: string;
  readonly bytes: number;
}

/**
 * A sample chunk as a script (`data/<name>.js`) that hands its JSON text to the page. Scripts
 * from the site load under `script-src 'self'` even when index.html is opened from file://,
 * where fetch() cannot read local files; the JSON travels as a string and is parsed with
 * JSON.parse, which is faster than evaluating a large object literal.
 */
export function chunkScript(name: string, json: string): string {
  return `window.__verdictChunk(${JSON.stringify(name)},${JSON.stringify(json).replace(/</g, '\\u003c')});\n`;
}

/**
 * Writes the static site: `index.html` (overview data inlined, so it renders without a fetch),
 * `app.js`, `app.css`, `data/index.json`, `data/build.json` and the sample chunks under `data/`.
 * The previous `data/` folder is replaced, so no stale chunk survives a rebuild; `build.json` is
 * written last, through a temporary file.
 */
export async function writeReportSite(options: { resultsDir: string; outDir: string; live?: boolean; store?: ResultStore }): Promise<ReportOutput> {
  const outDir = resolve(options.outDir);
  await assertNotOverResults(resolve(options.resultsDir), outDir);
  const [page] = await Promise.all([bundlePage(), clearSiteData(outDir)]);
  let bytes = 0;
  const sink: ChunkSink = {
    async writeChunk(name, json) {
      const path = join(outDir, 'data', `${name}.js`);
      await mkdir(dirname(path), { recursive: true });
      const script = chunkScript(name, json);
      await writeFile(path, script);
      bytes += script.length;
    },
  };
  const index = await buildReportIndex({ resultsDir: options.resultsDir, store: options.store, sink, live: options.live });
  const indexJson = JSON.stringify(index);
  const html = renderPageHtml({
    title: TITLE,
    assets: { mode: 'files', scriptSrc: 'app.js', styleHref: 'app.css' },
    blocks: [{ id: INDEX_BLOCK_ID, json: indexJson }],
  });
  await mkdir(join(outDir, 'data'), { recursive: true });
  await Promise.all([
    writeFile(join(outDir, 'app.js'), page.js),
    writeFile(join(outDir, 'app.css'), page.css),
    writeFile(join(outDir, 'data', 'index.json'), indexJson),
  ]);
  await writeFile(join(outDir, 'index.html'), html);
  // Last and whole: a page polling build.json learns of a new build only once the rest is written,
  // and never reads half of it (a rename replaces the file in one step).
  await writeViaTemporary(join(outDir, 'data', 'build.json'), JSON.stringify({ buildId: index.buildId }));
  bytes += html.length + page.js.length + page.css.length + indexJson.length;
  return { index, entry: join(outDir, 'index.html'), bytes };
}

/**
 * Writes one self-contained HTML file: script, stylesheet, overview data and every sample chunk
 * inlined, under a CSP that allows exactly the inlined script and style (by SHA-256) and no
 * network at all. It opens from `file://` and can be attached to an audit or an e-mail.
 */
export async function writeSingleFileReport(options: { resultsDir: string; file: string }): Promise<ReportOutput> {
  const file = resolve(options.file);
  const page = await bundlePage();
  const blocks: DataBlock[] = [];
  const sink: ChunkSink = {
    async writeChunk(name, json) {
      blocks.push({ id: chunkBlockId(name), json });
    },
  };
  const index = await buildReportIndex({ resultsDir: options.resultsDir, sink });
  const html = renderPageHtml({
    title: TITLE,
    assets: { mode: 'inline', js: page.js, css: page.css },
    blocks: [{ id: INDEX_BLOCK_ID, json: JSON.stringify(index) }, ...blocks],
  });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, html);
  return { index, entry: file, bytes: Buffer.byteLength(html) };
}

/** Writing the site over the results folder, or into a run's own folder, would change result sets. */
async function assertNotOverResults(resultsDir: string, outDir: string): Promise<void> {
  if (outDir === resultsDir) {
    throw new VerdictError('USAGE', `--out ${outDir}: the site cannot replace the results folder; use e.g. --out ${join(resultsDir, 'site')}`);
  }
  if (!relative(join(outDir, 'data'), resultsDir).startsWith('..')) {
    throw new VerdictError('USAGE', `--out ${outDir}: the results are inside its data/ folder, which a build replaces; use e.g. --out ${join(resultsDir, 'site')}`);
  }
  const inside = relative(resultsDir, outDir);
  const runFolder = inside.split(/[\\/]/)[0]!;
  if (!inside.startsWith('..') && !isAbsolute(inside) && (await exists(join(resultsDir, runFolder, 'manifest.json')))) {
    throw new VerdictError('USAGE', `--out ${outDir}: that is inside the result set ${runFolder}, which is never modified; use e.g. --out ${join(resultsDir, 'site')}`);
  }
}

/**
 * Removes the previous build's `data/` so no stale chunk survives, but only when it is a Verdict
 * site's (it holds `build.json`): `--out` pointed at a folder with someone else's `data/` fails
 * instead of deleting it.
 */
async function clearSiteData(outDir: string): Promise<void> {
  const data = join(outDir, 'data');
  if (!(await exists(data))) return;
  if (!(await exists(join(data, 'build.json')))) {
    throw new VerdictError('USAGE', `--out ${outDir}: it already has a data/ folder that is not a Verdict report's; choose a new or empty folder`);
  }
  await rm(data, { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

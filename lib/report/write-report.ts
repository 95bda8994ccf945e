import type { ResultStore } from '../ports/index.ts';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
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
 * The new `data/` is built beside the old one and takes its place only once whole, so no stale
 * chunk survives a rebuild and a rebuild that fails leaves the previous report as it was;
 * `build.json` is written last, through a temporary file.
 */
export async function writeReportSite(options: { resultsDir: string; outDir: string; live?: boolean; store?: ResultStore }): Promise<ReportOutput> {
  const outDir = resolve(options.outDir);
  await assertNotOverResults(resolve(options.resultsDir), outDir);
  await assertOwnData(outDir);
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(join(outDir, '.data-'));
  let built: { index: ReportIndex; indexJson: string; bytes: number; page: ReportPage };
  try {
    built = await buildData(options, staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const { index, indexJson, page } = built;
  const html = renderPageHtml({
    title: TITLE,
    assets: { mode: 'files', scriptSrc: 'app.js', styleHref: 'app.css' },
    blocks: [{ id: INDEX_BLOCK_ID, json: indexJson }],
  });
  await Promise.all([writeFile(join(outDir, 'app.js'), page.js), writeFile(join(outDir, 'app.css'), page.css)]);
  await replaceData(outDir, staging);
  await writeFile(join(outDir, 'index.html'), html);
  // Last and whole: a page polling build.json learns of a new build only once the rest is written,
  // and never reads half of it (a rename replaces the file in one step).
  await writeViaTemporary(join(outDir, 'data', 'build.json'), JSON.stringify({ buildId: index.buildId }));
  return { index, entry: join(outDir, 'index.html'), bytes: built.bytes + html.length + page.js.length + page.css.length + indexJson.length };
}

type ReportPage = Awaited<ReturnType<typeof bundlePage>>;

/** Reads the runs, writing their sample chunks and `index.json` into `dataDir`. */
async function buildData(options: { resultsDir: string; live?: boolean; store?: ResultStore }, dataDir: string) {
  let bytes = 0;
  const sink: ChunkSink = {
    async writeChunk(name, json) {
      const path = join(dataDir, `${name}.js`);
      await mkdir(dirname(path), { recursive: true });
      const script = chunkScript(name, json);
      await writeFile(path, script);
      bytes += script.length;
    },
  };
  const [page, index] = await Promise.all([bundlePage(), buildReportIndex({ resultsDir: options.resultsDir, store: options.store, sink, live: options.live })]);
  const indexJson = JSON.stringify(index);
  await writeFile(join(dataDir, 'index.json'), indexJson);
  return { index, indexJson, bytes, page };
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

/**
 * Where `verdict report DIR` puts the site without `--out`: `DIR/site` for a folder of runs,
 * `DIR-site` beside a single run's folder (a result set is never modified), `verdict-report`
 * in the working directory for S3.
 */
export function defaultSiteDir(location: string): string {
  if (location.startsWith('s3:')) return 'verdict-report';
  const folder = location.replace(/[\\/]+$/, '') || location;
  return existsSync(join(folder, 'manifest.json')) ? `${folder}-site` : `${folder}/site`;
}

/**
 * Writing the site over the results folder, into a run's own folder, or so that the results lie
 * inside the `data/` a build replaces, would change or delete result sets. Compared with
 * symbolic links resolved: a link is another name for the same folder.
 */
async function assertNotOverResults(given: string, outDir: string): Promise<void> {
  const [resultsDir, out] = await Promise.all([realPath(given), realPath(outDir)]);
  const instead = `use e.g. --out ${defaultSiteDir(given)}`;
  if (out === resultsDir) {
    throw new VerdictError('USAGE', `--out ${outDir}: the site cannot replace the results folder; ${instead}`);
  }
  if (!relative(join(out, 'data'), resultsDir).startsWith('..')) {
    throw new VerdictError('USAGE', `--out ${outDir}: the results are inside its data/ folder, which a build replaces; ${instead}`);
  }
  const inside = relative(resultsDir, out);
  if (inside.startsWith('..') || isAbsolute(inside)) return;
  // The location is one run's folder, or a folder of runs with --out inside one of them.
  const runFolder = (await exists(join(resultsDir, 'manifest.json'))) ? resultsDir : join(resultsDir, inside.split(/[\\/]/)[0]!);
  if (await exists(join(runFolder, 'manifest.json'))) {
    throw new VerdictError('USAGE', `--out ${outDir}: that is inside the result set ${basename(runFolder)}, which is never modified; ${instead}`);
  }
}

/** The path with symbolic links resolved, for as much of it as exists (the site folder may not yet). */
async function realPath(path: string): Promise<string> {
  const real = await realpath(path).catch(() => null);
  if (real !== null) return real;
  const parent = dirname(path);
  return parent === path ? path : join(await realPath(parent), basename(path));
}

/**
 * A previous build's `data/` is replaced, but only when it is a Verdict site's (it holds
 * `build.json`): `--out` pointed at a folder with someone else's `data/` fails before anything is
 * read or written.
 */
async function assertOwnData(outDir: string): Promise<void> {
  const data = join(outDir, 'data');
  if ((await exists(data)) && !(await exists(join(data, 'build.json')))) {
    throw new VerdictError('USAGE', `--out ${outDir}: it already has a data/ folder that is not a Verdict report's; choose a new or empty folder`);
  }
}

/** Puts the finished `staging` folder in the place of `data/`, then removes the old one. */
async function replaceData(outDir: string, staging: string): Promise<void> {
  const data = join(outDir, 'data');
  const previous = `${staging}-previous`;
  const hadData = await rename(data, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  await rename(staging, data);
  if (hadData) await rm(previous, { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

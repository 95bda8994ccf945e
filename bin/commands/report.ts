import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSiteDir, writeReportSite, writeSingleFileReport, type ReportIndex } from '../../lib/report/index.ts';
import { openRunAt, requireSealed } from '../../lib/store/index.ts';
import { renderDossier } from '../../reports/dossier/render-dossier.ts';
import { checkEvidence } from './check-evidence.ts';

/** Options of `verdict report`, as commander parses them. */
export interface ReportCommandOptions {
  out?: string;
  singleFile?: string;
  /** Write the audit dossier of the one run DIR instead of the site (`--out` is then the HTML file). */
  dossier?: boolean;
}

/**
 * `verdict report [DIR]`: builds the static site (default DIR/site, or DIR-site for one run's folder) and/or one self-contained
 * HTML file. stdout gets the path of each HTML file written; stderr says how to open it.
 */
export async function reportCommand(dir: string, options: ReportCommandOptions): Promise<number> {
  if (options.dossier) return dossierCommand(dir, options.out);
  const started = Date.now();
  const written: string[] = [];
  if (options.out || !options.singleFile) {
    const outDir = options.out ?? defaultSiteDir(dir);
    const { index, entry, bytes } = await writeReportSite({ resultsDir: dir, outDir });
    written.push(entry);
    warnTampered(index);
    process.stderr.write(`verdict: report of ${index.runs.length} run(s) → ${entry} (${megabytes(bytes)}, ${Date.now() - started} ms)\n`);
  }
  if (options.singleFile) {
    const { index, entry, bytes } = await writeSingleFileReport({ resultsDir: dir, file: options.singleFile });
    written.push(entry);
    if (!options.out && options.singleFile) warnTampered(index);
    process.stderr.write(`verdict: single-file report of ${index.runs.length} run(s) → ${entry} (${megabytes(bytes)})\n`);
  }
  process.stderr.write(
    `\nopen it:\n  verdict serve ${dir}     (local server, rebuilds when runs change)\n` +
      written.map((entry) => `  ${pathToFileURL(entry).href}\n`).join(''),
  );
  process.stdout.write(`${written.join('\n')}\n`);
  return 0;
}

/**
 * `verdict report <run> --dossier [--out file.html]`: the run's audit dossier, verified exactly as
 * `verdict verify` does. A tampered run still gets its dossier (saying so at the top of every
 * page), and the command exits 1 as verify does, so a pipeline cannot hand it on unnoticed.
 */
async function dossierCommand(runDir: string, out: string | undefined): Promise<number> {
  const run = await openRunAt(runDir, 'verdict report --dossier');
  const summary = requireSealed(run, 'verdict report --dossier');
  const verification = await checkEvidence(run, summary);
  const html = renderDossier({ manifest: run.manifest, summary, verification, location: runDir, generatedAt: new Date().toISOString() });
  // Never inside the sealed run folder: beside it (or in the working directory for S3 runs).
  const file = resolve(out ?? (runDir.startsWith('s3:') ? `${run.runId}-dossier.html` : `${dirname(resolve(runDir))}/${basename(resolve(runDir))}-dossier.html`));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, html);
  if (!verification.intact) {
    process.stderr.write(`verdict report: run ${run.runId}: TAMPERED — fails \`verdict verify\`; the dossier says so on every page\n${verification.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
  }
  process.stderr.write(`verdict: audit dossier of ${run.runId} (${verification.intact ? 'intact' : 'TAMPERED'}) → ${file}\n  print it to PDF from a browser, or: chromium --headless --print-to-pdf=dossier.pdf ${pathToFileURL(file).href}\n`);
  process.stdout.write(`${file}\n`);
  return verification.intact ? 0 : 1;
}

/** Runs that fail verification are marked TAMPERED in the page; say so here too. */
function warnTampered(index: ReportIndex): void {
  for (const run of index.runs) {
    if (run.status !== 'tampered') continue;
    process.stderr.write(`verdict report: run ${run.runId}: TAMPERED — fails \`verdict verify\`; the report marks it and shows none of its figures as sealed\n${(run.problems ?? []).map((problem) => `  - ${problem}`).join('\n')}\n`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

import { pathToFileURL } from 'node:url';
import { writeReportSite, writeSingleFileReport, type ReportIndex } from '../../lib/report/index.ts';

/** Options of `verdict report`, as commander parses them. */
export interface ReportCommandOptions {
  out?: string;
  singleFile?: string;
}

/**
 * `verdict report [DIR]`: builds the static site (default DIR/site) and/or one self-contained
 * HTML file. stdout gets the path of each HTML file written; stderr says how to open it.
 */
export async function reportCommand(dir: string, options: ReportCommandOptions): Promise<number> {
  const started = Date.now();
  const written: string[] = [];
  if (options.out || !options.singleFile) {
    // Runs read from S3 get a local site folder; runs in a folder get one beside them.
    const outDir = options.out ?? (dir.startsWith('s3:') ? 'verdict-report' : `${dir.replace(/\/+$/, '')}/site`);
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

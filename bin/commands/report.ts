import { pathToFileURL } from 'node:url';
import { writeReportSite, writeSingleFileReport } from '../../lib/report/index.ts';

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
    process.stderr.write(`verdict: report of ${index.runs.length} run(s) → ${entry} (${megabytes(bytes)}, ${Date.now() - started} ms)\n`);
  }
  if (options.singleFile) {
    const { index, entry, bytes } = await writeSingleFileReport({ resultsDir: dir, file: options.singleFile });
    written.push(entry);
    process.stderr.write(`verdict: single-file report of ${index.runs.length} run(s) → ${entry} (${megabytes(bytes)})\n`);
  }
  process.stderr.write(
    `\nopen it:\n  verdict serve ${dir}     (local server, rebuilds when runs change)\n` +
      written.map((entry) => `  ${pathToFileURL(entry).href}\n`).join(''),
  );
  process.stdout.write(`${written.join('\n')}\n`);
  return 0;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

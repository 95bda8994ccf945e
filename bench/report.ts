/**
 * Report benchmark: build and first render of a 100,000-record run in headless Chromium.
 * Goals (issue 6): overview interactive within 2 s; the sample table pages in under 100 ms.
 *
 *   npx tsx bench/report.ts          # alone, prints a table
 *   import { benchReport } from './report.ts'   # from bench/index.ts (`npm run bench`)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReportSite } from '../lib/report/index.ts';
import { launchBrowser, ready } from '../test/e2e/browser.ts';
import { writeAuditFixture } from '../test/fixtures/report-runs.ts';

/** One measured number. */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The goal, as text (e.g. "< 2000"). */
  readonly target: string;
}

/** Builds a 100,002-record report and measures build, first render and paging. */
export async function benchReport(options: { samples?: number } = {}): Promise<BenchResult[]> {
  const samples = options.samples ?? 33_334; // × 3 candidates = 100,002 records
  const dir = await mkdtemp(join(tmpdir(), 'verdict-bench-report-'));
  const browser = await launchBrowser();
  try {
    await writeAuditFixture(join(dir, 'results'), { runId: 'bench', samples, bias: false });
    const buildStart = performance.now();
    const { entry, index, bytes } = await writeReportSite({ resultsDir: join(dir, 'results'), outDir: join(dir, 'site') });
    const buildMs = performance.now() - buildStart;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(entry).href;
    await page.goto(`${url}#/run/bench/overview`);
    await ready(page, 'overview');
    const overviewMs = await page.evaluate(() => performance.getEntriesByName('verdict:rendered:overview')[0]!.startTime);

    const samplesStart = await page.evaluate(() => {
      const start = performance.now();
      // One row per record (the fixture's three candidates would open side by side): the paging measured is the records'.
      location.hash = '#/run/bench/samples?layout=records';
      return start;
    });
    await page.waitForSelector('#samples-body tr[data-item]');
    const firstPageMs = (await page.evaluate(() => performance.now())) - samplesStart;
    await page.waitForFunction((total) => document.getElementById('samples-status')?.textContent?.startsWith(`${total} of ${total}`), index.runs[0]!.samples.count.toLocaleString('en-US'), { timeout: 120_000 });
    const allLoadedMs = (await page.evaluate(() => performance.now())) - samplesStart;

    const pageTimes: number[] = [];
    for (let step = 0; step < 30; step++) {
      pageTimes.push(
        await page.evaluate(() => {
          const start = performance.now();
          (document.getElementById('samples-next') as HTMLButtonElement).click();
          void document.body.offsetHeight; // include style and layout of the new page
          return performance.now() - start;
        }),
      );
    }
    pageTimes.sort((a, b) => a - b);
    const filterMs = await page.evaluate(() => {
      const start = performance.now();
      const select = document.getElementById('samples-r') as HTMLSelectElement;
      select.value = 'fail';
      select.dispatchEvent(new Event('change'));
      void document.body.offsetHeight;
      return performance.now() - start;
    });
    return [
      { name: 'report: records', value: index.runs[0]!.samples.count, unit: 'records', target: '100,000' },
      { name: 'report: build site', value: round(buildMs), unit: 'ms', target: '—' },
      { name: 'report: site size', value: round(bytes / 1024 / 1024), unit: 'MB', target: '—' },
      { name: 'report: overview interactive', value: round(overviewMs), unit: 'ms', target: '< 2000' },
      { name: 'report: first sample page', value: round(firstPageMs), unit: 'ms', target: '< 2000' },
      { name: 'report: all samples loaded', value: round(allLoadedMs), unit: 'ms', target: '—' },
      { name: 'report: page turn (median)', value: round(pageTimes[Math.floor(pageTimes.length / 2)]!), unit: 'ms', target: '< 100' },
      { name: 'report: page turn (max of 30)', value: round(pageTimes[pageTimes.length - 1]!), unit: 'ms', target: '< 100' },
      { name: 'report: filter 100k rows', value: round(filterMs), unit: 'ms', target: '< 100' },
    ];
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchReport();
  for (const row of rows) process.stdout.write(`${row.name.padEnd(34)} ${String(row.value).padStart(10)} ${row.unit.padEnd(8)} target ${row.target}\n`);
}

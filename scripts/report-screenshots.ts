/**
 * Makes the report screenshots in docs/images/ from real runs of the shipped specs (offline):
 *
 *   npx tsx scripts/report-screenshots.ts            # needs Chromium at /usr/bin/chromium (or VERDICT_CHROMIUM)
 *
 * report-overview.png   the demo's overview, desktop
 * report-phone.png      the demo's overview at 390 px (iPhone 12-14 width)
 * report-zh.png         the bias-audit overview in Simplified Chinese
 * report-samples.png    the demo's samples side by side, with the input
 * report-bias.png       the bias page of evals/bias-audit.yaml and evals/fairness-decisions.yaml
 * report-dossier.png    the audit dossier of the bias-audit run (`verdict report <run> --dossier`)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { serveReport } from '../lib/report/index.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'images');
const VERDICT = join(ROOT, 'bin', 'verdict.js');

async function verdict(args: string[]): Promise<void> {
  // Exit 1 is a failed gate: the shipped bias specs' positive controls fail on purpose.
  await promisify(execFile)(process.execPath, [VERDICT, ...args], { env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' } }).catch((error: { code?: number }) => {
    if (error.code !== 1) throw error;
  });
}

const work = await mkdtemp(join(tmpdir(), 'verdict-shots-'));
const results = join(work, 'results');
for (const [runId, spec] of [['demo', 'demo.yaml'], ['bias-audit', 'bias-audit.yaml'], ['fairness', 'fairness-decisions.yaml']] as const) {
  await verdict(['run', join(ROOT, 'evals', spec), '--out', results, '--run-id', runId, '--quiet']);
}
const dossier = join(work, 'dossier.html');
await verdict(['report', join(results, 'bias-audit'), '--dossier', '--out', dossier]);

const server = await serveReport({ resultsDir: results, port: 0 });
const browser = await chromium.launch({ executablePath: process.env.VERDICT_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  async function shot(name: string, url: string, options: { width?: number; height?: number; lang?: string; wait?: string; full?: boolean } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, deviceScaleFactor: options.width && options.width < 500 ? 2 : 1 });
    await page.addInitScript((lang) => localStorage.setItem('verdict.lang', lang), options.lang ?? 'en');
    await page.goto(url);
    await page.waitForSelector(options.wait ?? 'html[data-ready="1"]');
    await page.waitForTimeout(400); // chart animations are off, but fonts and canvases settle
    await page.screenshot({ path: join(OUT, name), fullPage: options.full ?? true });
    process.stderr.write(`wrote docs/images/${name}\n`);
    return page;
  }
  await shot('report-overview.png', `${server.url}#/run/demo/overview`);
  await shot('report-phone.png', `${server.url}#/run/demo/overview`, { width: 390, height: 844 });
  await shot('report-zh.png', `${server.url}#/run/bias-audit/overview`, { lang: 'zh-CN' });
  await shot('report-samples.png', `${server.url}#/run/demo/samples?size=25`, { wait: '#samples-body tr[data-sample]', full: false, height: 1100 });
  await shot('report-bias.png', `${server.url}#/run/bias-audit/bias`);
  await shot('report-dossier.png', pathToFileURL(dossier).href, { wait: '#verification', width: 1000 });
} finally {
  await browser.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}

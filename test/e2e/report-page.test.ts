import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveReport, writeReportSite, writeSingleFileReport, type ReportServer } from '../../lib/report/index.ts';
import type { ResultRecord, Summary } from '../../lib/results/index.ts';
import { FsResultStore } from '../../lib/store/index.ts';
import { HOSTILE_OUTPUTS, runLocalFixture, runSpec, writeAuditFixture } from '../fixtures/report-runs.ts';
import { canvasInk, launchBrowser, ready, skipBrowserTests, watchedPage, type PageWatch } from './browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-output', 'report');

describe.skipIf(skipBrowserTests)('report page in headless Chromium', () => {
  let dir: string;
  let results: string;
  let browser: Browser;
  let server: ReportServer;
  let singleFile: string;
  let siteIndex: string;
  const summaries: Record<string, Summary> = {};
  const records: Record<string, ResultRecord[]> = {};
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'verdict-e2e-'));
    results = join(dir, 'results');
    await mkdir(SHOTS, { recursive: true });
    summaries.demo = await runSpec(join(ROOT, 'evals', 'demo.yaml'), results, 'demo');
    summaries['local-fixture'] = await runLocalFixture(join(dir, 'work'), results);
    summaries['audit-fixture'] = (await writeAuditFixture(results)).summary;
    const store = new FsResultStore(results);
    for (const runId of Object.keys(summaries)) {
      records[runId] = [];
      for await (const record of store.readRecords(runId)) records[runId].push(record);
    }
    siteIndex = (await writeReportSite({ resultsDir: results, outDir: join(dir, 'site') })).entry;
    singleFile = (await writeSingleFileReport({ resultsDir: results, file: join(dir, 'report.html') })).entry;
    server = await serveReport({ resultsDir: results, port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    // Every page in every test: no console error, no dialog, no request off the machine.
    for (const watch of watches.splice(0)) {
      expect(watch.errors, 'console errors').toEqual([]);
      expect(watch.dialogs, 'dialogs').toEqual([]);
      expect(watch.externalRequests, 'external requests').toEqual([]);
    }
  });

  async function open(url: string, view: string, viewport?: { width: number; height: number }): Promise<Page> {
    const { page, watch } = await watchedPage(browser, viewport);
    watches.push(watch);
    await page.goto(url);
    await ready(page, view);
    return page;
  }

  it('shows the numbers of summary.json, each with its interval and n', async () => {
    for (const runId of ['demo', 'audit-fixture']) {
      const page = await open(`${server.url}#/run/${runId}/overview`, 'overview');
      const shown = await page.$$eval('td[data-metric][data-candidate]', (cells) =>
        cells.map((cell) => ({
          metric: cell.getAttribute('data-metric')!,
          candidate: cell.getAttribute('data-candidate')!,
          value: cell.querySelector('[data-role=value]')?.textContent ?? null,
          ci: cell.querySelector('[data-role=ci]')?.textContent ?? null,
          n: cell.querySelector('[data-role=n]')?.textContent ?? null,
        })),
      );
      let checked = 0;
      for (const [candidate, candidateSummary] of Object.entries(summaries[runId]!.candidates)) {
        for (const [metric, expected] of Object.entries(candidateSummary.metrics)) {
          const cell = shown.find((item) => item.metric === metric && item.candidate === candidate);
          expect(cell, `${runId} ${candidate} ${metric}`).toBeDefined();
          expectShown(metric, cell!.value!, expected.value);
          expect(cell!.n).toBe(`n=${expected.n.toLocaleString('en-US')}`);
          if (expected.ci95) {
            const [lo, hi] = cell!.ci!.trim().slice(1, -1).split(', ');
            expectShown(metric, lo!, expected.ci95[0], true);
            expectShown(metric, hi!, expected.ci95[1], true);
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(10);
      const verdict = await page.textContent('#verdict [data-verdict]');
      expect(verdict).toContain(summaries[runId]!.passed ? 'PASS' : 'FAIL');
      await page.screenshot({ path: join(SHOTS, `overview-${runId}.png`), fullPage: true });
      await page.close();
    }
  });

  it('draws every chart canvas on the overview and bias views', async () => {
    const overview = await open(`${server.url}#/run/audit-fixture/overview`, 'overview');
    const overviewInk = await canvasInk(overview);
    expect(overviewInk.length).toBe(5); // accuracy, by category, latency histogram, latency CDF, TTFT CDF
    for (const ink of overviewInk) expect(ink).toBeGreaterThan(1000);
    const bias = await open(`${server.url}#/run/audit-fixture/bias`, 'bias');
    const biasInk = await canvasInk(bias);
    expect(biasInk.length).toBe(5); // BBQ ambiguous, disambiguated, impact ratios, PII rate, PII by type
    for (const ink of biasInk) expect(ink).toBeGreaterThan(1000);
    const ambig = summaries['audit-fixture']!.candidates['model-b']!.metrics['bias.bbq.ambig']!;
    expect(await bias.textContent('#bbq-ambig-table tbody tr:first-child td:nth-child(3) .value')).toBe((ambig.value! * 100).toFixed(1));
    expect(await bias.textContent('#fairness-table')).toContain('below 4/5');
    expect(await bias.textContent('[data-pii-type="email"][data-candidate="model-b"]')).toBe('4');
    await bias.screenshot({ path: join(SHOTS, 'bias-audit-fixture.png'), fullPage: true });
    const demo = await open(`${server.url}#/run/demo/overview`, 'overview');
    for (const ink of await canvasInk(demo)) expect(ink).toBeGreaterThan(1000);
  });

  it('filters samples by candidate, result, category and text', async () => {
    const page = await open(`${server.url}#/run/local-fixture/samples`, 'samples');
    const all = records['local-fixture']!;
    await page.waitForFunction((total) => document.getElementById('samples-status')?.textContent?.startsWith(`${total} of ${total}`), all.length);
    const rowCount = () => page.$$eval('#samples-body tr[data-item]', (rows) => rows.length);
    expect(await rowCount()).toBe(all.length);
    await page.selectOption('#samples-c', 'recorded');
    expect(await rowCount()).toBe(all.filter((record) => record.candidate === 'recorded').length);
    await page.selectOption('#samples-r', 'fail');
    const failed = all.filter((record) => record.candidate === 'recorded' && !record.error && !record.scores.includes!.pass);
    expect(await rowCount()).toBe(failed.length);
    await page.selectOption('#samples-cat', 'Americas');
    expect(await rowCount()).toBe(failed.filter((record) => record.category === 'Americas').length);
    await page.selectOption('#samples-cat', '');
    await page.fill('#samples-q', 'onerror');
    await page.waitForFunction(() => document.querySelectorAll('#samples-body tr[data-item]').length === 1);
    expect(await page.getAttribute('#samples-body tr[data-item]', 'data-item')).toBe('q2|recorded|0');
    // The filter lives in the URL, so the filtered view can be linked and reloaded.
    expect(page.url()).toContain('c=recorded');
    await page.reload();
    await ready(page, 'samples');
    await page.waitForFunction(() => document.querySelectorAll('#samples-body tr[data-item]').length === 1);
  });

  it('shows hostile outputs as inert text in the table and the sample page', async () => {
    const page = await open(`${server.url}#/run/local-fixture/samples?c=recorded`, 'samples');
    await page.waitForSelector('#samples-body tr[data-item="q2|recorded|0"]');
    const outputs = await page.$$eval('#samples-body td[data-col=output]', (cells) => cells.map((cell) => cell.textContent));
    expect(outputs).toContain(HOSTILE_OUTPUTS.img);
    expect(outputs).toContain(HOSTILE_OUTPUTS.script);
    expect(await page.$$eval('#samples-body img, #samples-body script', (nodes) => nodes.length)).toBe(0);
    await page.click('a[href*="q2%7Crecorded%7C0"]');
    await ready(page, 'sample');
    await page.waitForSelector('[data-field=output]');
    expect(await page.textContent('[data-field=output]')).toBe(HOSTILE_OUTPUTS.img);
    expect(await page.isVisible('text=<img src=x onerror')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: join(SHOTS, 'sample-hostile-output.png'), fullPage: true });
  });

  it('works as one file from file://, samples included, under its hash-only CSP', async () => {
    const url = pathToFileURL(singleFile).href;
    const page = await open(`${url}#/run/local-fixture/samples?c=recorded&q=script`, 'samples');
    await page.waitForSelector('#samples-body tr[data-item="q4|recorded|0"]');
    expect(await page.textContent('#samples-body td[data-col=output]')).toBe(HOSTILE_OUTPUTS.script);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.goto(`${url}#/run/audit-fixture/overview`);
    await page.reload();
    await ready(page, 'overview');
    for (const ink of await canvasInk(page)) expect(ink).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SHOTS, 'single-file.png') });
    // The site folder opened from file:// loads its chunks too.
    const site = await open(`${pathToFileURL(siteIndex).href}#/run/demo/samples`, 'samples');
    await site.waitForFunction(() => document.querySelectorAll('#samples-body tr[data-item]').length === 50);
  });

  it('compares two candidates: deltas, recorded tests and the flipped samples', async () => {
    const page = await open(`${server.url}#/compare?a=audit-fixture%7Cmodel-a&b=audit-fixture%7Cmodel-b`, 'compare');
    expect(await page.textContent('#compare-table')).toContain('mcnemar-exact');
    const rows = records['audit-fixture']!;
    const pass = (candidate: string, sampleId: string) => rows.some((record) => record.candidate === candidate && record.sampleId === sampleId && !record.error && record.scores.choice?.pass);
    const samples = [...new Set(rows.map((record) => record.sampleId))];
    const onlyA = samples.filter((id) => pass('model-a', id) && !pass('model-b', id)).length;
    const onlyB = samples.filter((id) => !pass('model-a', id) && pass('model-b', id)).length;
    await page.waitForSelector('#mcnemar');
    expect(await page.textContent('#flips-a h3')).toBe(`Only A passed: ${onlyA}`);
    expect(await page.textContent('#flips-b h3')).toBe(`Only B passed: ${onlyB}`);
    expect(await page.textContent('#mcnemar')).toContain(`${onlyA + onlyB} discordant pairs`);
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: true });
  });

  it('switches to Simplified Chinese and remembers it; is keyboard reachable, prints and fits a phone', async () => {
    const page = await open(`${server.url}#/run/demo/overview`, 'overview');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.selectOption('#lang', 'zh-CN');
    expect(await page.textContent('[data-tab=overview]')).toBe('概览');
    await page.reload();
    await ready(page, 'overview');
    expect(await page.textContent('[data-tab=overview]')).toBe('概览');
    expect(await page.textContent('#verdict [data-verdict]')).toContain('通过');
    await page.screenshot({ path: join(SHOTS, 'overview-zh.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.topbar')).toBe(false);
    await page.pdf({ path: join(SHOTS, 'overview.pdf') });
    const phone = await open(`${server.url}#/run/audit-fixture/overview`, 'overview', { width: 390, height: 844 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await phone.screenshot({ path: join(SHOTS, 'overview-phone.png'), fullPage: true });
  });

  it('lists every run with its verdict and shows provenance', async () => {
    const page = await open(`${server.url}#/runs`, 'runs');
    expect(await page.$$eval('#runs-table tbody tr', (rows) => rows.length)).toBe(3);
    expect(await page.textContent('#runs-table')).toContain('FAIL');
    const provenance = await open(`${server.url}#/run/demo/provenance`, 'provenance');
    const manifest = (await new FsResultStore(results).readManifest('demo'))!;
    expect(await provenance.textContent('[data-field=dataset-sha]')).toBe(manifest.dataset.sha256);
    expect(await provenance.textContent('[data-field=spec-sha]')).toBe(manifest.spec.sha256);
  });
});

/** The displayed number equals the summary's value to the precision shown (percent and ×100 scaled back). */
function expectShown(metric: string, text: string, value: number | null, bare = false): void {
  if (value === null) {
    expect(text).toBe('—');
    return;
  }
  const scaled = /%/.test(text) || metric.startsWith('bias.') || (bare && isPercentMetric(metric)) ? 100 : 1;
  const digits = (text.replace(/[^0-9.]/g, '').split('.')[1] ?? '').length;
  const shown = Number(text.replace(/[^0-9.\-−]/g, '').replace('−', '-'));
  expect(Math.abs(shown - value * scaled), `${metric}: shown ${text}, summary ${value}`).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9);
}

function isPercentMetric(metric: string): boolean {
  return metric === 'accuracy' || metric.startsWith('accuracy.') || metric.startsWith('score.') || metric.endsWith('rate');
}

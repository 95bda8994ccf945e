/**
 * The isolation a code run achieved, on the report's overview, in real headless Chromium, over a
 * real run of the shipped evals/code.yaml through the CLI (the local sandbox executes every answer).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveReport, type ReportServer } from '../../lib/report/index.ts';
import { runShippedSpec } from '../fixtures/report-runs.ts';
import { launchBrowser, ready, skipBrowserTests, watchedPage } from './browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe.skipIf(skipBrowserTests)('code sandbox in the report (headless Chromium)', () => {
  let dir: string;
  let browser: Browser;
  let server: ReportServer;
  let isolation: { kind: string; network: string; missing: string[] };
  let comparisons: { a: string; b: string; metric: string; test: string }[];

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'verdict-e2e-sandbox-'));
    const results = join(dir, 'results');
    await runShippedSpec(join(ROOT, 'evals', 'code.yaml'), results, 'code');
    isolation = JSON.parse(await readFile(join(results, 'code', 'manifest.json'), 'utf8')).sandbox;
    comparisons = JSON.parse(await readFile(join(results, 'code', 'summary.json'), 'utf8')).comparisons;
    server = await serveReport({ resultsDir: results, port: 0 });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says where the code ran and which isolation held, as the manifest records it', async () => {
    const { page, watch } = await watchedPage(browser);
    await page.goto(`${server.url}#/run/code/overview`);
    await ready(page, 'overview');
    const line = (await page.locator('.run-sandbox').textContent()) ?? '';
    expect(line).toContain(`Model code ran in the ${isolation.kind} sandbox`);
    expect(line).toContain(`network: ${isolation.network}`);
    // What could not be had is said, never left out; a fully isolated run says nothing missing.
    if (isolation.missing.length > 0) expect(line).toContain(`Isolation not achieved: ${isolation.missing.join(', ')}`);
    else expect(line).not.toContain('Isolation not achieved');
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('lists the pass@k comparisons, paired by task, in the comparisons table', async () => {
    // code.yaml asks k: [1, 2, 4] over 4 repeats: pass@2 is compared by paired bootstrap, pass@4 (k = n, 0/1 per task) by McNemar.
    const passAtK = comparisons.filter((comparison) => comparison.metric.startsWith('accuracy.pass@'));
    expect(passAtK.map((comparison) => `${comparison.metric} ${comparison.test}`)).toEqual(
      expect.arrayContaining(['accuracy.pass@2 paired-bootstrap', 'accuracy.pass@4 mcnemar-exact']),
    );
    const { page, watch } = await watchedPage(browser);
    await page.goto(`${server.url}#/run/code/overview`);
    await ready(page, 'overview');
    const rows = await page.$$eval('#comparisons-table tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows.length).toBe(comparisons.length);
    for (const comparison of passAtK) {
      const k = comparison.metric.slice('accuracy.pass@'.length);
      expect(rows.some((row) => row.includes(`${comparison.a} → ${comparison.b}`) && row.includes(`pass@${k}`) && row.includes(comparison.test))).toBe(true);
    }
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});

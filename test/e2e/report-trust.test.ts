/**
 * The report's calibration charts and the sample view's variant links, reasoning and confidence,
 * in real headless Chromium, over real runs of the shipped evals/calibration.yaml and
 * evals/robustness.yaml.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveReport, type ReportServer } from '../../lib/report/index.ts';
import { runSpec } from '../fixtures/report-runs.ts';
import { canvasInk, launchBrowser, ready, skipBrowserTests, watchedPage, type PageWatch } from './browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe.skipIf(skipBrowserTests)('calibration and robustness in the report (headless Chromium)', () => {
  let dir: string;
  let browser: Browser;
  let server: ReportServer;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'verdict-e2e-trust-'));
    const results = join(dir, 'results');
    await runSpec(join(ROOT, 'evals', 'calibration.yaml'), results, 'calibration');
    await runSpec(join(ROOT, 'evals', 'robustness.yaml'), results, 'robustness');
    server = await serveReport({ resultsDir: results, port: 0 });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    for (const watch of watches.splice(0)) {
      expect(watch.errors, 'console errors').toEqual([]);
      expect(watch.externalRequests, 'external requests').toEqual([]);
    }
  });

  async function open(hash: string, view: string): Promise<Page> {
    const { page, watch } = await watchedPage(browser);
    watches.push(watch);
    await page.goto(`${server.url}${hash}`);
    await ready(page, view);
    return page;
  }

  it('draws the reliability diagram and the coverage-accuracy curve for every candidate', async () => {
    const page = await open('#/run/calibration/overview', 'overview');
    const section = page.locator('section#calibration');
    await expect(section.locator('figcaption').allTextContents()).resolves.toEqual([
      'Reliability diagram (equal-width bins)',
      'Coverage–accuracy curve (answer only the most confident)',
    ]);
    // The charts really drew: every canvas on the page has ink, the two calibration ones included.
    await page.waitForFunction(() => document.querySelectorAll('section#calibration canvas').length === 2);
    const ink = await canvasInk(page);
    expect(ink.every((pixels) => pixels > 500)).toBe(true);
    // A run without calibration metrics shows no calibration section.
    const other = await open('#/run/robustness/overview', 'overview');
    await expect(other.locator('section#calibration').count()).resolves.toBe(0);
  });

  it('shows the confidence of an answer with its source', async () => {
    const page = await open(`#/run/calibration/sample/${encodeURIComponent('am-0001|rule-based-recording|0')}`, 'sample');
    await expect(page.locator('[data-field=confidence]').textContent()).resolves.toBe('Confidence: 90.0% (verbalized, stated)');
  });

  it('links a perturbed variant to its original and back, and shows the reasoning apart from the output', async () => {
    const variant = await open(`#/run/robustness/sample/${encodeURIComponent('rb-zh-05~chinese-script|hand-written-recording|0')}`, 'sample');
    await expect(variant.locator('[data-field=variant-of]').textContent()).resolves.toBe('Perturbed variant “chinese-script” of rb-zh-05');
    await expect(variant.locator('[data-field=output]').textContent()).resolves.toBe('高鶚');
    await expect(variant.locator('[data-field=reasoning]').textContent()).resolves.toBe('先想一想题目在问什么。');
    await expect(variant.locator('.reasoning summary').textContent()).resolves.toContain('think · tokens not counted');
    await expect(variant.locator('.message-user pre').textContent()).resolves.toBe('《紅樓夢》的作者是誰？');

    await variant.locator('[data-field=variant-of] a').click();
    await variant.waitForSelector('[data-item="rb-zh-05|hand-written-recording|0"]');
    const original = variant.locator('[data-field=variants] a');
    await expect(original.allTextContents()).resolves.toEqual(['typo', 'case', 'paraphrase', 'width', 'chinese-script']);
    await expect(variant.locator('.message-user pre').textContent()).resolves.toBe('《红楼梦》的作者是谁？');
    await original.nth(4).click();
    await variant.waitForSelector('[data-item="rb-zh-05~chinese-script|hand-written-recording|0"]');
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSingleFileReport } from '../../lib/report/index.ts';
import { runShippedSpec } from '../fixtures/report-runs.ts';
import { launchBrowser, ready, skipBrowserTests, watchedPage } from './browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe.skipIf(skipBrowserTests)('judge views of the report in headless Chromium', () => {
  let dir: string;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'verdict-judge-e2e-'));
    await runShippedSpec(join(ROOT, 'evals', 'judge-customer-service.yaml'), join(dir, 'results'), 'cs');
    const file = (await writeSingleFileReport({ resultsDir: join(dir, 'results'), file: join(dir, 'report.html') })).entry;
    url = pathToFileURL(file).href;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows, per sample, the judge rationale and grade next to the answer (zh too)', async () => {
    const { page, watch } = await watchedPage(browser);
    await page.goto(`${url}#/run/cs/sample/${encodeURIComponent('cs-zh-2|support-v2|0')}`);
    await ready(page, 'sample');
    expect(await page.textContent('[data-field=output]')).toBe('可能是邻居代收了，您再找找。');
    const card = page.locator('[data-judge-scorer=helpful]');
    expect(await card.locator('.status').textContent()).toContain('2');
    expect(await card.locator('.judge-rationale').first().textContent()).toBe('只部分有用，缺少参考答案中的关键步骤。');
    const pairwise = page.locator('[data-judge-scorer=vs-v1]');
    expect(await pairwise.locator('tbody tr').count()).toBe(2);
    expect(watch.errors).toEqual([]);
  });

  it('shows the judges section: unscored counts, the position-biased control at 0%, and the pairwise matrix', async () => {
    const { page, watch } = await watchedPage(browser);
    await page.goto(`${url}#/run/cs/overview`);
    await ready(page, 'overview');
    const control = await page.locator('#judges [data-judge-scorer=position-control] tbody tr').filter({ hasText: 'support-v2' }).textContent();
    expect(control).toContain('0.0%');
    expect(await page.locator('#judges .judge-matrix tbody tr').count()).toBe(2);
    expect(await page.locator('#judges .judge-matrix').textContent()).toContain('62.5%');
    expect(watch.errors).toEqual([]);
    expect(watch.externalRequests).toEqual([]);
  });
});

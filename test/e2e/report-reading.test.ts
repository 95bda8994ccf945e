/**
 * Reading the report as the issue's three users did, in real headless Chromium over shipped specs
 * run by the real CLI: samples side by side with their input, every view on a 390 px phone with
 * nothing overflowing and every candidate visible, the zh page with no English UI text left, and
 * the bias page carrying its gates (drawn and printed) and saying when an interval cannot exist.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveReport, type ReportServer } from '../../lib/report/index.ts';
import type { Summary } from '../../lib/results/index.ts';
import { FsResultStore } from '../../lib/store/index.ts';
import { runShippedSpec } from '../fixtures/report-runs.ts';
import { launchBrowser, ready, skipBrowserTests, watchedPage, type PageWatch } from './browser.ts';
import { categoriesOf, ofKind } from '../../lib/results/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PHONE = { width: 390, height: 844 };

describe.skipIf(skipBrowserTests)('reading the report: side by side, phone, zh, bias gates (headless Chromium)', () => {
  let dir: string;
  let browser: Browser;
  let server: ReportServer;
  const summaries: Record<string, Summary> = {};
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'verdict-e2e-reading-'));
    const results = join(dir, 'results');
    const shipped = { demo: 'demo.yaml', 'bias-audit': 'bias-audit.yaml', fairness: 'fairness-decisions.yaml' };
    for (const [runId, file] of Object.entries(shipped)) summaries[runId] = await runShippedSpec(join(ROOT, 'evals', file), results, runId);
    server = await serveReport({ resultsDir: results, port: 0 });
  }, 240_000);

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

  async function open(hash: string, view: string, options: { viewport?: { width: number; height: number }; lang?: string } = {}): Promise<Page> {
    const { page, watch } = await watchedPage(browser, options.viewport);
    watches.push(watch);
    if (options.lang) await page.addInitScript((lang) => localStorage.setItem('verdict.lang', lang), options.lang);
    await page.goto(`${server.url}${hash}`);
    await ready(page, view);
    return page;
  }

  const candidatesOf = (runId: string) => Object.keys(summaries[runId]!.candidates);

  it('shows samples side by side: the input with its roles, the reference, one column per candidate', async () => {
    const page = await open('#/run/demo/samples', 'samples');
    await page.waitForSelector('#samples-body tr[data-sample]');
    const head = await page.$$eval('#samples-table thead th', (cells) => cells.map((cell) => cell.textContent));
    expect(head).toEqual(['Sample', 'Input', 'Reference', ...candidatesOf('demo')]);
    const first = page.locator('#samples-body tr[data-sample]').first();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText() is the rendered text a reader sees (the role labels are uppercased by CSS)
    const input = await first.locator('[data-col=input]').innerText();
    expect(input).toMatch(/^SYSTEM\s+You are a careful assistant\. Answer with the city name only\.\s+USER\s+What is the capital of /);
    // Every candidate's record of this sample sits in its own column, linked to its detail page.
    const sampleId = await first.getAttribute('data-sample');
    for (const candidate of candidatesOf('demo')) expect(await first.locator(`td[data-candidate="${candidate}"]`).getAttribute('data-item')).toBe(`${sampleId}|${candidate}|0`);
    expect(await page.textContent('#samples-status')).toMatch(/^100 samples \(300 of 300 records match\)/);
    // A filter keeps whole samples: "failed" shows what the other candidates answered to the same input.
    await page.selectOption('#samples-r', 'fail');
    await page.waitForFunction(() => !document.getElementById('samples-status')?.textContent?.startsWith('100 samples'));
    const rows = await page.$$eval('#samples-body tr[data-sample]', (trs) => trs.map((tr) => tr.querySelectorAll('td[data-item]').length));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((cells) => cells === candidatesOf('demo').length)).toBe(true);
    // The one-row-per-record layout is still there, and remembered in the URL.
    await page.selectOption('#samples-layout', 'records');
    expect(page.url()).toContain('layout=records');
    expect(await page.$$eval('#samples-table thead th', (cells) => cells.map((cell) => cell.textContent))).toContain('Candidate');
  });

  it('fits a 390 px phone on the overview, samples, compare and bias views: nothing overflows, every candidate shows', async () => {
    const views: [string, string, string][] = [
      ['#/run/demo/overview', 'overview', 'demo'],
      ['#/run/demo/samples', 'samples', 'demo'],
      ['#/compare?a=demo%7Coracle&b=demo%7Csmall-model-recorded', 'compare', 'demo'],
      ['#/run/bias-audit/bias', 'bias', 'bias-audit'],
      ['#/run/fairness/bias', 'bias', 'fairness'],
    ];
    for (const [hash, view, runId] of views) {
      const page = await open(hash, view, { viewport: PHONE });
      if (view === 'samples') await page.waitForSelector('#samples-body tr[data-sample]');
      const overflowing = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const overflowing = [...document.querySelectorAll('body *')]
          .filter((element) => {
            const rect = element.getBoundingClientRect();
            // The skip link waits off-screen until focused, by design.
            return rect.width > 0 && rect.height > 0 && (rect.right > width + 0.5 || rect.left < -0.5) && !element.closest('.sr-only, .skip-link');
          })
          .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${element.className}`);
        // Text can overflow a box that itself fits (a long unbreakable token): check every text run too.
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement!.closest('.sr-only, .skip-link, option, script, style')) continue;
          range.selectNodeContents(node);
          const rect = range.getBoundingClientRect();
          if (rect.width > 0 && rect.right > width + 0.5) overflowing.push(`text ${JSON.stringify(node.textContent!.slice(0, 40))}`);
        }
        return overflowing;
      });
      expect(overflowing, `${hash}: elements beyond 390 px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), hash).toBeLessThanOrEqual(PHONE.width);
      // Each candidate (of the compared pair, on compare) is named somewhere visible on screen width.
      const expected = view === 'compare' ? ['oracle', 'small-model-recorded'] : candidatesOf(runId);
      for (const candidate of expected) {
        const seen = await page.evaluate((id) => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent?.includes(id)) continue;
            const element = node.parentElement!;
            const rect = element.getBoundingClientRect();
            if (rect.width > 0 && rect.height > 0 && rect.right <= document.documentElement.clientWidth + 0.5 && getComputedStyle(element).visibility !== 'hidden') return true;
          }
          // A phone stacks table rows into cards whose cells show their column name (`data-label`, styles.css).
          for (const element of document.querySelectorAll(`[data-label="${CSS.escape(id)}"]`)) {
            const rect = element.getBoundingClientRect();
            if (rect.width > 0 && rect.right <= document.documentElement.clientWidth + 0.5 && getComputedStyle(element, '::before').content.includes(id)) return true;
          }
          return false;
        }, candidate);
        expect(seen, `${hash}: ${candidate} visible`).toBe(true);
      }
      await page.close();
    }
  });

  it('leaves no English UI text in the zh page (model outputs, ids, metric keys and numbers aside)', async () => {
    // Test names and control kinds are identifiers, shown as written in every language.
    const data = new Set<string>(['mcnemar-exact', 'paired-bootstrap', 'paired-z', 'oracle', 'echo', 'chance', 'stereotype']);
    const store = new FsResultStore(join(dir, 'results'));
    for (const [runId, summary] of Object.entries(summaries)) {
      data.add(runId);
      const manifest = (await store.readManifest(runId))!;
      for (const id of manifest.dataset.sampleIds) data.add(id);
      for (const candidate of manifest.candidates) data.add(candidate.provider);
      for (const scorer of manifest.scorers) {
        data.add(scorer.id);
        data.add(scorer.type);
      }
      data.add(summary.spec.name);
      for (const [id, candidate] of Object.entries(summary.candidates)) {
        data.add(id);
        for (const [name, metric] of Object.entries(candidate.metrics)) {
          data.add(name);
          for (const category of Object.keys(categoriesOf(metric) ?? {})) data.add(category);
        }
      }
    }
    const views: [string, string][] = [
      ['#/run/demo/overview', 'overview'],
      ['#/run/bias-audit/overview', 'overview'],
      ['#/run/bias-audit/bias', 'bias'],
      ['#/run/fairness/bias', 'bias'],
      ['#/run/demo/samples', 'samples'],
      ['#/compare?a=demo%7Coracle&b=demo%7Csmall-model-recorded', 'compare'],
      ['#/run/demo/provenance', 'provenance'],
      ['#/runs', 'runs'],
    ];
    const leftovers: string[] = [];
    for (const [hash, view] of views) {
      const page = await open(hash, view, { lang: 'zh-CN' });
      if (view === 'samples') await page.waitForSelector('#samples-body tr[data-sample]');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      const texts = await page.evaluate(() => {
        // Data, not UI: outputs, prompts, references, code, ids and the spec's own words.
        const DATA = 'pre, code, kbd, [data-col], .text-cell, [lang=en], .run-description, .spec-description, .candidate-id, [data-role=original], option';
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const element = node.parentElement!;
          if (element.closest(DATA) || element.closest('script, style, noscript')) continue;
          if (element.closest('[hidden]') || getComputedStyle(element).display === 'none') continue;
          const text = node.textContent!.trim();
          if (text) out.push(text);
        }
        return out;
      });
      for (const text of texts) {
        const rest = stripData(text, data);
        if (/[A-Za-z]{3,}/.test(rest)) leftovers.push(`${hash}: ${JSON.stringify(text)}`);
      }
      await page.close();
    }
    expect(leftovers).toEqual([]);
  });

  it('puts the bias gates on the bias page — drawn on the charts, printed in a table that says FAIL — and says when an interval cannot exist', async () => {
    const summary = summaries['bias-audit']!;
    const page = await open('#/run/bias-audit/bias', 'bias');
    const gates = await page.$$eval('#bias-gates-table tbody tr', (rows) => rows.map((row) => row.querySelector('[data-status]')!.getAttribute('data-status')));
    expect(gates).toEqual(summary.gates.map((gate) => (gate.pass ? 'PASS' : 'FAIL')));
    expect(await page.textContent('#bias-gates')).toContain('2 of 4 gates on bias, fairness and privacy metrics FAILED');
    // The gate threshold (|x| <= 10.0 on the ×100 scale) is drawn in the gate red on both BBQ charts.
    const red = await page.$$eval('[data-bbq] canvas', (canvases) =>
      canvases.map((element) => {
        const canvas = element as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let index = 0; index < pixels.length; index += 4) if (pixels[index] === 179 && pixels[index + 1] === 38 && pixels[index + 2] === 30) count++;
        return count;
      }),
    );
    expect(red.length).toBe(2);
    for (const count of red) expect(count).toBeGreaterThan(200);
    // Each shipped BBQ category is one template (one cluster): no interval, said in words, not [x, x].
    const age = ofKind(categoriesOf(summary.candidates.stereotype!.metrics['bias.bbq.ambig'])!.Age, 'bbq')!;
    expect(age.interval?.clusters).toBe(1);
    expect(await page.textContent('#bbq-ambig-table [data-candidate="stereotype"][data-category="Age"] [data-role=no-interval]')).toContain('one cluster');
    expect(await page.textContent('#bbq-ambig-table')).not.toMatch(/\[(-?[\d.]+), \1\]/);
    // Printed, the page still says FAIL.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#bias-gates')).toBe(true);
    expect(await page.textContent('#bias-gates-table [data-status=FAIL]')).toContain('FAIL');
  });

  it('words a failed ceiling as "over by" in the verdict card, and translates the gate reasons in zh', async () => {
    const page = await open('#/run/bias-audit/overview', 'overview');
    const failed = await page.textContent('#verdict .gates-failed [data-gate="stereotype:bias.bbq.ambig"]');
    expect(failed).toContain('over by 90.0');
    expect(failed).not.toContain('short by');
    const zh = await open('#/run/bias-audit/overview', 'overview', { lang: 'zh-CN' });
    const reason = await zh.textContent('#verdict .gates-failed [data-gate="stereotype:bias.bbq.ambig"] .gate-reason');
    expect(reason).toBe('|bias.bbq.ambig| = 1，不满足 <= 0.1');
    expect(await zh.$$eval('[data-role=original]', (nodes) => nodes.length)).toBe(0);
  });
});

/** The text without data tokens (ids, metric keys, categories), numbers, units and accepted acronyms. */
function stripData(text: string, data: ReadonlySet<string>): string {
  let rest = text;
  for (const token of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(token).join(' ');
  return rest
    .replace(/\b(summary\.json|token|Git|Parrish|ci_low|ci_high|BBQ|TTFT|TPOT|ITL|PII|CSV|JSON|PDF|SHA-256|sha256|Ed25519|Wilson|McNemar|Holm|Fairlearn|EEOC|CFR|SLO|Verdict|verdict|Node|node|git|Chart\.js|jsonl|yaml|YAML|openai|mcnemar-exact|paired-bootstrap|ms|req\/s|tok\/s|pp|p\d+|n=\d+)\b/g, ' ')
    .replace(/[\d.,:%×+−-]+/g, ' ');
}

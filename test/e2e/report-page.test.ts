import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveReport, writeReportSite, writeSingleFileReport, type ReportServer } from '../../lib/report/index.ts';
import type { ResultRecord, Summary } from '../../lib/results/index.ts';
import { FsResultStore } from '../../lib/store/index.ts';
import { HOSTILE_OUTPUTS, runLocalFixture, runShippedSpec, runSpec, writeAuditFixture } from '../fixtures/report-runs.ts';
import { canvasInk, launchBrowser, ready, skipBrowserTests, watchedPage, type PageWatch } from './browser.ts';
import { categoriesOf, ofKind } from '../../lib/results/index.ts';

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
    // The shipped specs, run by the real CLI: the shapes the report must read are theirs.
    const shipped = { 'bias-audit': 'bias-audit.yaml', fairness: 'fairness-decisions.yaml', privacy: 'privacy.yaml', 'release-gate': 'release-gate.yaml', translation: 'translation.yaml' };
    const ran = await Promise.all(Object.entries(shipped).map(([runId, file]) => runShippedSpec(join(ROOT, 'evals', file), results, runId)));
    for (const summary of ran) summaries[summary.runId] = summary;
    const store = new FsResultStore(results);
    for (const runId of Object.keys(summaries)) {
      records[runId] = [];
      for await (const record of store.readRecords(runId)) records[runId].push(record);
    }
    const site = await writeReportSite({ resultsDir: results, outDir: join(dir, 'site') });
    // Every run verifies — the audit fixture included — so the report shows each as sealed, none tampered.
    expect(site.index.runs.map((run) => `${run.runId}: ${run.status}`).sort()).toEqual(Object.keys(summaries).map((runId) => `${runId}: sealed`).sort());
    siteIndex = site.entry;
    singleFile = (await writeSingleFileReport({ resultsDir: results, file: join(dir, 'report.html') })).entry;
    server = await serveReport({ resultsDir: results, port: 0 });
    // Five shipped specs run by the real CLI, then two report builds: minutes on a loaded 2-core machine.
  }, 300_000);

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
    for (const runId of ['demo', 'audit-fixture', 'fairness', 'privacy']) {
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
      expect(checked).toBeGreaterThanOrEqual(10);
      // Every run here verifies (the audit fixture's summary is aggregated from its records): none reads as tampered.
      expect(await page.$$eval('.verdict-card-tampered', (cards) => cards.length), `${runId} is shown as tampered`).toBe(0);
      const verdict = await page.textContent('#verdict [data-verdict]');
      expect(verdict).toContain(summaries[runId]!.passed ? 'PASS' : 'FAIL');
      await page.screenshot({ path: join(SHOTS, `overview-${runId}.png`), fullPage: true });
      await page.close();
    }
  });

  it('shows the shipped translation spec: corpus BLEU, chrF and TER with their sacreBLEU signatures, as in summary.json', async () => {
    const page = await open(`${server.url}#/run/translation/overview`, 'overview');
    const metrics = summaries.translation!.candidates['fluent-recorded']!.metrics;
    expect(ofKind(metrics.bleu, 'text-overlap')!.signature).toBe('nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
    expect(await page.textContent('[data-signature-of="bleu"]')).toBe(ofKind(metrics.bleu, 'text-overlap')!.signature);
    expect(await page.textContent('[data-signature-of="ter"]')).toContain('tok:tercom');
    for (const name of ['bleu', 'chrf', 'chrfpp', 'ter']) {
      const shown = await page.textContent(`td[data-metric="${name}"][data-candidate="fluent-recorded"] [data-role=value]`);
      expectShown(name, shown!, metrics[name]!.value);
    }
    await page.screenshot({ path: join(SHOTS, 'overview-translation.png'), fullPage: true });
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
    const emails = ofKind(summaries['audit-fixture']!.candidates['model-b']!.metrics['privacy.pii_leak_rate'], 'privacy')!.byType.email!.records;
    expect(await bias.textContent('[data-pii-type="email"][data-candidate="model-b"] [data-role=records]')).toBe(String(emails));
    await bias.screenshot({ path: join(SHOTS, 'bias-audit-fixture.png'), fullPage: true });
    const demo = await open(`${server.url}#/run/demo/overview`, 'overview');
    for (const ink of await canvasInk(demo)) expect(ink).toBeGreaterThan(1000);
  });

  it('shows the shipped bias spec: BBQ bias ×100 per category, as in summary.json', async () => {
    const summary = summaries['bias-audit']!;
    const page = await open(`${server.url}#/run/bias-audit/bias`, 'bias');
    let checked = 0;
    for (const context of ['ambig', 'disambig']) {
      const name = `bias.bbq.${context}`;
      for (const [candidate, candidateSummary] of Object.entries(summary.candidates)) {
        const metric = candidateSummary.metrics[name]!;
        const cells = { overall: metric, ...categoriesOf(metric) };
        for (const [category, value] of Object.entries(cells)) {
          const shown = await page.textContent(`#bbq-${context}-table [data-metric="${name}"][data-candidate="${candidate}"][data-category="${category}"] .value`);
          expect(shown, `${name} ${candidate} ${category}`).toBe((value.value! * 100).toFixed(1));
          checked++;
        }
      }
    }
    expect(checked).toBe(2 * 2 * 7); // ambig/disambig × oracle/stereotype × (overall + 6 categories)
    // The stereotype control is the positive control: +100 in every category; the oracle scores 0.
    expect(await page.textContent('#bbq-ambig-table [data-candidate="stereotype"][data-category="Age"] .value')).toBe('100.0');
    expect(await page.textContent('[data-bbq=ambig] .note')).toContain('oracle: no answer other than UNKNOWN');
    expect((await canvasInk(page)).every((ink) => ink > 1000)).toBe(true);
  });

  it('shows the shipped fairness spec: group rates, impact ratios and the four-fifths flag, as in summary.json', async () => {
    const summary = summaries.fairness!;
    const page = await open(`${server.url}#/run/fairness/bias`, 'bias');
    for (const candidate of ['oracle', 'stereotype']) {
      const metrics = summary.candidates[candidate]!.metrics;
      const impact = ofKind(metrics['fairness.disparate_impact'], 'fairness')!;
      const cell = `#fairness-table [data-metric="fairness.disparate_impact"][data-candidate="${candidate}"]`;
      expect(await page.textContent(`${cell} .value`)).toBe(impact.value!.toFixed(3));
      const flagText = await page.$eval(cell, (span) => span.parentElement!.querySelector('[data-role=four-fifths]')!.textContent);
      expect(flagText).toContain(impact.flagged ? 'below 4/5' : 'at or above 4/5');
      for (const [group, rate] of Object.entries(categoriesOf(metrics['fairness.positive_rate'])!)) {
        const groupCell = `#fairness-groups-table [data-group="${group}"][data-candidate="${candidate}"]`;
        expect(await page.textContent(`${groupCell} [data-role=rate]`)).toBe(`${(rate.value! * 100).toFixed(1)}%`);
        const ratio = impact.byCategory![group]!;
        expect(await page.textContent(`${groupCell} [data-role=ratio]`)).toBe(ratio.value!.toFixed(3));
        expect(await page.textContent(`${groupCell} [data-role=four-fifths]`)).toContain(ratio.flagged ? 'below 4/5' : 'at or above 4/5');
      }
    }
    // The stereotype control says yes only to the first group: impact ratio 0, flagged; the oracle's is 1.
    expect(ofKind(summary.candidates.stereotype!.metrics['fairness.disparate_impact'], 'fairness')!.flagged).toBe(true);
    expect(await page.textContent('#fairness-groups-table [data-group="woman-62"][data-candidate="stereotype"] [data-role=four-fifths]')).toContain('below 4/5');
    expect(await page.textContent('#fairness')).toContain('four-fifths line (0.8)');
    const flip = ofKind(summary.candidates.stereotype!.metrics['fairness.flip_rate'], 'fairness')!;
    expect(await page.textContent('#fairness-table')).toContain(`${String(flip.flipped)} of ${flip.n} base prompts changed decision`);
  });

  it('says inconclusive when an impact ratio at or above 4/5 has an interval reaching below it; money reads to significant digits', async () => {
    const impact = ofKind(summaries['audit-fixture']!.candidates['model-a']!.metrics['fairness.disparate_impact'], 'fairness')!;
    expect(impact.value).toBeGreaterThanOrEqual(0.8);
    expect(impact.ci95![0]).toBeLessThan(0.8);
    const bias = await open(`${server.url}#/run/audit-fixture/bias`, 'bias');
    const cell = '#fairness-table [data-metric="fairness.disparate_impact"][data-candidate="model-a"]';
    expect(await bias.$eval(cell, (span) => span.parentElement!.querySelector('[data-role=four-fifths]')!.textContent)).toContain('inconclusive: interval crosses 4/5');
    await bias.close();
    const audit = await open(`${server.url}#/run/audit-fixture/overview`, 'overview');
    // 0.04761 USD (tokens × the fixture's price) to three significant digits.
    expect(summaries['audit-fixture']!.candidates['model-a']!.metrics['cost.usd']!.value).toBeCloseTo(0.04761, 6);
    expect(await audit.textContent('td[data-metric="cost.usd"][data-candidate="model-a"] [data-role=value]')).toBe('$0.0476');
    await audit.close();
  });

  it('shows the shipped privacy spec: PII leaks by type, as in summary.json', async () => {
    const metric = ofKind(summaries.privacy!.candidates.echo!.metrics['privacy.pii_leak_rate'], 'privacy')!;
    const byType = metric.byType;
    expect(Object.keys(byType).length).toBeGreaterThan(3);
    const page = await open(`${server.url}#/run/privacy/bias`, 'bias');
    for (const [type, count] of Object.entries(byType)) {
      expect(await page.textContent(`[data-pii-type="${type}"][data-candidate="echo"] [data-role=records]`), type).toBe(String(count.records));
      expect(await page.textContent(`[data-pii-type="${type}"][data-candidate="oracle"] [data-role=records]`), type).toBe('0');
    }
    expect(await page.textContent('#privacy-table')).toContain(`${String(metric.leaked)} of ${metric.n} outputs leaked`);
  });

  it('shows Holm-adjusted p-values, significance and paired counts of recorded comparisons', async () => {
    const comparisons = summaries.demo!.comparisons!;
    expect(comparisons.length).toBeGreaterThan(1);
    const page = await open(`${server.url}#/run/demo/overview`, 'overview');
    const rows = await page.$$eval('#comparisons-table tbody tr', (trs) =>
      trs.map((tr) => ({
        adjusted: tr.querySelector('[data-role=p-adjusted]')!.textContent!,
        raw: tr.querySelector('[data-role=p-raw]')!.textContent!,
        significance: tr.querySelector('[data-role=significance]')!.textContent!,
        text: tr.textContent!,
      })),
    );
    expect(rows.length).toBe(comparisons.length);
    comparisons.forEach((comparison, index) => {
      const row = rows[index]!;
      expect(row.adjusted.startsWith(formatP(comparison.pAdjusted!))).toBe(true);
      expect(row.raw).toBe(formatP(comparison.pValue!));
      expect(row.significance).toBe(comparison.significant ? 'significant' : 'not significant');
      if ('onlyA' in comparison.counts) expect(row.text).toContain(`only A ${comparison.counts.onlyA} · only B ${comparison.counts.onlyB}`);
    });
    // Holm makes the second-smallest p of this run larger than its raw p.
    expect(comparisons.some((comparison) => comparison.pAdjusted! > comparison.pValue!)).toBe(true);
  });

  it('shows a skipped baseline gate apart from the passed ones, with its reason', async () => {
    const gates = summaries['release-gate']!.gates;
    const skipped = gates.filter((gate) => gate.kind === 'baseline' && gate.skipped === true);
    expect(skipped.length).toBe(1);
    const page = await open(`${server.url}#/run/release-gate/overview`, 'overview');
    expect(await page.textContent('#verdict .verdict-sentence')).toBe(`All ${gates.length - 1} gates that ran passed; 1 skipped.`);
    expect(await page.$$eval('#verdict .gates-skipped [data-status=SKIP]', (items) => items.length)).toBe(1);
    const item = await page.textContent('#verdict .gates-skipped [data-status=SKIP]');
    expect(item).toContain('may drop at most 2.0 pp');
    expect(item).toContain(skipped[0]!.reason!);
    expect(await page.$$eval('#verdict .gates-passed [data-status=PASS]', (items) => items.length)).toBe(gates.length - 1);
  });

  it('filters samples by candidate, result, category and text', async () => {
    const page = await open(`${server.url}#/run/local-fixture/samples?layout=records`, 'samples');
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
    const page = await open(`${server.url}#/run/local-fixture/samples?c=recorded&layout=records`, 'samples');
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
    const page = await open(`${url}#/run/local-fixture/samples?c=recorded&q=script&layout=records`, 'samples');
    await page.waitForSelector('#samples-body tr[data-item="q4|recorded|0"]');
    expect(await page.textContent('#samples-body td[data-col=output]')).toBe(HOSTILE_OUTPUTS.script);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.goto(`${url}#/run/audit-fixture/overview`);
    await page.reload();
    await ready(page, 'overview');
    for (const ink of await canvasInk(page)) expect(ink).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SHOTS, 'single-file.png') });
    // The site folder opened from file:// loads its chunks too.
    const site = await open(`${pathToFileURL(siteIndex).href}#/run/demo/samples?layout=records`, 'samples');
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
    expect(await page.$$eval('#runs-table tbody tr', (rows) => rows.length)).toBe(Object.keys(summaries).length);
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
  const scaled = /%| pp/.test(text) || metric.startsWith('bias.') || (bare && isPercentMetric(metric)) ? 100 : 1;
  const digits = (text.replace(/[^0-9.]/g, '').split('.')[1] ?? '').length;
  const shown = Number(text.replace(/[^0-9.\-−]/g, '').replace('−', '-'));
  expect(Math.abs(shown - value * scaled), `${metric}: shown ${text}, summary ${value}`).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-9);
}

function isPercentMetric(metric: string): boolean {
  return metric === 'accuracy' || metric.startsWith('accuracy.') || metric.startsWith('score.') || metric.endsWith('rate') || metric === 'fairness.parity_difference';
}

/** A p-value as the page shows it: 4 decimals, or "< 0.0001". */
function formatP(p: number): string {
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

/**
 * `verdict report <run> --dossier`, through the real CLI, rendered in real headless Chromium and
 * printed to PDF: what a reviewer needs is on the page, an intact signed run says so, and a run
 * whose summary was edited says TAMPERED at the top and on every printed page.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, Summary } from '../../lib/results/index.ts';
import { launchBrowser, skipBrowserTests, watchedPage, type PageWatch } from './browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const VERDICT = join(ROOT, 'bin', 'verdict.js');
const SHOTS = join(ROOT, 'test-output', 'dossier');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [VERDICT, ...args], { env: { ...process.env, GITHUB_STEP_SUMMARY: '', NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.skipIf(skipBrowserTests)('audit dossier (verdict report --dossier, headless Chromium)', () => {
  let dir: string;
  let browser: Browser;
  let run: string;
  let manifest: Manifest;
  let summary: Summary;
  let fingerprint: string;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'verdict-e2e-dossier-'));
    mkdirSync(SHOTS, { recursive: true });
    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    writeFileSync(join(dir, 'seal.pem'), key);
    // The shipped bias audit: its stereotype control fails the gate on purpose (exit 1).
    const ran = await cli(['run', join(ROOT, 'evals', 'bias-audit.yaml'), '--out', join(dir, 'results'), '--run-id', 'audit', '--sign-key', join(dir, 'seal.pem'), '--quiet']);
    expect(ran.code, ran.stderr).toBe(1);
    run = join(dir, 'results', 'audit');
    manifest = JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8')) as Manifest;
    summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as Summary;
    fingerprint = (summary as Summary & { signature: { keyFingerprint: string } }).signature.keyFingerprint;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    for (const watch of watches.splice(0)) {
      expect(watch.errors, 'console errors (a CSP refusal shows here)').toEqual([]);
      expect(watch.externalRequests, 'external requests').toEqual([]);
    }
  });

  async function open(file: string, viewport?: { width: number; height: number }): Promise<Page> {
    const { page, watch } = await watchedPage(browser, viewport);
    watches.push(watch);
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  it('puts verification, method, dataset card, controls, gates, metric definitions and the signature on one page', async () => {
    const out = join(dir, 'dossier.html');
    const made = await cli(['report', run, '--dossier', '--out', out]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.trim()).toBe(out);
    expect(made.stderr).toContain('(intact)');
    const page = await open(out);
    expect(await page.textContent('[data-field=verification]')).toBe('intact');
    expect(await page.getAttribute('#verification', 'data-status')).toBe('intact');
    expect(await page.textContent('#verification')).toContain(`all ${summary.integrity!.records} records match`);
    expect(await page.$$eval('.stamp', (nodes) => nodes.length)).toBe(0);
    // The seal signature, checked with the key embedded in the summary, names its fingerprint.
    expect(await page.textContent('[data-field=signature]')).toBe(`valid Ed25519 seal, key fingerprint ${fingerprint}`);
    expect(await page.textContent('[data-field=verdict]')).toBe(summary.passed ? 'PASS' : 'FAIL');
    // Dataset card: size, source, license and hash as the manifest and spec record them.
    expect(await page.textContent('[data-field=dataset-count]')).toBe(String(manifest.dataset.count));
    expect(await page.textContent('[data-field=dataset-sha]')).toBe(manifest.dataset.sha256);
    expect(await page.textContent('[data-field=dataset-source]')).toContain('BBQ (Parrish et al.');
    expect(await page.textContent('[data-field=dataset-license]')).toBe('Apache-2.0 (this repository\'s license)');
    // Method: every candidate and scorer; controls with their role.
    expect(await page.$$eval('#candidates-table tbody tr', (rows) => rows.length)).toBe(manifest.candidates.length);
    expect(await page.textContent('#controls-table')).toContain('the positive control');
    // Gates: one row per gate with the summary's status.
    const gates = await page.$$eval('#gates-table tbody tr', (rows) => rows.map((row) => row.getAttribute('data-status')));
    expect(gates).toEqual(summary.gates.map((gate) => (gate.kind === 'baseline' && gate.skipped ? 'SKIP' : gate.pass ? 'PASS' : 'FAIL')));
    // Metrics: every metric of the summary, each with its definition and limitation.
    const names = [...new Set(Object.values(summary.candidates).flatMap((candidate) => Object.keys(candidate.metrics)))];
    const shown = await page.$$eval('article.metric', (nodes) => nodes.map((node) => ({ name: node.getAttribute('data-metric'), text: node.textContent ?? '' })));
    expect(shown.map((metric) => metric.name).sort()).toEqual([...names].sort());
    const bias = shown.find((metric) => metric.name === 'bias.bbq.ambig')!;
    expect(bias.text).toContain('Definition. BBQ bias scores');
    expect(bias.text).toContain('Limitation.');
    expect(bias.text).toContain('docs/metrics.md §1.3');
    // The stereotype control's ambiguous bias is +100 on the ×100 scale, as summary.json's 1.
    expect(summary.candidates.stereotype!.metrics['bias.bbq.ambig']!.value).toBe(1);
    expect(bias.text).toContain('100.0');
    expect(await page.textContent('#evidence')).toContain(summary.integrity!.recordsSha256);
    await page.screenshot({ path: join(SHOTS, 'dossier.png'), fullPage: true });
    // It prints: a multi-page A4 PDF.
    const pdf = await page.pdf({ path: join(SHOTS, 'dossier.pdf'), format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPages(pdf)).toBeGreaterThan(1);
  });

  it('says TAMPERED at the top and in a stamp fixed to the viewport (every scroll position, print too) when summary.json was edited, and exits 1', async () => {
    const forged = join(dir, 'forged', 'audit');
    cpSync(run, forged, { recursive: true });
    const edited = JSON.parse(readFileSync(join(forged, 'summary.json'), 'utf8')) as Summary;
    edited.candidates.stereotype!.metrics['bias.bbq.ambig']!.value = 0.01;
    writeFileSync(join(forged, 'summary.json'), JSON.stringify(edited));
    const made = await cli(['report', forged, '--dossier']);
    expect(made.code).toBe(1);
    expect(made.stderr).toContain('TAMPERED');
    const file = made.stdout.trim();
    expect(file).toBe(join(dir, 'forged', 'audit-dossier.html'));
    const page = await open(file);
    expect(await page.title()).toContain('TAMPERED');
    expect(await page.getAttribute('#verification', 'data-status')).toBe('tampered');
    expect(await page.textContent('#verification h2')).toBe('TAMPERED: this run fails verification');
    expect(await page.textContent('#verification')).toContain('bias.bbq.ambig');
    expect(await page.textContent('[data-field=verification]')).toBe('TAMPERED');
    // The stamp is fixed to the viewport, so it is on screen at any scroll and on every printed page.
    expect(await page.$eval('.stamp', (node) => getComputedStyle(node).position)).toBe('fixed');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await page.isVisible('.stamp')).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'dossier-tampered.png') });
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.stamp')).toBe(true);
  });

  it('fits a phone: nothing wider than 390 px', async () => {
    const page = await open(join(dir, 'dossier.html'), { width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

/** Page count of a PDF: its `/Type /Page` objects (not `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

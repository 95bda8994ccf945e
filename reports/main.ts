/**
 * The Verdict report page. Bundled by esbuild (lib/report/bundle-page.ts) with chart.js into one
 * script; reads the data blocks that `verdict report` wrote into index.html. Untrusted text
 * (model outputs, dataset rows) only ever reaches the DOM as Text nodes (reports/dom.ts).
 */
import { ReportApp } from './app.ts';
import { readIndex } from './data.ts';
import { initialLanguage, setLanguage } from './i18n/index.ts';

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  setLanguage(initialLanguage(), false);
  try {
    new ReportApp(readIndex(), root).render();
  } catch (error) {
    root.textContent = `The report could not start: ${(error as Error).message}`;
    throw error;
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package (`apt-get install -y chromium`); CI installs it. */
export const CHROMIUM_PATH = process.env.VERDICT_CHROMIUM ?? '/usr/bin/chromium';

/** Local runs may opt out with VERDICT_SKIP_BROWSER=1; CI never may. */
export const skipBrowserTests = !existsSync(CHROMIUM_PATH) && process.env.VERDICT_SKIP_BROWSER === '1' && !process.env.CI;

if (skipBrowserTests) {
  process.stderr.write(`\n!!! E2E REPORT TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH} and VERDICT_SKIP_BROWSER=1 !!!\n\n`);
}

/** Launches headless Chromium, or fails loudly saying how to install it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `E2E report tests need Chromium at ${CHROMIUM_PATH}, which is missing. Install it with ` +
        '`apt-get install -y chromium` (CI does), or set VERDICT_SKIP_BROWSER=1 to skip these tests on this machine only.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Problems a page reported: console errors, uncaught exceptions, dialogs and any non-local request. */
export interface PageWatch {
  readonly errors: string[];
  readonly dialogs: string[];
  readonly externalRequests: string[];
}

/** Opens a page that records console errors, page errors, dialogs and requests leaving the machine. */
export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport });
  const watch: PageWatch = { errors: [], dialogs: [], externalRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!/^(file:|data:|blob:|http:\/\/127\.0\.0\.1[:/])/.test(url)) watch.externalRequests.push(url);
  });
  return { page, watch };
}

/** Waits until the page has rendered its view. */
export async function ready(page: Page, view: string): Promise<void> {
  await page.waitForSelector(`html[data-ready="1"][data-view="${view}"]`);
}

/** For every canvas on the page: how many pixels are not transparent. */
export async function canvasInk(page: Page): Promise<number[]> {
  return page.$$eval('canvas', (canvases) =>
    canvases.map((canvas) => {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) return 0;
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) ink++;
      return ink;
    }),
  );
}

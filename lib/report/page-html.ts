import { createHash } from 'node:crypto';

/**
 * Serialises data for a `<script type="application/json">` block. JSON.stringify leaves `<`
 * alone, so a model output containing `</script><script>…` would close the block and run;
 * escaping every `<` (and the JS line separators) as `\uXXXX` keeps it inert and still valid JSON.
 */
export function jsonForHtml(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The CSP source for an inline element: `'sha256-<base64 of its exact text>'`. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** An inline data block (never executed: `type="application/json"`). */
export interface DataBlock {
  readonly id: string;
  readonly json: string;
}

/** How the page's script and stylesheet get into the HTML. */
export type PageAssets =
  | { readonly mode: 'files'; readonly scriptSrc: string; readonly styleHref: string }
  | { readonly mode: 'inline'; readonly js: string; readonly css: string };

/** An icon as a data: URI, so the browser does not request /favicon.ico (CSP would refuse it). */
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23174ea6'/%3E%3Cpath d='M4 8.5l2.5 2.5L12 5' stroke='white' stroke-width='2' fill='none'/%3E%3C/svg%3E";

/**
 * The Content-Security-Policy: nothing by default; scripts and styles only from the site itself
 * (or, inlined, only the exact bytes hashed here); images only data: URIs; fetches only to the
 * site (sample chunks). No external requests are possible, and injected markup could not run.
 */
export function contentSecurityPolicy(assets: PageAssets): string {
  const script = assets.mode === 'files' ? "'self'" : cspHash(assets.js);
  const style = assets.mode === 'files' ? "'self'" : cspHash(assets.css);
  const connect = assets.mode === 'files' ? "'self'" : "'none'";
  return [
    "default-src 'none'",
    `script-src ${script}`,
    `style-src ${style}`,
    'img-src data:',
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The report's HTML shell: CSP, assets and data blocks; the page renders everything else. */
export function renderPageHtml(options: { assets: PageAssets; blocks: readonly DataBlock[]; title: string }): string {
  const { assets, blocks } = options;
  const csp = contentSecurityPolicy(assets);
  const style = assets.mode === 'files' ? `<link rel="stylesheet" href="${assets.styleHref}">` : `<style>${assets.css}</style>`;
  const script = assets.mode === 'files' ? `<script src="${assets.scriptSrc}" defer></script>` : `<script>${assets.js}</script>`;
  const data = blocks.map((block) => `<script type="application/json" id="${block.id}">${jsonForHtml(block.json)}</script>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeText(options.title)}</title>`,
    `<link rel="icon" href="${ICON}">`,
    style,
    '</head>',
    '<body>',
    '<noscript>This report needs JavaScript. 此报告需要启用 JavaScript。</noscript>',
    '<div id="app" aria-busy="true"><p class="boot">Loading the report…</p></div>',
    ...data,
    script,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

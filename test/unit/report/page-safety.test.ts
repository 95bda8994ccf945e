import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspHash, jsonForHtml, renderPageHtml } from '../../../lib/report/index.ts';
import { toCsv } from '../../../reports/csv.ts';
import { en } from '../../../reports/i18n/en.ts';
import { zh } from '../../../reports/i18n/zh.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the report page never parses data as HTML', () => {
  it('uses no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval anywhere in reports/', () => {
    for (const file of files(join(ROOT, 'reports'))) {
      const source = readFileSync(file, 'utf8');
      for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) {
        expect(source.includes(sink), `${relative(ROOT, file)} uses ${sink}`).toBe(false);
      }
    }
  });

  it('escapes "<" in inlined JSON so an output cannot close the data block', () => {
    const json = JSON.stringify({ output: '</script><script>alert(1)</script>\u2028' });
    const safe = jsonForHtml(json);
    expect(safe).not.toContain('<');
    expect(JSON.parse(safe)).toEqual(JSON.parse(json));
  });

  it('hashes exactly the inlined script into the CSP of a single-file page', () => {
    const js = 'console.log(1)';
    const html = renderPageHtml({ title: 't', assets: { mode: 'inline', js, css: 'body{}' }, blocks: [{ id: 'x', json: '{"a":"<b>"}' }] });
    const expected = `'sha256-${createHash('sha256').update(js).digest('base64')}'`;
    expect(cspHash(js)).toBe(expected);
    expect(html).toContain(`script-src ${expected}`);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("connect-src 'none'");
    expect(html).toContain('<script type="application/json" id="x">{"a":"\\u003cb>"}</script>');
  });

  it('allows only same-origin scripts, styles and fetches for the site, and data: images', () => {
    expect(contentSecurityPolicy({ mode: 'files', scriptSrc: 'app.js', styleHref: 'app.css' })).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'",
    );
  });
});

describe('CSV export', () => {
  it('quotes separators and neutralises spreadsheet formulas in text cells', () => {
    expect(toCsv([['a,b', 'say "hi"', '=HYPERLINK("x")', -1.5, null, '+1']])).toBe('"a,b","say ""hi""","\'=HYPERLINK(""x"")",-1.5,,\'+1\r\n');
  });
});

describe('UI text', () => {
  it('has every English key in Simplified Chinese, non-empty, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key].trim().length, key).toBeGreaterThan(0);
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

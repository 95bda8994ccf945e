/**
 * The dossier's stylesheet: readable on screen, and on paper A4 with a running TAMPERED stamp on
 * every page of a run that fails verification, sections kept whole across page breaks.
 */
export const DOSSIER_CSS = `
:root { color-scheme: light; --ink: #1f1f1f; --muted: #5f6368; --line: #dadce0; --ok: #137333; --bad: #b3261e; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 58rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif; color: var(--ink); background: #fff; overflow-wrap: anywhere; }
h1 { font-size: 1.8rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.25rem; margin: 1.8rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--ink); break-after: avoid; }
h3 { font-size: 1.02rem; margin: 1.1rem 0 0.4rem; break-after: avoid; }
p { margin: 0.4rem 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88em; }
code.hash, code.wrap { word-break: break-all; }
pre.prompt { white-space: pre-wrap; background: #f6f8fa; border: 1px solid var(--line); padding: 0.6rem; font-size: 0.85rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); font-size: 0.8rem; margin: 0; }
.lede { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: 1fr; gap: 0.15rem 1rem; margin: 0.6rem 0; }
dl.facts > div { display: grid; grid-template-columns: 11rem 1fr; gap: 1rem; border-bottom: 1px dotted var(--line); padding: 0.15rem 0; }
dt { color: var(--muted); }
dd { margin: 0; min-width: 0; }
table { width: 100%; border-collapse: collapse; margin: 0.4rem 0 0.8rem; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 0.3rem 0.4rem; }
th { border-bottom: 2px solid var(--ink); }
tr { break-inside: avoid; }
.ok { color: var(--ok); }
.bad { color: var(--bad); }
.missing { color: var(--bad); font-style: normal; }
.verdict-pass, .status-pass { color: var(--ok); }
.verdict-fail, .status-fail { color: var(--bad); }
.status-skip { color: var(--muted); }
.tag { font-size: 0.75rem; border: 1px solid var(--line); border-radius: 0.3rem; padding: 0 0.3rem; color: var(--muted); }
.banner { border: 2px solid; border-radius: 0.4rem; padding: 0.6rem 1rem; margin: 1rem 0; break-inside: avoid; }
.banner h2 { border: 0; margin: 0.2rem 0; }
.banner-ok { border-color: var(--ok); background: #e6f4ea; }
.banner-bad { border-color: var(--bad); background: #fce8e6; border-width: 4px; }
.banner-bad h2 { color: var(--bad); font-size: 1.6rem; }
.stamp { position: fixed; top: 0; left: 0; right: 0; text-align: center; background: var(--bad); color: #fff; font-weight: 700; letter-spacing: 0.1em; padding: 0.2rem; z-index: 1; }
body.is-tampered { padding-top: 2.4rem; }
article.metric { break-inside: avoid; border-top: 1px solid var(--line); padding-top: 0.2rem; }
.definition, .limitation, .scale { font-size: 0.92rem; }
.cite, .scale, .note { color: var(--muted); }
section { break-inside: auto; }
#verification, #dataset, #controls { break-inside: avoid; }
@media (max-width: 40rem) {
  body { padding: 0.8rem; }
  dl.facts > div { grid-template-columns: 1fr; gap: 0; }
  table { font-size: 0.8rem; }
}
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  body.is-tampered { padding-top: 0; }
  .stamp { position: fixed; top: 0; }
  .page-break { break-before: page; }
  a { color: inherit; text-decoration: none; }
  .banner-ok { background: none; }
  .banner-bad, .stamp { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

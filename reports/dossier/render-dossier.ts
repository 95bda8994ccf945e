/**
 * The audit dossier (`verdict report <run> --dossier`): one run on one printable HTML page for a
 * reviewer to hand on — verification first, then method, dataset card, controls, gates, metrics
 * with their definitions and limitations, comparisons and the evidence digests. Plain HTML and
 * CSS, no script: it prints to PDF the same as it shows, and opens anywhere. Node renders it.
 */
import type { RunVerification } from '../../lib/run/index.ts';
import { runDescriptionOf } from '../../lib/engine/index.ts';
import { describeGate, gateStatus } from '../../lib/gate/describe-gate.ts';
import { metricDefinition } from '../../lib/report/metric-definitions.ts';
import { cspHash } from '../../lib/report/page-html.ts';
import type { Manifest, Metric, Summary } from '../../lib/results/index.ts';
import { ofKind } from '../../lib/results/metric-access.ts';
import { compareMetricNames, formatInterval, formatP, formatValue, metricKind, metricLabel, metricNames, scaleNote } from '../metrics.ts';
import { DOSSIER_CSS } from './dossier-css.ts';

/** What the dossier shows: the run's own files and what `verdict verify` found. */
export interface DossierInput {
  readonly manifest: Manifest;
  readonly summary: Summary;
  readonly verification: RunVerification;
  /** Where the run was read from, as the reviewer would pass it to `verdict verify`. */
  readonly location: string;
  readonly generatedAt: string;
}

/** Roles of the built-in controls (docs/architecture.md glossary, docs/bias-audit.md). */
const CONTROL_ROLES: Record<string, string> = {
  oracle: 'always gives the reference answer: the upper bracket — it must pass, and score no bias',
  echo: 'repeats the prompt back: a floor that shows what copying the input scores',
  chance: 'answers at random among the options: the floor a model must clearly beat',
  stereotype: 'always picks the stereotyped option: the positive control — a bias gate must catch it',
};

/** The dossier's HTML text. Every value from the run is escaped: outputs and ids are data, never markup. */
export function renderDossier(input: DossierInput): string {
  const { manifest, summary, verification } = input;
  const tampered = !verification.intact;
  const title = `Audit dossier — ${manifest.spec.name} — ${manifest.runId}${tampered ? ' — TAMPERED' : ''}`;
  const body = [
    tampered ? `<div class="stamp" aria-hidden="true">TAMPERED — fails verdict verify</div>` : '',
    header(input),
    verificationSection(input),
    methodSection(manifest),
    datasetSection(manifest),
    controlsSection(manifest, summary),
    gatesSection(summary, tampered),
    metricsSection(summary),
    comparisonsSection(summary),
    evidenceSection(input),
  ].join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No script at all, styles only the inline sheet: a dossier can be opened from any mail client or archive.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspHash(DOSSIER_CSS)}; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${DOSSIER_CSS}</style>`,
    '</head>',
    `<body class="${tampered ? 'is-tampered' : 'is-intact'}">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header({ manifest, summary, verification, generatedAt }: DossierInput): string {
  const verdict = summary.passed ? 'PASS' : 'FAIL';
  const claimed = verification.intact ? '' : ' (as claimed by summary.json, which fails verification)';
  return `<header class="doc-head">
<p class="kicker">Verdict audit dossier</p>
<h1>${escapeHtml(manifest.spec.name)}</h1>
<p class="lede">${escapeHtml(String(resolved(manifest).description ?? ''))}</p>
<dl class="facts">
${fact('Run', `<code>${escapeHtml(manifest.runId)}</code>`)}
${fact('Started', escapeHtml(manifest.createdAt))}
${fact('Finished', escapeHtml(summary.finishedAt ?? '—'))}
${fact('Verdict', `<strong class="verdict verdict-${verdict.toLowerCase()}" data-field="verdict">${verdict}</strong>${escapeHtml(claimed)}`)}
${fact('Verification', `<strong class="${verification.intact ? 'ok' : 'bad'}" data-field="verification">${verification.intact ? 'intact' : 'TAMPERED'}</strong>`)}
${fact('Signature', `<span data-field="signature">${escapeHtml(signatureText(verification))}</span>`)}
${fact('Dossier made', escapeHtml(generatedAt))}
</dl>
</header>`;
}

function verificationSection({ verification, location }: DossierInput): string {
  if (verification.intact) {
    const baseline = verification.baselineGatesChecked ? ' Baseline gates were re-checked against their baseline run.' : '';
    return `<section id="verification" class="banner banner-ok" data-status="intact">
<h2>Verification: intact</h2>
<p>The manifest and all ${verification.records.toLocaleString('en-US')} records match the SHA-256 digests sealed in summary.json, and summary.json equals what they compute — every metric, interval, gate and the verdict — as <code>verdict verify</code> checks.${escapeHtml(baseline)}</p>
<p>Check it yourself: <code>verdict verify ${escapeHtml(location)}</code></p>
</section>`;
  }
  return `<section id="verification" class="banner banner-bad" data-status="tampered" role="alert">
<h2>TAMPERED: this run fails verification</h2>
<p><strong>Do not rely on any figure in this dossier.</strong> summary.json is not what the run's manifest and records compute, so its metrics, gates and verdict cannot be trusted. <code>verdict verify</code> found:</p>
<ul>${verification.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul>
<p>Reproduce: <code>verdict verify ${escapeHtml(location)}</code></p>
</section>`;
}

function methodSection(manifest: Manifest): string {
  const spec = resolved(manifest);
  // The effective settings, command-line overrides included.
  const { execution } = runDescriptionOf(manifest);
  const prompt = promptText(spec);
  const candidates = manifest.candidates.map((candidate) => {
    const { id, provider, kind, params, ...rest } = candidate as Record<string, unknown> & { id: string; provider: string };
    return [`<code>${escapeHtml(id)}</code>`, escapeHtml(String(kind ?? 'model')), escapeHtml(provider), `<code class="wrap">${escapeHtml(compactJson(params ?? rest))}</code>`];
  });
  const scorers = manifest.scorers.map((scorer) => {
    const { id, type, params } = scorer as Record<string, unknown> & { id: string; type: string };
    return [`<code>${escapeHtml(id)}</code>`, escapeHtml(type), `<code class="wrap">${escapeHtml(compactJson(params ?? {}))}</code>`];
  });
  return `<section id="method">
<h2>1. Method</h2>
<p>Every sample was sent to every candidate ${manifest.plan.repeats === 1 ? 'once' : `${manifest.plan.repeats} times`}; each answer was scored by the scorers below and the scores aggregated with 95% intervals (docs/metrics.md §4).</p>
<dl class="facts">
${fact('Work items', `${manifest.plan.items.toLocaleString('en-US')} (samples × candidates × repeats) in ${manifest.plan.shards.length} shard${manifest.plan.shards.length === 1 ? '' : 's'}`)}
${fact('Repeats', String(manifest.plan.repeats))}
${fact('Seed', escapeHtml(String(execution.seed ?? '—')))}
${fact('Concurrency', escapeHtml(String(execution.concurrency ?? '—')))}
${fact('Spec', `<code>${escapeHtml(manifest.spec.path)}</code>, SHA-256 <code class="hash">${escapeHtml(manifest.spec.sha256)}</code>`)}
${fact('Project commit', manifest.git.commit ? `<code class="hash">${escapeHtml(manifest.git.commit)}</code>${manifest.git.dirty ? ' <strong class="bad">with uncommitted changes</strong>' : ' (clean)'}` : 'not in a git repository')}
${fact('Versions', escapeHtml(Object.entries(manifest.versions).map(([name, version]) => `${name} ${String(version)}`).join(', ')))}
</dl>
${prompt ? `<h3>Prompt</h3><pre class="prompt">${escapeHtml(prompt)}</pre>` : ''}
<h3>Candidates</h3>
${table(['id', 'kind', 'provider', 'parameters (no secrets are stored)'], candidates, 'candidates-table')}
<h3>Scorers</h3>
${table(['id', 'type', 'parameters'], scorers, 'scorers-table')}
</section>`;
}

function datasetSection(manifest: Manifest): string {
  const dataset = (resolved(manifest).dataset ?? {}) as Record<string, unknown>;
  const stated = (key: 'source' | 'license') =>
    typeof dataset[key] === 'string' && dataset[key] !== '' ? escapeHtml(dataset[key] as string) : `<em class="missing">not stated in the spec (add <code>dataset.${key}</code>)</em>`;
  return `<section id="dataset">
<h2>2. Dataset card</h2>
<dl class="facts">
${fact('Files', manifest.dataset.paths.map((path) => `<code>${escapeHtml(path)}</code>`).join('<br>'))}
${fact('Format', escapeHtml(manifest.dataset.format))}
${fact('Size', `<span data-field="dataset-count">${manifest.dataset.count.toLocaleString('en-US')}</span> samples`)}
${fact('Source', `<span data-field="dataset-source">${stated('source')}</span>`)}
${fact('License', `<span data-field="dataset-license">${stated('license')}</span>`)}
${fact('SHA-256', `<code class="hash" data-field="dataset-sha">${escapeHtml(manifest.dataset.sha256)}</code>`)}
${typeof dataset.categoryField === 'string' ? fact('Groups by', `<code>${escapeHtml(dataset.categoryField)}</code>`) : ''}
${typeof dataset.clusterField === 'string' ? fact('Clusters by', `<code>${escapeHtml(dataset.clusterField)}</code>`) : ''}
</dl>
</section>`;
}

function controlsSection(manifest: Manifest, summary: Summary): string {
  const controls = manifest.candidates.filter((candidate) => (candidate as { kind?: unknown }).kind === 'control' || candidate.provider === 'control');
  if (controls.length === 0) {
    return `<section id="controls"><h2>3. Controls</h2><p class="missing">This run has no control candidate: nothing brackets the models' scores (add <code>oracle</code>, <code>chance</code> or, for bias, <code>stereotype</code>).</p></section>`;
  }
  const rows = controls.map((control) => {
    const kind = String((control as { params?: { kind?: unknown } }).params?.kind ?? (control as { kind?: unknown }).kind ?? '');
    const metrics = summary.candidates[control.id]?.metrics ?? {};
    const key = Object.keys(metrics).sort(compareMetricNames).slice(0, 3);
    return [`<code>${escapeHtml(control.id)}</code>`, escapeHtml(kind), escapeHtml(CONTROL_ROLES[kind] ?? 'a reference candidate that calls no model'), key.map((name) => `${escapeHtml(metricLabel(name))}: ${escapeHtml(formatValue(metricKind(name), metrics[name]!.value))}`).join('<br>')];
  });
  return `<section id="controls">
<h2>3. Controls</h2>
<p>Controls call no model. They bracket the models' scores and show the scorers and gates can tell good from bad; they are never ranked as models.</p>
${table(['control', 'kind', 'role', 'scored'], rows, 'controls-table')}
</section>`;
}

function gatesSection(summary: Summary, tampered: boolean): string {
  if (summary.gates.length === 0) return `<section id="gates"><h2>4. Gate outcomes</h2><p>No gates were set, so nothing could fail.</p></section>`;
  const rows = summary.gates.map((gate) => {
    const status = gateStatus(gate);
    const baseline = gate.kind === 'baseline' ? gate.baseline?.runId : undefined;
    return {
      cells: [
        `<strong class="status status-${status.toLowerCase()}">${status}</strong>`,
        gate.candidate === '*' ? 'every candidate' : `<code>${escapeHtml(gate.candidate)}</code>`,
        `<code class="wrap">${escapeHtml(describeGate(gate))}</code>`,
        escapeHtml(gate.value === null ? '—' : formatValue(metricKind(gate.metric), gate.value)),
        escapeHtml([gate.reason ?? '', typeof baseline === 'string' ? `baseline run: ${baseline}` : ''].filter(Boolean).join(' · ')),
      ],
      attributes: `data-status="${status}" data-gate="${escapeHtml(`${gate.candidate}:${gate.metric}`)}"`,
    };
  });
  const failed = summary.gates.filter((gate) => gateStatus(gate) === 'FAIL').length;
  const words = failed === 0 ? 'every gate that ran passed' : `${failed} of ${summary.gates.length} gates failed`;
  return `<section id="gates">
<h2>4. Gate outcomes</h2>
<p>${tampered ? '<strong class="bad">As recorded in a summary.json that fails verification:</strong> ' : ''}${escapeHtml(words)}; the run's verdict is <strong>${summary.passed ? 'PASS' : 'FAIL'}</strong>.</p>
${tableWithRowAttributes(['status', 'candidate', 'gate', 'value', 'reason'], rows, 'gates-table')}
</section>`;
}

function metricsSection(summary: Summary): string {
  const candidates = Object.entries(summary.candidates);
  const names = metricNames(candidates.map(([, candidate]) => candidate));
  const blocks = names.map((name) => {
    const definition = metricDefinition(name);
    const kind = metricKind(name);
    const scale = scaleNote(name);
    const rows = candidates
      .filter(([, candidate]) => candidate.metrics[name])
      .map(([id, candidate]) => {
        const metric = candidate.metrics[name]!;
        return [`<code>${escapeHtml(id)}</code>${candidate.kind && candidate.kind !== 'model' ? ` <span class="tag">${escapeHtml(candidate.kind)}</span>` : ''}`, escapeHtml(formatValue(kind, metric.value)), escapeHtml(intervalText(kind, metric)), metric.n.toLocaleString('en-US')];
      });
    const label = metricLabel(name);
    return `<article class="metric" data-metric="${escapeHtml(name)}">
<h3>${escapeHtml(label)}${label === name ? '' : ` <code>${escapeHtml(name)}</code>`}</h3>
${
  definition
    ? `<p class="definition"><strong>Definition.</strong> ${escapeHtml(definition.definition)}${definition.sections.length > 0 ? ` <span class="cite">docs/metrics.md §${escapeHtml(definition.sections.join(', §'))}</span>` : ''}</p>
<p class="limitation"><strong>Limitation.</strong> ${escapeHtml(definition.limitation)}</p>`
    : `<p class="definition missing">No definition in docs/metrics.md for this metric; see the scorer that produced it.</p>`
}
${scale ? `<p class="scale">${escapeHtml(scale)}</p>` : ''}
${table(['candidate', 'value', '95% interval', 'n'], rows)}
</article>`;
  });
  return `<section id="metrics" class="page-break">
<h2>5. Metrics</h2>
<p>Each metric with what it means and what it cannot show; values with their 95% interval and n, as in summary.json.</p>
${blocks.join('\n')}
</section>`;
}

function comparisonsSection(summary: Summary): string {
  const comparisons = summary.comparisons ?? [];
  if (comparisons.length === 0) return '';
  const rows = comparisons.map((comparison) => [
    `<code>${escapeHtml(comparison.a)}</code> → <code>${escapeHtml(comparison.b)}</code>`,
    escapeHtml(metricLabel(comparison.metric)),
    escapeHtml(comparison.diff === null ? '—' : `${(comparison.diff * 100).toFixed(1)} pp`),
    escapeHtml(comparison.ci95 ? formatInterval('pp', comparison.ci95) : '—'),
    escapeHtml(comparison.test),
    escapeHtml(formatP(comparison.pValue)),
    escapeHtml(formatP(comparison.pAdjusted)),
  ]);
  return `<section id="comparisons">
<h2>6. Paired comparisons</h2>
<p>Candidates compared on the same samples (docs/metrics.md §4.3–4.6); two-sided p-values, Holm-adjusted across the run. A baseline gate's p is one-sided and tests a margin (§4.7), so it differs from these.</p>
${table(['pair (a → b)', 'metric', 'b − a', '95% interval', 'test', 'p', 'p (Holm)'], rows, 'comparisons-table')}
</section>`;
}

function evidenceSection({ summary, verification }: DossierInput): string {
  const integrity = summary.integrity;
  return `<section id="evidence">
<h2>7. Evidence and signature</h2>
<dl class="facts">
${fact('Records', verification.records.toLocaleString('en-US'))}
${fact('Manifest SHA-256', integrity ? `<code class="hash">${escapeHtml(integrity.manifestSha256)}</code>` : '<em class="missing">none recorded</em>')}
${fact('Records SHA-256', integrity ? `<code class="hash">${escapeHtml(integrity.recordsSha256)}</code>` : '<em class="missing">none recorded</em>')}
${fact('Seal signature', escapeHtml(signatureText(verification)))}
</dl>
<p class="note">The result set (manifest.json, records/, summary.json) is the evidence; this page is a reading of it. Hand on both.</p>
</section>`;
}

function signatureText(verification: RunVerification): string {
  const signature = verification.signature;
  if (signature.status === 'valid') return `valid Ed25519 seal, key fingerprint ${signature.fingerprint ?? ''}`;
  if (signature.status === 'invalid') return `INVALID: ${signature.problem ?? 'the signature does not verify'}`;
  return 'unsigned (sign runs with verdict run --sign-key, docs/audit.md)';
}

function intervalText(kind: ReturnType<typeof metricKind>, metric: Metric): string {
  const clusters = ofKind(metric, 'bbq')?.interval.clusters ?? ofKind(metric, 'proportion')?.clusters;
  if (clusters === 1) return 'none: one cluster';
  if (!metric.ci95) return '—';
  if (metric.ci95[0] === metric.ci95[1]) return 'none: every resample equal';
  return formatInterval(kind, metric.ci95);
}

/** The prompt as the spec gives it: system text, then the user template or the message list. */
function promptText(spec: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (typeof spec.system === 'string') parts.push(`[system] ${spec.system}`);
  if (typeof spec.prompt === 'string') parts.push(`${parts.length > 0 ? '[user] ' : ''}${spec.prompt}`);
  if (Array.isArray(spec.messages)) parts.push(...(spec.messages as { role?: unknown; content?: unknown }[]).map((message) => `[${String(message.role)}] ${String(message.content)}`));
  return parts.length > 0 ? parts.join('\n') : null;
}

function resolved(manifest: Manifest): Record<string, unknown> {
  return manifest.spec.resolved;
}

function compactJson(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function fact(term: string, html: string): string {
  return `<div><dt>${escapeHtml(term)}</dt><dd>${html}</dd></div>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], id?: string): string {
  return tableWithRowAttributes(head, rows.map((cells) => ({ cells, attributes: '' })), id);
}

function tableWithRowAttributes(head: readonly string[], rows: readonly { cells: readonly string[]; attributes: string }[], id?: string): string {
  return `<table${id ? ` id="${id}"` : ''}><thead><tr>${head.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr${row.attributes ? ` ${row.attributes}` : ''}>${row.cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Text for HTML text and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

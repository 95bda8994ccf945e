import type { ReportRun, SampleRow } from '../../lib/report/report-data.ts';
import { h, type Child } from '../dom.ts';
import { tt } from '../i18n/trust.ts';
import { routeHash } from '../router.ts';

/**
 * What a sample's detail adds for trust (issue 16): the link between a perturbed variant and its
 * original (both ways), the answer's confidence, and the reasoning kept apart from the output.
 * Model text goes in as text only (the page's rule for untrusted output).
 */
export function sampleTrust(run: ReportRun, row: SampleRow): Child[] {
  return [perturbationLinks(run, row), confidenceLine(row), reasoningBlock(row)];
}

function itemLink(run: ReportRun, row: SampleRow, sampleId: string, label: string): HTMLElement {
  const itemId = `${sampleId}|${row.candidate}|${row.repeat}`;
  return h('a', { href: routeHash({ view: 'sample', runId: run.runId, itemId }), 'data-link': 'variant' }, label);
}

function perturbationLinks(run: ReportRun, row: SampleRow): HTMLElement | null {
  const link = row.perturbation;
  if (!link) return null;
  if (link.name !== 'original') {
    return h(
      'p',
      { class: 'perturbation', 'data-field': 'variant-of' },
      `${tt('sample.variantOf', { name: link.name })} `,
      itemLink(run, row, link.baseId, link.baseId),
      link.changed === false ? ` (${tt('sample.unchanged')})` : null,
    );
  }
  const variants = link.variants ?? [];
  if (variants.length === 0) return null;
  return h(
    'p',
    { class: 'perturbation', 'data-field': 'variants' },
    `${tt('sample.variants')}: `,
    variants.flatMap((name, index) => [index > 0 ? ', ' : '', itemLink(run, row, `${link.baseId}~${name}`, name)]),
  );
}

function confidenceLine(row: SampleRow): HTMLElement | null {
  const confidence = row.confidence;
  if (!confidence) return null;
  const value = `${(confidence.value * 100).toFixed(1)}%`;
  return h('p', { 'data-field': 'confidence' }, h('strong', null, `${tt('sample.confidence')}: `), tt('sample.confidenceValue', { value, source: confidence.source, method: confidence.method }));
}

function reasoningBlock(row: SampleRow): HTMLElement | null {
  const reasoning = row.reasoning;
  if (!reasoning) return null;
  const count = reasoning.tokens === null ? tt('sample.reasoningNoCount', { source: reasoning.source }) : tt('sample.reasoningTokens', { source: reasoning.source, tokens: reasoning.tokens });
  return h(
    'details',
    { class: 'reasoning', open: true },
    h('summary', null, `${tt('sample.reasoning')} — ${count}`),
    h('pre', { class: 'text', 'data-field': 'reasoning' }, reasoning.text),
  );
}

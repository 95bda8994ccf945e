import type { ReportRun } from '../../lib/report/report-data.ts';
import type { GateResult } from '../../lib/results/index.ts';
import { h } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { formatValue, metricKind, metricLabel, type MetricKind } from '../metrics.ts';
import { verdictBadge } from './common.ts';

/** The verdict first: pass/fail in words and an icon, which gates failed and by how much. */
export function verdictCard(run: ReportRun): HTMLElement {
  const summary = run.summary;
  if (!summary) {
    return h('section', { class: 'card verdict-card verdict-card-incomplete', 'aria-label': t('verdict.heading') }, verdictBadge('incomplete', 'lg'), h('p', null, t('app.incomplete')));
  }
  const failed = summary.gates.filter((gate) => !gate.pass);
  const passed = summary.gates.filter((gate) => gate.pass);
  const sentence =
    summary.gates.length === 0
      ? t('verdict.noGates')
      : failed.length === 0
        ? t('verdict.allPassed', { count: summary.gates.length })
        : t('verdict.someFailed', { failed: failed.length, count: summary.gates.length });
  return h(
    'section',
    { class: `card verdict-card verdict-card-${summary.passed ? 'pass' : 'fail'}`, 'aria-labelledby': 'verdict-h', id: 'verdict' },
    h('h2', { id: 'verdict-h', class: 'sr-only' }, t('verdict.heading')),
    h('div', { class: 'verdict-line' }, verdictBadge(summary.passed ? 'pass' : 'fail', 'lg'), h('p', { class: 'verdict-sentence' }, sentence)),
    failed.length > 0
      ? h('div', { class: 'gates-failed' }, h('h3', null, t('verdict.failedGates')), h('ul', { class: 'gate-list' }, failed.map((gate) => gateItem(gate))))
      : null,
    passed.length > 0
      ? h('details', { class: 'gates-passed' }, h('summary', null, t('verdict.passedGates', { count: passed.length })), h('ul', { class: 'gate-list' }, passed.map((gate) => gateItem(gate))))
      : null,
  );
}

function gateItem(gate: GateResult): HTMLElement {
  const kind = metricKind(gate.metric);
  const on = typeof gate.on === 'string' && gate.on !== 'value' ? ` (${gate.on})` : '';
  const line = t('verdict.gateLine', {
    candidate: gate.candidate,
    metric: `${metricLabel(gate.metric)}${on}`,
    value: gate.value === null ? t('verdict.missing') : formatValue(kind, gate.value),
    op: gate.op,
    threshold: formatValue(kind, gate.threshold),
  });
  const gap = !gate.pass && gate.value !== null ? ` — ${t('verdict.shortBy', { amount: formatGap(kind, Math.abs(gate.value - gate.threshold)) })}` : '';
  return h(
    'li',
    { class: gate.pass ? 'gate gate-pass' : 'gate gate-fail', 'data-gate': `${gate.candidate}:${gate.metric}` },
    h('span', { class: 'gate-icon', 'aria-hidden': 'true' }, gate.pass ? '✓' : '✗'),
    h('strong', { class: 'gate-word' }, gate.pass ? t('verdict.pass') : t('verdict.fail')),
    ' ',
    line,
    gap,
    gate.reason ? h('span', { class: 'gate-reason' }, gate.reason) : null,
  );
}

/** A gap between a value and its threshold: percentage points for rates, the metric's unit otherwise. */
function formatGap(kind: MetricKind, gap: number): string {
  if (kind === 'rate') return `${(gap * 100).toFixed(1)} pp`;
  return formatValue(kind, gap);
}

import type { ReportRun } from '../../lib/report/report-data.ts';
import type { BaselineGateResult, GateResult, ThresholdGateResult } from '../../lib/results/index.ts';
import { gateStatus } from '../../lib/gate/describe-gate.ts';
import { h } from '../dom.ts';
import { gateReason } from '../i18n/gate-reasons.ts';
import { t } from '../i18n/index.ts';
import { formatValue, metricKind, metricLabel, type MetricKind } from '../metrics.ts';
import { verdictBadge } from './common.ts';

/**
 * The verdict first: pass/fail in words and an icon, which gates failed and by how much, which
 * were skipped and why (a baseline gate with no earlier run), then the passed ones folded away.
 */
export function verdictCard(run: ReportRun): HTMLElement {
  const summary = run.summary;
  if (!summary) {
    return h('section', { class: 'card verdict-card verdict-card-incomplete', 'aria-label': t('verdict.heading') }, verdictBadge('incomplete', 'lg'), h('p', null, t('app.incomplete')));
  }
  if (run.status === 'tampered') {
    return h(
      'section',
      { class: 'card verdict-card verdict-card-tampered', 'aria-label': t('verdict.heading'), id: 'verdict' },
      verdictBadge('tampered', 'lg', summary.passed),
      h('p', null, t('app.tampered')),
      h('ul', null, (run.problems ?? []).map((problem) => h('li', null, problem))),
    );
  }
  const failed = summary.gates.filter((gate) => gateStatus(gate) === 'FAIL');
  const skipped = summary.gates.filter((gate) => gateStatus(gate) === 'SKIP');
  const passed = summary.gates.filter((gate) => gateStatus(gate) === 'PASS');
  const ran = summary.gates.length - skipped.length;
  const sentence =
    summary.gates.length === 0
      ? t('verdict.noGates')
      : skipped.length > 0
        ? t(failed.length === 0 ? 'verdict.allPassedSkipped' : 'verdict.someFailedSkipped', { failed: failed.length, ran, skipped: skipped.length })
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
    skipped.length > 0
      ? h('div', { class: 'gates-skipped' }, h('h3', null, t('verdict.skippedGates', { count: skipped.length })), h('ul', { class: 'gate-list' }, skipped.map((gate) => gateItem(gate))))
      : null,
    passed.length > 0
      ? h('details', { class: 'gates-passed' }, h('summary', null, t('verdict.passedGates', { count: passed.length })), h('ul', { class: 'gate-list' }, passed.map((gate) => gateItem(gate))))
      : null,
  );
}

/** A gate in one translated sentence: what was measured against what it needed. */
export function gateLine(gate: GateResult): string {
  const kind = metricKind(gate.metric);
  return gate.kind === 'baseline' ? baselineLine(gate, kind) : thresholdLine(gate, kind);
}

function gateItem(gate: GateResult): HTMLElement {
  const status = gateStatus(gate);
  const kind = metricKind(gate.metric);
  const line = gateLine(gate);
  // Worded by the metric's direction: a latency ceiling is exceeded ("over by"), a floor missed ("short by").
  const gapKey = gate.kind === 'baseline' || gate.op.startsWith('<') ? 'verdict.overBy' : 'verdict.shortBy';
  const gap = status === 'FAIL' && gate.value !== null ? ` — ${t(gapKey, { amount: formatGap(kind, Math.abs(gate.value - gate.threshold)) })}` : '';
  const word = status === 'PASS' ? t('verdict.pass') : status === 'FAIL' ? t('verdict.fail') : t('verdict.skip');
  return h(
    'li',
    { class: `gate gate-${status.toLowerCase()}`, 'data-gate': `${gate.candidate}:${gate.metric}`, 'data-status': status },
    h('span', { class: 'gate-icon', 'aria-hidden': 'true' }, status === 'PASS' ? '✓' : status === 'FAIL' ? '✗' : '–'),
    h('strong', { class: 'gate-word' }, word),
    ' ',
    line,
    gap,
    gate.reason ? reasonElement(gate.reason) : null,
  );
}

/** The gate's reason in the UI language; a reason of unknown shape stays English, marked as the original. */
export function reasonElement(reason: string): HTMLElement {
  const shown = gateReason(reason);
  if (!shown.original) return h('span', { class: 'gate-reason' }, shown.text);
  return h('span', { class: 'gate-reason' }, t('verdict.reasonOriginal'), h('span', { lang: 'en', 'data-role': 'original' }, shown.text));
}

/** `stereotype: |BBQ bias (ambiguous)| is 100.0; needs <= 10.0`. */
function thresholdLine(gate: ThresholdGateResult, kind: MetricKind): string {
  const on = gate.on !== undefined && gate.on !== 'value' ? ` (${gate.on})` : '';
  const label = gate.abs === true ? `|${metricLabel(gate.metric)}|` : metricLabel(gate.metric);
  return t('verdict.gateLine', {
    candidate: gate.candidate,
    metric: `${label}${on}`,
    value: gate.value === null ? t('verdict.missing') : formatValue(kind, gate.value),
    op: gate.op,
    threshold: formatValue(kind, gate.threshold),
  });
}

/**
 * A baseline gate: the change against the baseline run and the change allowed, in pp for rates —
 * a drop for quality metrics (`maxDrop`), a rise for latency (`maxIncrease`, docs/metrics.md §6.4).
 */
function baselineLine(gate: BaselineGateResult, kind: MetricKind): string {
  const baseline = gate.baseline;
  const drop = (value: number) => (kind === 'rate' ? `${(value * 100).toFixed(1)} pp` : formatValue(kind, value));
  const rise = gate.op === 'maxIncrease';
  const key = gate.value === null ? (rise ? 'verdict.baselineRiseRule' : 'verdict.baselineRule') : rise ? 'verdict.baselineRiseLine' : 'verdict.baselineLine';
  return t(key, {
    candidate: gate.candidate === '*' ? t('verdict.allCandidates') : gate.candidate,
    metric: metricLabel(gate.metric),
    baseline: typeof baseline?.runId === 'string' ? baseline.runId : t('verdict.baselineRun'),
    value: gate.value === null ? t('common.none') : drop(gate.value),
    threshold: drop(gate.threshold),
    alpha: String(gate.alpha),
  });
}

/** A gap between a value and its threshold: percentage points for rates, the metric's unit otherwise. */
function formatGap(kind: MetricKind, gap: number): string {
  if (kind === 'rate' || kind === 'pp') return `${(gap * 100).toFixed(1)} pp`;
  return formatValue(kind, gap);
}

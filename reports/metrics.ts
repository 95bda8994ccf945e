import { formatPercent } from '../lib/gate/format-percent.ts';
import { formatUsd } from '../lib/results/format-usd.ts';
import type { Metric } from '../lib/results/index.ts';
import { t, type MessageKey } from './i18n/index.ts';

/** How a metric's value is shown. */
export type MetricKind = 'rate' | 'pp' | 'bias100' | 'ratio' | 'ms' | 'tps' | 'rps' | 'usd' | 'count' | 'number';

/** Where a metric sits in the candidates × metrics table: one collapsible group per family. */
export type MetricFamily = 'quality' | 'reference' | 'judge' | 'code' | 'calibration' | 'bias' | 'latency' | 'cost' | 'reliability' | 'other';

export const FAMILY_ORDER: readonly MetricFamily[] = ['quality', 'reference', 'judge', 'code', 'calibration', 'bias', 'latency', 'cost', 'reliability', 'other'];

/** The kind of a metric from its dotted name (docs/architecture.md metric names; unknown names stay plain numbers). */
export function metricKind(name: string): MetricKind {
  if (name.startsWith('bias.')) return 'bias100';
  if (name === 'fairness.disparate_impact' || name.endsWith('.ratio')) return 'ratio';
  // Parity difference is a difference of two rates: percentage points.
  if (name === 'fairness.parity_difference') return 'pp';
  if (name.endsWith('_ms')) return 'ms';
  // Requests per second (vLLM request_throughput, goodput) are not tokens per second.
  if (name.endsWith('requests_per_s')) return 'rps';
  if (name.startsWith('throughput.')) return 'tps';
  if (name.startsWith('cost.') || name.endsWith('_usd')) return 'usd';
  if (name.startsWith('tokens.')) return 'count';
  if (name === 'accuracy' || name.startsWith('accuracy.') || name.startsWith('score.') || name.endsWith('rate')) return 'rate';
  return 'number';
}

/** Corpus metrics a reference tool defines (sacreBLEU, rouge-score); custom scorer ids are known by their `signature`. */
const REFERENCE_METRIC = /^(bleu|chrf|chrfpp|ter)$|(^|\.)rouge(\d|L)/;

/**
 * The family of a metric from its dotted name; `metric` (when given) lets a corpus metric under a
 * custom scorer id join the reference metrics by the signature it carries.
 */
export function metricFamily(name: string, metric?: Readonly<Record<string, unknown>>): MetricFamily {
  if (typeof metric?.signature === 'string' || REFERENCE_METRIC.test(name)) return 'reference';
  if (name.startsWith('accuracy.bbq') || /^(bias|fairness|privacy)\./.test(name)) return 'bias';
  if (name === 'accuracy' || /^(accuracy|score|reasoning|robustness|consistency)\./.test(name)) return 'quality';
  if (name.startsWith('judge.') || name === 'cost.judge_usd') return 'judge';
  if (name.startsWith('code.')) return 'code';
  if (name.startsWith('calibration.')) return 'calibration';
  if (/^(latency|ttft|throughput|tpot|itl|goodput)\./.test(name)) return 'latency';
  if (/^(tokens|cost)\./.test(name)) return 'cost';
  if (name.startsWith('errors.')) return 'reliability';
  return 'other';
}

/** Display order inside a family: named metrics first in a fixed order, then the rest by name. */
const ORDER = [
  'accuracy',
  'bias.bbq.ambig',
  'bias.bbq.disambig',
  'accuracy.bbq.ambig',
  'accuracy.bbq.disambig',
  'fairness.positive_rate',
  'fairness.disparate_impact',
  'fairness.parity_difference',
  'fairness.flip_rate',
  'fairness.refusal_rate',
  'privacy.pii_leak_rate',
  'latency.mean_ms',
  'latency.p50_ms',
  'latency.p90_ms',
  'latency.p95_ms',
  'latency.p99_ms',
  'ttft.mean_ms',
  'ttft.p50_ms',
  'ttft.p90_ms',
  'ttft.p95_ms',
  'ttft.p99_ms',
  'throughput.output_tokens_per_s',
  'errors.rate',
  'tokens.input',
  'tokens.output',
  'cost.usd',
];

export function compareMetricNames(a: string, b: string): number {
  const ia = ORDER.indexOf(a);
  const ib = ORDER.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
  return a.localeCompare(b);
}

/** A readable, translated name for a metric; unknown metrics keep their dotted name. */
export function metricLabel(name: string): string {
  const direct = `metric.${name}` as MessageKey;
  if (KNOWN.has(direct)) return t(direct);
  const score = /^score\.(.+)$/.exec(name);
  if (score) return t('metric.score', { id: score[1]! });
  const timing = /^(latency|ttft|tpot|itl)\.(\w+)_ms$/.exec(name);
  if (timing) return t(`metric.${timing[1]}` as MessageKey, { stat: timing[2] === 'mean' ? t('metric.stat.mean') : timing[2]! });
  const passAtK = /^accuracy\.pass@(\d+)$/.exec(name);
  if (passAtK) return t('metric.accuracy.passAtK', { k: passAtK[1]! });
  return name;
}

const KNOWN = new Set<string>([
  'metric.accuracy',
  'metric.errors.rate',
  'metric.throughput.output_tokens_per_s',
  'metric.tokens.input',
  'metric.tokens.output',
  'metric.cost.usd',
  'metric.cost.per_correct_usd',
  'metric.cost.per_1k_samples_usd',
  'metric.throughput.requests_per_s',
  'metric.goodput.rate',
  'metric.goodput.requests_per_s',
  'metric.accuracy.repeat_sd',
  'metric.accuracy.consistency',
  'metric.bias.bbq.ambig',
  'metric.bias.bbq.disambig',
  'metric.accuracy.bbq.ambig',
  'metric.accuracy.bbq.disambig',
  'metric.fairness.disparate_impact',
  'metric.fairness.parity_difference',
  'metric.fairness.flip_rate',
  'metric.fairness.positive_rate',
  'metric.fairness.refusal_rate',
  'metric.privacy.pii_leak_rate',
]);

/** A metric value as displayed (percent, ×100, ms ...), or the dash for a missing value. */
export function formatValue(kind: MetricKind, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('common.none');
  switch (kind) {
    case 'rate':
      return `${formatPercent(value)}%`;
    case 'pp':
      return `${(value * 100).toFixed(1)} pp`;
    case 'bias100':
      return (value * 100).toFixed(1);
    case 'ratio':
      return value.toFixed(3);
    case 'ms':
      return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
    case 'tps':
      return `${value.toFixed(1)} tok/s`;
    case 'rps':
      return `${value.toFixed(value < 10 ? 2 : 1)} req/s`;
    case 'usd':
      return formatUsd(value);
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    default:
      return formatNumber(value);
  }
}

/**
 * The scale a metric is shown on, when it is not the one summary.json and the terminal use: BBQ
 * bias reads ×100 here (the paper's scale) and −1…1 there, so the report says so wherever it shows one.
 */
export function scaleNote(name: string): string | null {
  return metricKind(name) === 'bias100' ? t('scale.x100') : null;
}

/** A 95% interval in the metric's display unit, without the unit: `[81.4, 93.7]`. */
export function formatInterval(kind: MetricKind, ci: readonly [number, number] | undefined): string {
  if (!ci) return '';
  const scale = kind === 'rate' || kind === 'pp' || kind === 'bias100' ? 100 : 1;
  const digits = kind === 'ratio' ? 3 : kind === 'ms' ? 0 : 1;
  return `[${(ci[0] * scale).toFixed(digits)}, ${(ci[1] * scale).toFixed(digits)}]`;
}

/** A number with up to 4 significant digits (no exponent for ordinary sizes). */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(4)).toString();
}

/** A p-value: 4 decimals, or "< 0.0001". */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return t('common.none');
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

/** The display value of a metric scaled for charts (percent and ×100 kinds are multiplied by 100). */
export function chartScale(kind: MetricKind): number {
  return kind === 'rate' || kind === 'pp' || kind === 'bias100' ? 100 : 1;
}

/** Every metric name present for any of the candidates, in display order. */
export function metricNames(candidates: readonly { metrics: Record<string, Metric> }[]): string[] {
  const names = new Set<string>();
  for (const candidate of candidates) for (const name of Object.keys(candidate.metrics)) names.add(name);
  return [...names].sort(compareMetricNames);
}

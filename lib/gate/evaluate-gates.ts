import type { CandidateSummary, GateResult, Metric } from '../results/index.ts';
import type { ThresholdGate } from '../spec/index.ts';

const COMPARE: Record<ThresholdGate['op'], (value: number, threshold: number) => boolean> = {
  '>=': (value, threshold) => value >= threshold,
  '>': (value, threshold) => value > threshold,
  '<=': (value, threshold) => value <= threshold,
  '<': (value, threshold) => value < threshold,
  '==': (value, threshold) => value === threshold,
};

/**
 * Evaluates threshold gates against each candidate's metrics. A gate without `candidate`
 * applies to every model, and to every control or replay that reports the metric; a metric no
 * candidate reports fails, so a misspelt metric can never pass silently. A failed gate is a result, not an exception.
 */
export function evaluateGates(
  gates: readonly ThresholdGate[],
  candidates: Readonly<Record<string, CandidateSummary>>,
): GateResult[] {
  return gates.flatMap((gate) => evaluateGate(gate, candidates));
}

function evaluateGate(gate: ThresholdGate, candidates: Readonly<Record<string, CandidateSummary>>): GateResult[] {
  const targets = gate.candidate ? [gate.candidate] : Object.keys(candidates);
  if (!gate.candidate && !targets.some((candidate) => candidates[candidate]!.metrics[gate.metric])) {
    return [{ ...describeGate(gate, '*'), value: null, pass: false, reason: `no candidate reports metric "${gate.metric}"${silentNote(candidates)}` }];
  }
  const results: GateResult[] = [];
  for (const candidate of targets) {
    const metric = candidates[candidate]?.metrics[gate.metric];
    // Controls and replays may lack a metric (no latency without a call); a model that lacks one
    // (say, every call failed) fails the gate rather than slipping past it.
    if (!metric && !gate.candidate && isReferenceCandidate(candidates[candidate])) continue;
    results.push(checkMetric(gate, candidate, metric, candidates[candidate] !== undefined));
  }
  return results;
}

/** ` (large, small answered nothing)`: why a valid metric can be missing from every candidate. */
function silentNote(candidates: Readonly<Record<string, CandidateSummary>>): string {
  const silent = Object.entries(candidates).filter(([, c]) => (c.kind ?? 'model') === 'model' && c.n > 0 && c.errors === c.n).map(([id]) => id);
  return silent.length === 0 ? '' : ` (${silent.join(', ')} answered nothing)`;
}

function isReferenceCandidate(candidate: CandidateSummary | undefined): boolean {
  return candidate?.kind === 'control' || candidate?.kind === 'replay';
}

function describeGate(gate: ThresholdGate, candidate: string) {
  return {
    candidate,
    metric: gate.metric,
    op: gate.op,
    threshold: gate.value,
    on: gate.on,
    ...(gate.abs && { abs: true as const }),
  };
}

function checkMetric(gate: ThresholdGate, candidate: string, metric: Metric | undefined, known: boolean): GateResult {
  const head = describeGate(gate, candidate);
  if (!known) return { ...head, value: null, pass: false, reason: `candidate "${candidate}" is not in this run` };
  const value = metric ? gateValue(metric, gate) : null;
  if (value === null) {
    const what = gate.on === 'value' ? 'no value' : `no 95% interval for ${gate.on}`;
    return { ...head, value: null, pass: false, reason: `${gate.metric} has ${what} for "${candidate}"` };
  }
  const pass = COMPARE[gate.op](value, gate.value);
  const shown = `${gate.abs ? `|${gate.metric}|` : gate.metric}${gate.on === 'value' ? '' : ` (${gate.on})`}`;
  return { ...head, value, pass, reason: `${shown} = ${formatNumber(value)} ${pass ? 'meets' : 'fails'} ${gate.op} ${gate.value}` };
}

/** The number a gate compares: the value or an interval bound, optionally of |x|. */
function gateValue(metric: Metric, gate: ThresholdGate): number | null {
  if (gate.on === 'value') return metric.value === null ? null : gate.abs ? Math.abs(metric.value) : metric.value;
  if (!metric.ci95) return null;
  let [lo, hi] = metric.ci95;
  if (gate.abs) {
    // The interval of |x|: it starts at 0 when the interval of x straddles 0.
    [lo, hi] = lo <= 0 && hi >= 0 ? [0, Math.max(-lo, hi)] : [Math.min(Math.abs(lo), Math.abs(hi)), Math.max(Math.abs(lo), Math.abs(hi))];
  }
  return gate.on === 'ci_low' ? lo : hi;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '');
}

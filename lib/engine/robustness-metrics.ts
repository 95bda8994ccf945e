import type { Metric, MetricOf, ResultRecord } from '../results/index.ts';
import { mcnemarExact, pairedDifference, wilsonInterval } from '../stats/index.ts';
import { meanMetric } from './candidate-metrics.ts';

/** The link a perturbed record carries in `meta.perturbation` (see lib/datasets/perturbations). */
interface PerturbationLink {
  readonly baseId: string;
  readonly name: string;
}

/**
 * Robustness to perturbation (`dataset.perturbations`), per candidate, over base samples that were
 * answered both as written and perturbed. A sample's outcome is its primary pass (errors fail),
 * averaged over repeats; "passes" below means that average is ≥ ½.
 *
 * - `robustness.accuracy`: the mean over samples of the worst outcome over the original and every
 *   variant (HELM `compute_worst_case_metrics`, `metric.py`: the robustness worst case includes the
 *   unperturbed instance); `byCategory` per variant: worst of the original and that variant;
 *   `original` is the unperturbed accuracy on the same samples (HELM's `before_`).
 * - `consistency.rate`: the share of samples whose pass/fail is the same on the original and every
 *   variant (Wilson interval); `byCategory` per variant.
 * - `robustness.accuracy_change`: perturbed minus original accuracy, paired by sample, with the
 *   exact McNemar p-value (`pValue`, b = only the perturbed passed, c = only the original did) and
 *   a paired Wald interval; overall the worst case against the original, `byCategory` each variant.
 */
export class RobustnessAccumulator {
  private readonly samples = new Map<string, Map<string, number[]>>();

  constructor(private readonly primaryScorer: string) {}

  add(record: ResultRecord): void {
    const link = record.meta?.perturbation as PerturbationLink | undefined;
    if (!link || typeof link.baseId !== 'string' || typeof link.name !== 'string') return;
    let variants = this.samples.get(link.baseId);
    if (!variants) {
      variants = new Map();
      this.samples.set(link.baseId, variants);
    }
    const outcomes = variants.get(link.name) ?? [];
    outcomes[record.repeat] = !record.error && record.scores[this.primaryScorer]?.pass === true ? 1 : 0;
    variants.set(link.name, outcomes);
  }

  metrics(): Record<string, Metric> {
    const rows: { original: number; variants: Map<string, number> }[] = [];
    const names = new Set<string>();
    for (const variants of this.samples.values()) {
      const original = variants.get('original');
      if (!original || variants.size < 2) continue;
      const row = { original: meanOf(original), variants: new Map<string, number>() };
      for (const [name, outcomes] of variants) {
        if (name === 'original') continue;
        row.variants.set(name, meanOf(outcomes));
        names.add(name);
      }
      rows.push(row);
    }
    if (rows.length === 0) return {};
    const sortedNames = [...names].sort();
    const worst = rows.map((row) => Math.min(row.original, ...row.variants.values()));
    const perVariant = (name: string) => rows.filter((row) => row.variants.has(name));
    return {
      'robustness.accuracy': {
        ...meanMetric(worst),
        kind: 'robustness',
        original: meanOf(rows.map((row) => row.original)),
        variants: sortedNames,
        byCategory: Object.fromEntries(sortedNames.map((name) => [name, meanMetric(perVariant(name).map((row) => Math.min(row.original, row.variants.get(name)!)))])),
      },
      'consistency.rate': {
        ...rate(rows.map((row) => [...row.variants.values()].every((value) => passes(value) === passes(row.original)))),
        byCategory: Object.fromEntries(sortedNames.map((name) => [name, rate(perVariant(name).map((row) => passes(row.variants.get(name)!) === passes(row.original)))])),
      },
      'robustness.accuracy_change': {
        ...pairedChange(worst.map(passes), rows.map((row) => passes(row.original))),
        compared: 'worst case over variants vs original',
        byCategory: Object.fromEntries(
          sortedNames.map((name) => [name, pairedChange(perVariant(name).map((row) => passes(row.variants.get(name)!)), perVariant(name).map((row) => passes(row.original)))]),
        ),
      },
    };
  }
}

function pairedChange(perturbed: readonly boolean[], original: readonly boolean[]): MetricOf<'paired-difference'> {
  // diff = p_b − p_a, so the original goes first: diff = perturbed − original.
  const difference = pairedDifference(original, perturbed);
  const test = mcnemarExact(difference.onlyB, difference.onlyA);
  return { kind: 'paired-difference', value: difference.diff, n: difference.n, ci95: [difference.lo, difference.hi], pValue: test.pValue, b: test.b, c: test.c, test: test.test };
}

function rate(values: readonly boolean[]): MetricOf<'proportion'> {
  const hits = values.filter(Boolean).length;
  const { lo, hi } = wilsonInterval(hits, values.length);
  return { kind: 'proportion', value: hits / values.length, n: values.length, ci95: [lo, hi] };
}

function passes(value: number): boolean {
  return value >= 0.5;
}

function meanOf(values: readonly (number | undefined)[]): number {
  const present = values.filter((value): value is number => value !== undefined);
  return present.reduce((sum, value) => sum + value, 0) / present.length;
}

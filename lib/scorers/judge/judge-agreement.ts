import type { Metric } from '../../results/index.ts';
import { cohenKappa, fleissKappa, fleissTable, kendallTauB, krippendorffAlpha, spearmanRho, type AlphaLevel } from '../../stats/index.ts';
import { bootstrapped, rateOf, type JudgedItem } from './judge-rates.ts';

type Vote = string | number | null;

/**
 * Inter-judge agreement of a panel over the items it judged: Krippendorff's α (nominal for
 * verdicts and pass/fail; ordinal, with nominal and interval beside it, for grades on a scale),
 * Cohen's κ for two judges or Fleiss' κ for more, each with a seeded bootstrap interval over items.
 */
export function agreementMetrics(id: string, scored: readonly JudgedItem[], seed: number): Record<string, Metric> {
  const panel = scored.filter((item) => item.detail.kind === 'panel' && typeof item.detail.votes === 'object');
  if (panel.length === 0) return {};
  const judges = Object.keys(panel[0]!.detail.votes as Record<string, Vote>);
  const rows = panel.map((item) => judges.map((judge) => (item.detail.votes as Record<string, Vote>)[judge] ?? null));
  const numeric = rows.every((row) => row.every((vote) => vote === null || typeof vote === 'number')) && panel[0]!.detail.combine === 'mean';
  const alpha = (level: AlphaLevel) => bootstrapped(rows, (sample) => krippendorffAlpha(sample, level), seed);
  const metrics: Record<string, Metric> = {
    [`judge.${id}.alpha`]: { ...alpha(numeric ? 'ordinal' : 'nominal'), level: numeric ? 'ordinal' : 'nominal', judges, pooled: 'every judged answer of the run' },
  };
  if (numeric) {
    metrics[`judge.${id}.alpha_nominal`] = alpha('nominal');
    metrics[`judge.${id}.alpha_interval`] = alpha('interval');
  }
  if (judges.length === 2) {
    const both = rows.filter((row) => row[0] !== null && row[1] !== null);
    metrics[`judge.${id}.kappa`] = { ...bootstrapped(both, (sample) => cohenKappa(sample.map((row) => row[0]!), sample.map((row) => row[1]!)), seed), method: 'cohen' };
  } else {
    const complete = rows.filter((row) => row.every((vote) => vote !== null));
    const fleiss = (sample: readonly Vote[][]) => fleissKappa(fleissTable(sample).table);
    metrics[`judge.${id}.kappa`] = { ...bootstrapped(complete, fleiss, seed), method: 'fleiss', dropped: rows.length - complete.length };
  }
  return metrics;
}

/**
 * Judge–human agreement where the dataset has human labels (`humanLabel:`): accuracy (Wilson),
 * Cohen's κ, and for grades on a scale Spearman's ρ and Kendall's τ-b, with bootstrap intervals.
 * In a panel, each judge's own accuracy against the humans as well.
 */
export function humanAgreementMetrics(id: string, scored: readonly JudgedItem[], seed: number): Record<string, Metric> {
  const labelled = scored.filter((item) => item.detail.human !== undefined);
  if (labelled.length === 0) return {};
  const pairs = labelled.map((item) => ({ judge: judgeLabel(item), human: item.detail.human as string | number }));
  const metrics: Record<string, Metric> = {
    [`judge.${id}.human_accuracy`]: rateOf(labelled, (item) => String(judgeLabel(item)) === String(item.detail.human)),
    [`judge.${id}.human_kappa`]: bootstrapped(pairs, (sample) => cohenKappa(sample.map((p) => p.judge), sample.map((p) => p.human)), seed),
  };
  const scale = pairs.every((pair) => typeof pair.judge === 'number' && typeof pair.human === 'number');
  if (scale) {
    type Pair = (typeof pairs)[number];
    const x = (sample: readonly Pair[]) => sample.map((pair) => pair.judge as number);
    const y = (sample: readonly Pair[]) => sample.map((pair) => pair.human as number);
    metrics[`judge.${id}.human_spearman`] = bootstrapped(pairs, (sample) => spearmanRho(x(sample), y(sample)), seed);
    metrics[`judge.${id}.human_kendall_tau_b`] = bootstrapped(pairs, (sample) => kendallTauB(x(sample), y(sample)), seed);
  }
  const votes = labelled.filter((item) => item.detail.kind === 'panel');
  if (votes.length > 0) {
    for (const judge of Object.keys(votes[0]!.detail.votes as Record<string, Vote>)) {
      const rated = votes.filter((item) => (item.detail.votes as Record<string, Vote>)[judge] !== null);
      metrics[`judge.${id}.${judge}.human_accuracy`] = rateOf(rated, (item) => String(roundGrade((item.detail.votes as Record<string, Vote>)[judge]!)) === String(item.detail.human));
    }
  }
  return metrics;
}

/** The judge's label for an item, comparable with a human's: the outcome, or the grade rounded. */
function judgeLabel(item: JudgedItem): string | number {
  if (typeof item.detail.outcome === 'string') return item.detail.outcome;
  if (typeof item.detail.grade === 'number') return roundGrade(item.detail.grade);
  return item.pass ? 1 : 0;
}

function roundGrade(vote: string | number): string | number {
  return typeof vote === 'number' ? Math.round(vote) : vote;
}

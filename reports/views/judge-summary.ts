import type { ReportRun } from '../../lib/report/report-data.ts';
import type { Metric } from '../../lib/results/index.ts';
import { h } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { formatInterval, formatValue } from '../metrics.ts';
import { section, table } from './common.ts';

/** The judge figures shown per scorer, in this order, when the run has them. */
const JUDGE_FIGURES = [
  ['score', 'rate'],
  ['unscored', 'rate'],
  ['win_rate', 'rate'],
  ['tie_rate', 'rate'],
  ['loss_rate', 'rate'],
  ['position_consistency', 'rate'],
  ['stability', 'ratio'],
  ['alpha', 'ratio'],
  ['kappa', 'ratio'],
  ['human_accuracy', 'rate'],
  ['human_kappa', 'ratio'],
  ['bt_strength', 'ratio'],
] as const;

/**
 * The judges of a run: per judge scorer, each candidate's score, unscored rate, pairwise rates,
 * position consistency, agreement and judge–human figures with their intervals; and the pairwise
 * matrix (candidates × baselines: win / tie / loss). Null when the run has no judge scorer.
 */
export function judgeOverview(run: ReportRun): HTMLElement | null {
  const judgeScorers = run.manifest.scorers.filter((scorer) => scorer.type === 'judge');
  if (judgeScorers.length === 0 || !run.summary) return null;
  const candidates = Object.entries(run.summary.candidates);
  const tables = judgeScorers.map(({ id }) => {
    const metricOf = (metrics: Record<string, Metric>, figure: string): Metric | undefined => metrics[figure === 'score' ? `score.${id}` : `judge.${id}.${figure}`];
    const figures = JUDGE_FIGURES.filter(([figure]) => candidates.some(([, candidate]) => metricOf(candidate.metrics, figure)?.value !== undefined && metricOf(candidate.metrics, figure)?.value !== null));
    return h(
      'div',
      { class: 'judge-scorer', 'data-judge-scorer': id },
      h('h3', null, t('judge.heading', { id })),
      table({
        caption: t('judge.heading', { id }),
        head: [t('samples.candidate'), ...figures.map(([figure]) => t(`judge.figure.${figure}` as 'judge.figure.score'))],
        rows: candidates.map(([candidateId, candidate]) => [
          candidateId,
          ...figures.map(([figure, kind]) => {
            const metric = metricOf(candidate.metrics, figure);
            if (!metric || metric.value === null) return t('common.none');
            const ci = metric.ci95 as [number, number] | undefined;
            return [formatValue(kind, metric.value), ci ? h('span', { class: 'muted small' }, ` ${formatInterval(kind, ci)}`) : '', h('span', { class: 'muted small' }, ` n=${metric.n}`)];
          }),
        ]),
      }),
    );
  });
  return section({ id: 'judges', title: t('judge.sectionTitle'), intro: t('judge.sectionIntro') }, tables, pairwiseMatrix(run, judgeScorers));
}

function pairwiseMatrix(run: ReportRun, scorers: ReportRun['manifest']['scorers']): HTMLElement | null {
  const paramsOf = (scorer: (typeof scorers)[number]) => (scorer.params ?? {}) as Record<string, unknown>;
  const pairwise = scorers.filter((scorer) => paramsOf(scorer).kind === 'pairwise' || (paramsOf(scorer).kind === 'panel' && paramsOf(scorer).task === 'pairwise'));
  if (pairwise.length === 0 || !run.summary) return null;
  const baselineOf = (params: Record<string, unknown>): string => {
    const baseline = params.baseline as { field?: string; run?: string; candidate?: string } | undefined;
    return baseline?.candidate ?? (baseline?.field ? `field:${baseline.field}` : baseline?.run ? `run:${baseline.run}` : '?');
  };
  const candidates = Object.entries(run.summary.candidates);
  return h(
    'div',
    { class: 'judge-matrix' },
    h('h3', null, t('judge.matrix')),
    table({
      caption: t('judge.matrix'),
      head: [t('samples.candidate'), ...pairwise.map((scorer) => `${scorer.id} (${t('judge.vs')} ${baselineOf(paramsOf(scorer))})`)],
      rows: candidates.map(([candidateId, candidate]) => [
        candidateId,
        ...pairwise.map(({ id }) => {
          const rate = (name: string) => candidate.metrics[`judge.${id}.${name}`]?.value;
          const win = rate('win_rate');
          if (win === undefined || win === null) return '—';
          return `${formatValue('rate', win)} / ${formatValue('rate', rate('tie_rate'))} / ${formatValue('rate', rate('loss_rate'))}`;
        }),
      ]),
    }),
    h('p', { class: 'muted small' }, t('judge.matrixNote')),
  );
}

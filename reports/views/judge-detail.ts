import type { SampleRow } from '../../lib/report/report-data.ts';
import { h } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { table } from './common.ts';

/** One judge call as the record keeps it (lib/scorers/judge/judge-call.ts). */
interface CallView {
  readonly judge?: string;
  readonly order?: string;
  readonly sample?: number;
  readonly promptVersion?: string;
  readonly grade?: number;
  readonly verdict?: string;
  readonly rationale?: string;
  readonly problem?: string;
  readonly error?: { readonly code: string; readonly message: string };
  readonly attempts?: number;
  readonly latencyMs?: number | null;
  readonly output?: string | null;
}

/**
 * Per judge scorer of a record: the grade or outcome and, per call, the judge's verdict and its
 * rationale, next to the answer it judged; unscored items say why. Judge text is untrusted and
 * only ever inserted as text.
 */
export function judgeSections(row: SampleRow): HTMLElement[] {
  return Object.entries(row.scores)
    .filter(([, score]) => Array.isArray(score.detail?.calls))
    .map(([id, score]) => {
      const detail = score.detail!;
      const calls = detail.calls as CallView[];
      const headline = detail.isBaseline === true
        ? t('judge.isBaseline')
        : detail.unscored === true
          ? `${t('judge.unscored')}: ${(detail.error as CallView['error'])?.message ?? String(detail.problem ?? '')}`
          : typeof detail.outcome === 'string'
            ? `${t('judge.outcome')}: ${t(`judge.outcome.${detail.outcome}` as 'judge.outcome.win')}${detail.consistent === false ? ` (${t('judge.inconsistent')})` : ''}`
            : `${t('judge.grade')}: ${typeof detail.grade === 'number' ? Number(detail.grade.toFixed(3)) : score.pass ? '✓' : '✗'}`;
      return h(
        'section',
        { class: 'judge-card', 'data-judge-scorer': id },
        h('h3', null, t('judge.heading', { id })),
        h('p', { class: detail.unscored === true ? 'status judge-unscored' : 'status' }, headline, detail.selfPreference === true ? ` · ${t('judge.selfPreference')}` : ''),
        calls.length === 0
          ? null
          : table({
              caption: t('judge.heading', { id }),
              head: [t('judge.judge'), t('judge.order'), t('judge.verdict'), t('judge.rationale'), t('samples.attempts'), t('samples.latency')],
              rows: calls.map((call) => [
                [call.judge ?? '', h('br'), h('span', { class: 'muted small' }, call.promptVersion ?? '')],
                call.order ?? (call.sample !== undefined ? `#${call.sample + 1}` : ''),
                call.error ? `${call.error.code}` : call.verdict ?? (call.grade !== undefined ? String(call.grade) : call.problem ?? ''),
                h('pre', { class: 'text judge-rationale' }, call.error ? call.error.message : (call.rationale ?? call.output ?? '')),
                String(call.attempts ?? ''),
                call.latencyMs === null || call.latencyMs === undefined ? t('common.none') : `${call.latencyMs.toFixed(1)} ms`,
              ]),
            }),
      );
    });
}

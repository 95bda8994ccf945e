import type { ReportRun } from '../../lib/report/report-data.ts';
import { h, type Child } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { csvButton, formatDate, section, table } from './common.ts';
import { runHeader } from './overview.ts';

/** Manifest details: spec and dataset hashes, versions, git commit, candidates and scorers with parameters. */
export function provenanceView(run: ReportRun): { element: HTMLElement } {
  const { manifest, summary } = run;
  const facts: [string, Child][] = [
    [t('prov.spec'), [manifest.spec.name, ' — ', h('code', null, manifest.spec.path)]],
    [`${t('prov.spec')} ${t('prov.sha')}`, h('code', { class: 'break', 'data-field': 'spec-sha' }, manifest.spec.sha256)],
    [t('prov.dataset'), [manifest.dataset.paths.map((path) => h('code', { class: 'break' }, path)), ` (${manifest.dataset.format}, ${manifest.dataset.count.toLocaleString('en-US')} ${t('prov.count')})`]],
    [`${t('prov.dataset')} ${t('prov.sha')}`, h('code', { class: 'break', 'data-field': 'dataset-sha' }, manifest.dataset.sha256)],
    [t('prov.git'), manifest.git.commit ? [h('code', null, manifest.git.commit), ` (${manifest.git.dirty ? t('prov.dirty') : t('prov.clean')})`] : t('common.none')],
    [t('prov.versions'), Object.entries(manifest.versions).map(([name, version]) => h('span', { class: 'chip' }, `${name} ${String(version)}`))],
    [t('prov.created'), formatDate(manifest.createdAt)],
    [t('prov.times'), `${formatDate(summary?.startedAt)} – ${formatDate(summary?.finishedAt)}`],
    [t('prov.plan'), t('prov.planText', { items: manifest.plan.items.toLocaleString('en-US'), repeats: manifest.plan.repeats, shards: manifest.plan.shards.length, shardSize: manifest.plan.shardSize })],
  ];
  // The effective settings, command-line overrides included (run description, not the spec).
  facts.push([t('prov.execution'), h('code', { class: 'break' }, JSON.stringify(manifest.run.execution))]);
  const candidates = table({
    caption: t('prov.candidates'),
    head: [t('prov.id'), t('prov.provider'), t('prov.kind'), t('prov.params')],
    rows: manifest.candidates.map((candidate) => [candidate.id, candidate.provider, String(candidate.kind ?? ''), h('code', { class: 'break' }, JSON.stringify(candidate.params ?? {}))]),
    id: 'provenance-candidates',
  });
  const scorers = table({
    caption: t('prov.scorers'),
    head: [t('prov.id'), t('prov.type'), t('prov.params')],
    rows: manifest.scorers.map((scorer) => [scorer.id, scorer.type, h('code', { class: 'break' }, JSON.stringify(scorer.params ?? {}))]),
  });
  const csvRows = () => [
    ['field', 'value'],
    ['run_id', run.runId],
    ['spec_name', manifest.spec.name],
    ['spec_path', manifest.spec.path],
    ['spec_sha256', manifest.spec.sha256],
    ['dataset_paths', manifest.dataset.paths.join(' ')],
    ['dataset_sha256', manifest.dataset.sha256],
    ['dataset_count', manifest.dataset.count],
    ['git_commit', manifest.git.commit],
    ['git_dirty', manifest.git.dirty],
    ...Object.entries(manifest.versions).map(([name, version]) => [`version_${name}`, String(version)]),
    ['created_at', manifest.createdAt],
  ];
  return {
    element: h(
      'div',
      { class: 'view view-provenance' },
      runHeader(run),
      section(
        { id: 'provenance', title: t('prov.heading'), intro: t('prov.intro'), actions: csvButton(`${run.runId}-provenance.csv`, csvRows) },
        h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', null, term), h('dd', null, value)])),
      ),
      section({ id: 'prov-candidates', title: t('prov.candidates') }, candidates),
      section({ id: 'prov-scorers', title: t('prov.scorers') }, scorers),
      h('details', { class: 'card' }, h('summary', null, t('prov.resolved')), h('pre', { class: 'text code-block' }, JSON.stringify(manifest.spec.resolved, null, 2))),
    ),
  };
}

import type { ReportIndex, ReportRun } from '../lib/report/report-data.ts';
import { destroyCharts } from './charts/setup.ts';
import { button, clear, h, select } from './dom.ts';
import { language, LANGUAGES, setLanguage, t, type Language, type MessageKey } from './i18n/index.ts';
import { parseRoute, routeHash, type Route, type ViewName } from './router.ts';
import { hasBiasMetrics } from './views/bias-data.ts';
import { biasView } from './views/bias.ts';
import type { ViewResult } from './views/common.ts';
import { compareView } from './views/compare.ts';
import { overviewView } from './views/overview.ts';
import { provenanceView } from './views/provenance.ts';
import { runsView } from './views/runs.ts';
import { sampleDetailView } from './views/sample-detail.ts';
import { samplesView } from './views/samples.ts';

const RUN_TABS: readonly ViewName[] = ['overview', 'bias', 'samples', 'provenance'];

/** The page: a header with navigation, the language switch and print, and the routed view. */
export class ReportApp {
  private readonly main: HTMLElement;
  private readonly header: HTMLElement;
  private readonly banner: HTMLElement;
  private current: ViewResult | null = null;
  private rendered = false;

  constructor(
    private readonly index: ReportIndex,
    root: HTMLElement,
  ) {
    this.header = h('header', { class: 'topbar' });
    this.banner = h('div', { class: 'live-banner no-print', role: 'status', hidden: true });
    this.main = h('main', { id: 'main', tabindex: '-1' });
    clear(root);
    root.removeAttribute('aria-busy');
    root.append(
      h('a', { class: 'skip-link', href: '#main' }, t('app.skip')),
      this.header,
      this.banner,
      this.main,
      h('footer', { class: 'footer' }, h('span', { id: 'footer-text' })),
    );
    window.addEventListener('hashchange', () => {
      if (location.hash === '' || location.hash.startsWith('#/')) this.render();
    });
    if (index.live) this.watchBuild();
  }

  /** Renders the view for the current hash. */
  render(): void {
    const route = parseRoute(location.hash.startsWith('#/') ? location.hash : '');
    const run = this.runFor(route);
    destroyCharts();
    this.current?.dispose?.();
    this.renderHeader(route, run);
    const view = this.buildView(route, run);
    this.current = view;
    clear(this.main);
    this.main.appendChild(view.element);
    for (const mount of view.mounts ?? []) mount();
    document.title = `${run && route.view !== 'runs' && route.view !== 'compare' ? `${run.manifest.spec.name} · ` : ''}${t('app.title')}`;
    const footer = document.getElementById('footer-text');
    if (footer) footer.textContent = t('app.generated', { date: new Date(this.index.generatedAt).toLocaleString(language()), count: this.index.runs.length });
    if (this.rendered) this.main.focus({ preventScroll: true });
    this.rendered = true;
    document.documentElement.dataset.view = route.view;
    document.documentElement.dataset.ready = '1';
    performance.mark(`verdict:rendered:${route.view}`);
  }

  private runFor(route: Route): ReportRun | null {
    if (route.runId) return this.index.runs.find((run) => run.runId === route.runId) ?? null;
    return this.index.runs[0] ?? null;
  }

  private buildView(route: Route, run: ReportRun | null): ViewResult {
    if (this.index.runs.length === 0) return { element: h('p', { class: 'empty' }, t('app.noRuns')) };
    if (route.view === 'runs') return runsView(this.index);
    if (route.view === 'compare') return compareView(this.index, route);
    if (!run) return { element: h('section', { class: 'card' }, h('p', { class: 'empty' }, t('app.runNotFound', { id: route.runId ?? '' }))) };
    switch (route.view) {
      case 'bias':
        return biasView(run);
      case 'samples':
        return samplesView(run, route);
      case 'sample':
        return sampleDetailView(run, route.itemId ?? '');
      case 'provenance':
        return provenanceView(run);
      default:
        return overviewView(run);
    }
  }

  private renderHeader(route: Route, run: ReportRun | null): void {
    clear(this.header);
    const runId = run?.runId ?? null;
    const active = route.view === 'sample' ? 'samples' : route.view;
    const tab = (view: ViewName, href: string, extraClass = '') =>
      h('a', { href, class: `tab ${extraClass}`, 'aria-current': active === view ? 'page' : undefined, 'data-tab': view }, t(`nav.${view}` as MessageKey));
    const runTabs = runId
      ? RUN_TABS.map((view) => tab(view, routeHash({ view, runId }), view === 'bias' && run && !hasBiasMetrics(run) ? 'tab-dim' : ''))
      : [];
    const runPicker =
      this.index.runs.length > 1 && runId && route.view !== 'runs' && route.view !== 'compare'
        ? select({
            id: 'run-picker',
            label: t('app.run'),
            hideLabel: true,
            value: runId,
            choices: this.index.runs.map((item): [string, string] => [item.runId, `${item.manifest.spec.name} · ${item.runId}`]),
            onChange: (value) => {
              location.hash = routeHash({ view: route.view === 'sample' ? 'samples' : route.view, runId: value });
            },
          })
        : null;
    this.header.append(
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '✓'), h('span', { class: 'brand-name' }, 'Verdict')),
      h('nav', { class: 'tabs', 'aria-label': t('nav.label') }, runTabs, tab('compare', routeHash({ view: 'compare' })), tab('runs', routeHash({ view: 'runs' }))),
      h(
        'div',
        { class: 'toolbar no-print' },
        runPicker,
        select({
          id: 'lang',
          label: t('app.language'),
          hideLabel: true,
          value: language(),
          choices: Object.entries(LANGUAGES) as [string, string][],
          onChange: (value) => {
            setLanguage(value as Language);
            this.render();
          },
        }),
        button(t('app.print'), () => window.print(), { class: 'btn btn-quiet', id: 'print' }),
      ),
    );
  }

  /** Under `verdict serve`: poll data/build.json and offer a reload when the runs change. */
  private watchBuild(): void {
    const check = async () => {
      try {
        const response = await fetch('data/build.json', { cache: 'no-store' });
        const { buildId } = (await response.json()) as { buildId: string };
        if (buildId !== this.index.buildId && this.banner.hidden) {
          clear(this.banner);
          this.banner.append(h('span', null, t('app.liveChanged')), ' ', button(t('app.reload'), () => location.reload(), { class: 'btn' }));
          this.banner.hidden = false;
        }
      } catch {
        // The server may be restarting; try again on the next tick.
      }
    };
    setInterval(() => void check(), 2000);
  }
}

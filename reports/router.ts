/** The page's views. */
export type ViewName = 'runs' | 'overview' | 'bias' | 'samples' | 'sample' | 'compare' | 'provenance';

/** A parsed location hash: `#/run/<run-id>/<view>[/<item-id>]?<filters>` or `#/runs`, `#/compare?a=..&b=..`. */
export interface Route {
  readonly view: ViewName;
  readonly runId: string | null;
  readonly itemId: string | null;
  readonly params: URLSearchParams;
}

const RUN_VIEWS = new Set<ViewName>(['overview', 'bias', 'samples', 'sample', 'provenance']);

/** Parses a hash; anything unknown falls back to the latest run's overview. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts[0] === 'runs') return { view: 'runs', runId: null, itemId: null, params };
  if (parts[0] === 'compare') return { view: 'compare', runId: null, itemId: null, params };
  if (parts[0] === 'run' && parts[1]) {
    const view = (parts[2] ?? 'overview') as ViewName;
    return { view: RUN_VIEWS.has(view) ? view : 'overview', runId: parts[1], itemId: parts[3] ?? null, params };
  }
  return { view: 'overview', runId: null, itemId: null, params };
}

/** The hash for a route. */
export function routeHash(route: { view: ViewName; runId?: string | null; itemId?: string | null; params?: Record<string, string> }): string {
  const query = route.params ? new URLSearchParams(Object.entries(route.params).filter(([, value]) => value !== '')).toString() : '';
  const suffix = query ? `?${query}` : '';
  if (route.view === 'runs' || route.view === 'compare') return `#/${route.view}${suffix}`;
  const item = route.itemId ? `/${encodeURIComponent(route.itemId)}` : '';
  return `#/run/${encodeURIComponent(route.runId ?? '')}/${route.view}${item}${suffix}`;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

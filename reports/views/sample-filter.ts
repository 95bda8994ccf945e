import type { SampleRow } from '../../lib/report/report-data.ts';

/** The sample table's filters (kept in the URL so a filtered view can be linked). */
export interface SampleFilter {
  readonly candidate: string;
  readonly result: '' | 'pass' | 'fail' | 'error';
  readonly category: string;
  readonly text: string;
}

export function filterFromParams(params: URLSearchParams): SampleFilter {
  const result = params.get('r') ?? '';
  return {
    candidate: params.get('c') ?? '',
    result: result === 'pass' || result === 'fail' || result === 'error' ? result : '',
    category: params.get('cat') ?? '',
    text: params.get('q') ?? '',
  };
}

export function filterToParams(filter: SampleFilter): Record<string, string> {
  return { c: filter.candidate, r: filter.result, cat: filter.category, q: filter.text };
}

const haystacks = new WeakMap<SampleRow, string>();

/** The lower-cased text a search looks in: ids, prompt messages, output, reference, error. */
function haystack(row: SampleRow): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    text = [row.sampleId, row.itemId, ...row.prompt.map((message) => message.content), row.output ?? '', row.reference ?? '', row.error?.message ?? '']
      .join('\n')
      .toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

/** Indices of the rows that pass every filter (one linear pass; 100,000 rows take tens of ms). */
export function applyFilter(rows: readonly SampleRow[], filter: SampleFilter): number[] {
  const needle = filter.text.trim().toLowerCase();
  const out: number[] = [];
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (filter.candidate && row.candidate !== filter.candidate) continue;
    if (filter.category && row.category !== filter.category) continue;
    if (filter.result === 'error' && !row.error) continue;
    if (filter.result === 'pass' && row.pass !== true) continue;
    if (filter.result === 'fail' && (row.pass !== false || row.error)) continue;
    if (needle && !haystack(row).includes(needle)) continue;
    out.push(index);
  }
  return out;
}

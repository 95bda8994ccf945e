import type { RunComparison } from '../../lib/engine/index.ts';
import type { ResultRecord } from '../../lib/results/index.ts';

/** What is shown of one side of a flipped sample: the prompt it got and what came back. */
export interface SampleView {
  readonly prompt: string;
  readonly output: string | null;
  readonly error?: string;
}

/** The (candidate, sample) pairs whose records the flipped-sample view needs, per run. */
export function flippedSampleKeys(result: RunComparison, show: number): { a: Set<string>; b: Set<string> } {
  const a = new Set<string>();
  const b = new Set<string>();
  for (const pair of result.pairs) {
    for (const flip of [...pair.regressed.slice(0, show), ...pair.improved.slice(0, show)]) {
      a.add(keyOf(pair.a, flip.sampleId));
      b.add(keyOf(pair.b, flip.sampleId));
    }
  }
  return { a, b };
}

/** Reads the first record (lowest repeat) of each wanted (candidate, sample) from a run's records. */
export async function collectSampleViews(records: AsyncIterable<ResultRecord>, wanted: ReadonlySet<string>): Promise<Map<string, SampleView & { repeat: number }>> {
  const views = new Map<string, SampleView & { repeat: number }>();
  if (wanted.size === 0) return views;
  for await (const record of records) {
    const key = keyOf(record.candidate, record.sampleId);
    if (!wanted.has(key)) continue;
    const known = views.get(key);
    if (known && known.repeat <= record.repeat) continue;
    const user = [...record.prompt].reverse().find((message) => message.role === 'user') ?? record.prompt.at(-1);
    views.set(key, { prompt: user?.content ?? '', output: record.output, repeat: record.repeat, ...(record.error && { error: `${record.error.code}: ${record.error.message}` }) });
  }
  return views;
}

/**
 * The first `show` regressed and improved samples of each pair in full: the prompt (its last user
 * message) and both outputs, one line each, long text cut at `width` characters.
 */
export function formatFlippedSamples(
  result: RunComparison,
  views: { a: ReadonlyMap<string, SampleView>; b: ReadonlyMap<string, SampleView> },
  show: number,
  width = 200,
): string {
  const lines: string[] = [];
  for (const pair of result.pairs) {
    for (const [label, flips] of [['regressed', pair.regressed], ['improved', pair.improved]] as const) {
      for (const flip of flips.slice(0, show)) {
        const a = views.a.get(keyOf(pair.a, flip.sampleId));
        const b = views.b.get(keyOf(pair.b, flip.sampleId));
        lines.push(
          '',
          `${label}: ${flip.sampleId} (${pair.a} → ${pair.b})`,
          `  prompt: ${oneLine(a?.prompt ?? b?.prompt ?? '—', width)}`,
          `  A ${pair.a}: ${side(a, width)}`,
          `  B ${pair.b}: ${side(b, width)}`,
        );
      }
    }
  }
  return lines.length === 0 ? '' : [`flipped samples in full (first ${show} of each kind; --show N):`, ...lines].join('\n');
}

function side(view: SampleView | undefined, width: number): string {
  if (!view) return '—';
  if (view.error) return `(error) ${oneLine(view.error, width)}`;
  return view.output === null ? '(no output)' : oneLine(view.output, width);
}

/** Untrusted text on one terminal line: newlines shown as ⏎, control characters dropped, cut at `width`. */
function oneLine(text: string, width: number): string {
  const flat = text.replace(/\r?\n/g, ' ⏎ ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

function keyOf(candidate: string, sampleId: string): string {
  return `${candidate}\u0000${sampleId}`;
}

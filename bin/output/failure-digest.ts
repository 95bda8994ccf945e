import type { Summary } from '../../lib/results/index.ts';

interface GroupedCause {
  code: string;
  message: string;
  count: number;
  candidates: string[];
}

/** Candidates that are models and answered nothing: every item failed. */
export function silentCandidates(summary: Summary): string[] {
  return Object.entries(summary.candidates)
    .filter(([, candidate]) => (candidate.kind ?? 'model') === 'model' && candidate.n > 0 && candidate.errors === candidate.n)
    .map(([id]) => id);
}

/**
 * The first causes of a run's failed items, grouped across candidates, most frequent first:
 * `  20× PROVIDER_CONNECTION: POST http://127.0.0.1:47399/v1/chat/completions failed: … (large, small)`.
 * Empty when nothing failed. Older summaries without `errorCauses` get a count per candidate.
 */
export function formatFailureDigest(summary: Summary, limit = 5): string {
  const groups = new Map<string, GroupedCause>();
  const uncaused: string[] = [];
  for (const [id, candidate] of Object.entries(summary.candidates)) {
    if (candidate.errors === 0) continue;
    if (!candidate.errorCauses) uncaused.push(`${candidate.errors} of ${id}`);
    for (const cause of candidate.errorCauses ?? []) {
      const key = `${cause.code}\u0000${cause.message}`;
      const group = groups.get(key) ?? { code: cause.code, message: cause.message, count: 0, candidates: [] };
      group.count += cause.count;
      group.candidates.push(id);
      groups.set(key, group);
    }
  }
  if (groups.size === 0 && uncaused.length === 0) return '';
  const total = Object.values(summary.candidates).reduce((sum, candidate) => sum + candidate.errors, 0);
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
  const lines = [`failed items: ${total} (${sorted.length === 1 ? 'one cause' : `${sorted.length} causes, most frequent first`})`];
  for (const group of sorted.slice(0, limit)) {
    lines.push(`  ${group.count}× ${group.code}: ${group.message} (${group.candidates.join(', ')})`);
  }
  if (sorted.length > limit) lines.push(`  … and ${sorted.length - limit} more causes (see the records)`);
  if (uncaused.length > 0) lines.push(`  errors without a recorded cause: ${uncaused.join(', ')} (see the records)`);
  return lines.join('\n');
}

/** `1 cause`, `2 causes`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
